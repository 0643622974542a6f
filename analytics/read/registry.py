"""The format -> reader registry, and reading a file through it.

A reader is a function `(data, source_path) -> Document` in its own module; adding a format means
writing that module and adding one line to READERS. Every failure on bad input is a ReadError
naming the file. The limits of `analytics.read.limits` apply to every read: the file size before the
file is read, the time limit around the reader (zip-based readers check their archives themselves).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import PurePath

from analytics.errors import ReadError
from analytics.model import Document, Paragraph
from analytics.read.characters import script_tally
from analytics.read.html import read_html
from analytics.read.limits import check_file_size, check_text_size, time_limit
from analytics.read.plaintext import read_text
from analytics.read.shape import shape
from analytics.read.sniff import describe_format, sniff_format, suffix_format

Reader = Callable[[bytes, str], Document]


def _on_first_use(module: str, function: str) -> Reader:
    """A reader whose module, and the library it wraps (pypdfium2, python-docx, the spreadsheet
    readers…), is imported with the first file of its format. A run of text and web pages never
    loads them: the fork server, which loads the readers before any worker starts, is ready 0.08 s
    sooner."""

    def read(data: bytes, source_path: str) -> Document:
        reader: Reader = getattr(importlib.import_module(module), function)
        return reader(data, source_path)

    read.__name__ = read.__qualname__ = function
    return read


READERS: dict[str, Reader] = {
    "text": read_text,
    "docx": _on_first_use("analytics.read.docx", "read_docx"),
    "doc": _on_first_use("analytics.read.doc", "read_doc"),
    "pdf": _on_first_use("analytics.read.pdf", "read_pdf"),
    "xlsx": _on_first_use("analytics.read.spreadsheet", "read_spreadsheet"),
    "xls": _on_first_use("analytics.read.spreadsheet", "read_spreadsheet"),
    "ods": _on_first_use("analytics.read.spreadsheet", "read_spreadsheet"),
    "html": read_html,
    "mhtml": _on_first_use("analytics.read.mhtml", "read_mhtml"),
    "encrypted-office": _on_first_use("analytics.read.encrypted", "read_encrypted_office"),
}


TRADITIONAL_SHARE = 0.02
"""A document is in traditional characters when at least this share of its text (and 3 characters)
was converted: a simplified text may hold a stray traditional character or two."""

TEXT_FORMATS = frozenset({"text", "html"})
"""Formats held to the text size limit (`analytics.read.limits.MAX_TEXT_MB`)."""


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read the file at `path` into a Document; raise ReadError if it cannot be read.

    >>> doc = read_document("data/samples/langfang_kexie_2017_budget.txt")  # doctest: +SKIP
    >>> doc.format, doc.encoding, len(doc.tables)  # doctest: +SKIP
    ('text', 'utf-8', 3)
    """
    source_path = str(path)
    try:
        with open(path, "rb") as file:
            _check_size(os.fstat(file.fileno()).st_size, source_path)
            data = file.read()
    except OSError as exc:
        raise ReadError(f"cannot open the file: {exc.strerror or exc}", path=source_path) from exc
    return read_bytes(data, source_path)


def read_bytes(data: bytes, source_path: str) -> Document:
    """Read file bytes into a Document; `source_path` labels it and its suffix is a format hint.

    The format is sniffed from the content first (see `sniff_format`) and handed to its reader in
    READERS; when it is not what the suffix announces, `Document.notes` says so. Raises ReadError (with `path=source_path`) for an empty file, a format without a reader,
    content the reader cannot make sense of, or a file over a limit (size, expansion, time).
    """
    if not data:
        raise ReadError("empty file (0 bytes)", path=source_path)
    _check_size(len(data), source_path)
    suffix = PurePath(source_path).suffix
    name = sniff_format(data, suffix)
    reader = READERS.get(name)
    if reader is None:
        raise ReadError(_unsupported(name, suffix), path=source_path)
    if name in TEXT_FORMATS:
        try:
            check_text_size(len(data))
        except ReadError as exc:
            raise ReadError(exc.message, path=source_path) from None
    try:
        with time_limit(), script_tally() as characters:
            document = shape(reader(data, source_path))
    except ReadError as exc:
        if exc.path is None:  # the same kind of error (ReadTimeout stays one), now naming the file
            raise type(exc)(exc.message, path=source_path) from exc
        raise
    except Exception as exc:  # a reader bug or data it did not foresee: still a read failure of this file
        raise ReadError(f"the {name!r} reader failed: {exc!r}", path=source_path) from exc
    (converted,) = characters
    if converted >= 3 and converted >= TRADITIONAL_SHARE * _text_length(document):
        document.script = "traditional"
    announced = suffix_format(suffix)
    if announced is not None and announced != name and document.format != announced:
        document.notes.append(
            f"named {suffix} ({describe_format(announced)}) but holds {describe_format(name)}: read as that"
        )
    return document


def _text_length(document: Document) -> int:
    """Characters of text a document holds, in its paragraphs and cells."""
    return sum(
        len(b.text) if isinstance(b, Paragraph) else sum(len(c) for row in b.rows for c in row)
        for b in document.blocks
    )


def _check_size(size: int, source_path: str) -> None:
    try:
        check_file_size(size)
    except ReadError as exc:
        raise ReadError(exc.message, path=source_path) from None


def _unsupported(name: str, suffix: str) -> str:
    """The message for a file whose format has no reader."""
    if name == "unknown":
        return (
            f"unsupported format: the content is not a known format and the suffix {suffix!r} "
            "is not one of the known ones"
        )
    return f"this file is {describe_format(name)}; no reader for {name!r} yet"

"""The format -> reader registry, and reading a file through it.

A reader is a function `(data, source_path) -> Document` in its own module; adding a format means
writing that module and adding one line to READERS. Every failure on bad input is a ReadError
naming the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import PurePath

from analytics.errors import ReadError
from analytics.model import Document
from analytics.read.plaintext import read_text
from analytics.read.sniff import describe_format, sniff_format

Reader = Callable[[bytes, str], Document]

READERS: dict[str, Reader] = {
    "text": read_text,
}


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read the file at `path` into a Document; raise ReadError if it cannot be read.

    >>> doc = read_document("data/samples/langfang_kexie_2017_budget.txt")  # doctest: +SKIP
    >>> doc.format, doc.encoding, len(doc.tables)  # doctest: +SKIP
    ('text', 'utf-8', 3)
    """
    source_path = str(path)
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as exc:
        raise ReadError(f"cannot open the file: {exc.strerror or exc}", path=source_path) from exc
    return read_bytes(data, source_path)


def read_bytes(data: bytes, source_path: str) -> Document:
    """Read file bytes into a Document; `source_path` labels it and its suffix is a format hint.

    The format is sniffed from the content first (see `sniff_format`) and handed to its reader in
    READERS. Raises ReadError (with `path=source_path`) for an empty file, a format without a reader,
    or content the reader cannot make sense of.
    """
    if not data:
        raise ReadError("empty file (0 bytes)", path=source_path)
    suffix = PurePath(source_path).suffix
    name = sniff_format(data, suffix)
    reader = READERS.get(name)
    if reader is None:
        raise ReadError(_unsupported(name, suffix), path=source_path)
    try:
        return reader(data, source_path)
    except ReadError as exc:
        if exc.path is None:
            raise ReadError(exc.message, path=source_path) from exc
        raise
    except Exception as exc:  # a reader bug or data it did not foresee: still a read failure of this file
        raise ReadError(f"the {name!r} reader failed: {exc!r}", path=source_path) from exc


def _unsupported(name: str, suffix: str) -> str:
    """The message for a file whose format has no reader."""
    if name == "unknown":
        return (
            f"unsupported format: the content is not a known format and the suffix {suffix!r} "
            "is not one of the known ones"
        )
    return f"this file is {describe_format(name)}; no reader for {name!r} yet"

"""read_document / read_bytes: dispatch through READERS, and a ReadError naming the file for bad input."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from analytics.errors import ReadError
from analytics.model import Document, Paragraph
from analytics.read import READERS, read_bytes, read_document

from .conftest import SEED


def test_readers_registry() -> None:
    assert sorted(READERS) == ["text"]


def test_read_document_accepts_str_and_path(seed_document: Document) -> None:
    assert read_document(str(SEED)).source_path == str(SEED)
    assert read_document(SEED).blocks == seed_document.blocks


def test_read_bytes_labels_the_document_with_the_path_given() -> None:
    document = read_bytes("二、部门预算安排的总体情况\n".encode(), "in/memory.txt")
    assert document.source_path == "in/memory.txt"
    assert document.blocks == [Paragraph("二、部门预算安排的总体情况")]


def not_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file (0 bytes)"),
        (
            "random.txt",
            random.Random(7).randbytes(2048),
            "could not determine the text encoding: not UTF-8, UTF-16 or GB18030, and no other encoding "
            "gives sensible text (2048 bytes, ",
        ),
        (
            "nul.txt",
            b"\x00\x00\x00\x00" * 32,
            "could not determine the text encoding: decoding as utf-8 gives",
        ),
        (
            "report.docx",
            not_docx(),
            "this file is a ZIP archive that is neither a Word .docx nor an Excel .xlsx "
            "(no word/document.xml or xl/workbook.xml inside); no reader for 'zip' yet",
        ),
        ("budget.txt", b"%PDF-1.4\n...", "this file is a PDF document; no reader for 'pdf' yet"),
        ("page.doc", b"<html><body>x</body></html>", "this file is an HTML page; no reader for 'html' yet"),
        (
            "data.bin",
            b"\x01\x02",
            "unsupported format: the content is not a known format and the suffix '.bin'",
        ),
    ],
)
def test_bad_input_raises_read_error_naming_the_file(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert caught.value.path == str(path)
    assert caught.value.message.startswith(message)
    assert str(caught.value) == f"{path}: {caught.value.message}"
    assert caught.value.stage == "read"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert (caught.value.path, caught.value.message) == (
        str(path),
        "cannot open the file: No such file or directory",
    )


def test_a_failing_reader_becomes_a_read_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, source_path: str) -> Document:
        raise ValueError("unexpected layout")

    monkeypatch.setitem(READERS, "text", broken)
    with pytest.raises(ReadError) as caught:
        read_bytes(b"abc", "odd.txt")
    assert caught.value.path == "odd.txt"
    assert caught.value.message == "the 'text' reader failed: ValueError('unexpected layout')"
    assert isinstance(caught.value.__cause__, ValueError)

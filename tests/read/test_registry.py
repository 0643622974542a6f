"""read_document / read_bytes: dispatch through READERS, and a ReadError naming the file for bad input."""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analytics.errors import ReadError
from analytics.model import Document, Paragraph
from analytics.read import READERS, read_bytes, read_document
from analytics.read.sniff import OLE2_MAGIC

from .builders import Sheet, docx_bytes, w_p, xlsx_bytes, zip_bytes
from .conftest import SEED


def test_readers_registry() -> None:
    assert sorted(READERS) == [
        "doc",
        "docx",
        "encrypted-office",
        "html",
        "mhtml",
        "ods",
        "pdf",
        "text",
        "xls",
        "xlsx",
    ]


def test_the_office_and_pdf_readers_load_with_their_first_file() -> None:
    """Text and web pages are read without loading the other readers' libraries (the fork server
    imports the readers before any worker starts); a PDF or a workbook loads them when it comes."""
    code = (
        "import sys; import analytics.read; "
        "lazy = ('pypdfium2', 'docx', 'analytics.read.pdf', 'analytics.read.doc', 'analytics.read.docx', "
        "'analytics.read.spreadsheet', 'analytics.read.mhtml', 'analytics.read.encrypted'); "
        "print(sorted(m for m in lazy if m in sys.modules)); "
        "from analytics.read import read_bytes; "
        f"read_bytes(open({str(SEED)!r}, 'rb').read(), 'x.txt'); "
        "print(sorted(m for m in lazy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[]", "[]"]
    assert READERS["pdf"].__name__ == "read_pdf"


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
        ("budget.txt", b"%PDF-1.4\n...", "the PDF is damaged or not a PDF (Failed to load document"),
        ("random.pdf", random.Random(3).randbytes(4096), "the PDF is damaged or not a PDF"),
        ("slides.pptx", b"PK\x05\x06" + bytes(18), "this file is a ZIP archive"),
        ("cut.docx", docx_bytes(w_p("公务接待费"))[:300], "the file is a damaged or truncated zip archive"),
        (
            "cut.xlsx",
            xlsx_bytes([Sheet("表", [["a", 1]])])[:-40],
            "the file is a damaged or truncated zip archive",
        ),
        (
            "random.xls",
            OLE2_MAGIC + random.Random(5).randbytes(3000),
            "the workbook is damaged or not a workbook",
        ),
        (
            "broken.docx",
            zip_bytes({"word/document.xml": "<w:document><w:body>"}),
            "the main document part is not",
        ),
        (
            "other.docx",
            zip_bytes({"word/document.xml": "<root/>"}),
            "the main document part is not WordprocessingML",
        ),
        ("rtf.doc", b"{\\rtf1\\ansi hello}", "this file is an RTF document; no reader for 'rtf' yet"),
        (
            "secret.docx",
            OLE2_MAGIC + bytes(504) + "EncryptedPackage\x00".encode("utf-16-le"),
            "the document is password-protected",
        ),
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


def test_a_document_printed_in_traditional_characters_is_marked_so() -> None:
    traditional = "公務用車運行維護費決算數為2.94萬元,比上年減少0.07萬元。\n".encode()
    simplified = "公务用车运行维护费决算数为2.94万元,比上年减少0.07万元。\n".encode()
    assert read_bytes(traditional, "a.txt").script == "traditional"
    assert read_bytes(simplified, "b.txt").script == "simplified"
    assert read_bytes(traditional, "a.txt").paragraphs == read_bytes(simplified, "b.txt").paragraphs

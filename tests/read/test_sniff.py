"""Format sniffing: content decides first (magic bytes, archive members, markup), then the suffix."""

from __future__ import annotations

import io
import zipfile

import pytest

from analytics.read.sniff import OLE2_MAGIC, describe_format, sniff_format


def zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ole_bytes(*streams: str) -> bytes:
    # a compound file reduced to what the sniffer looks at: the magic and the directory's names
    return OLE2_MAGIC + bytes(504) + b"".join((name + "\x00").encode("utf-16-le") for name in streams)


DOCX_TYPES = '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
XLSX_TYPES = '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'


@pytest.mark.parametrize(
    ("data", "suffix", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ".txt", "pdf"),
        (b"\r\n%PDF-1.4\n", ".pdf", "pdf"),
        (
            zip_bytes({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": "<w:document/>"}),
            ".doc",
            "docx",
        ),
        (zip_bytes({"[Content_Types].xml": XLSX_TYPES, "xl/workbook.xml": "<workbook/>"}), ".docx", "xlsx"),
        (zip_bytes({"word/document.xml": "<w:document/>"}), "", "docx"),  # no content types: by member
        (zip_bytes({"xl/workbook.xml": "<workbook/>"}), "", "xlsx"),
        (zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text"}), ".doc", "odt"),
        (zip_bytes({"readme.txt": "部门预算"}), ".docx", "zip"),
        (b"PK\x03\x04 truncated archive", ".docx", "docx"),  # damaged: its reader says so
        (b"PK\x03\x04 truncated archive", ".zip", "zip"),
        (ole_bytes("Root Entry", "WordDocument", "1Table"), ".xls", "doc"),
        (ole_bytes("Root Entry", "Workbook"), ".doc", "xls"),
        (ole_bytes("Root Entry", "EncryptedPackage"), ".docx", "encrypted-office"),
        (ole_bytes("Root Entry", "Workbook", "WordDocument"), ".xls", "xls"),  # embedded Word object
        (ole_bytes("Root Entry", "Workbook", "WordDocument"), ".doc", "doc"),
        (ole_bytes("Root Entry", "Workbook", "WordDocument"), "", "doc"),
        (ole_bytes("Root Entry"), ".doc", "doc"),  # directory not recognised: the suffix decides
        (ole_bytes("Root Entry"), ".txt", "ole"),
        (b"{\\rtf1\\ansi\\ansicpg936 ...}", ".doc", "rtf"),
        (b"\x89PNG\r\n\x1a\n....", ".txt", "png"),
        (b"<!DOCTYPE html>\n<html><body>..", ".doc", "html"),
        (b"\xef\xbb\xbf  <HTML><HEAD><META charset=gbk>", ".txt", "html"),
        ("<html><body>预算</body></html>".encode("utf-16"), ".txt", "html"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', ".xml", "html"),
        (b'<?xml version="1.0"?><w:wordDocument/>', ".doc", "xml"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", ".doc", "mhtml"),
        ("部门预算".encode(), ".txt", "text"),
        ("部门预算".encode(), ".TXT", "text"),
        ("部门预算".encode(), "", "text"),
        ("<一>部门预算".encode(), ".txt", "text"),  # a leading '<' alone is not markup
        (b"a,b\n1,2\n", ".csv", "csv"),
        (b"plain words", ".htm", "html"),  # nothing in the content says otherwise: the suffix decides
        (b"plain words", ".xyz", "unknown"),
    ],
)
def test_sniff_format(data: bytes, suffix: str, expected: str) -> None:
    assert sniff_format(data, suffix) == expected


def test_describe_format() -> None:
    assert describe_format("pdf") == "a PDF document"
    assert describe_format("odd") == "a 'odd' file"

"""Zip members inflated through a stream that stops at their declared size, and the XML a document may
parse (analytics.read.limits: read_member, XmlBudget, check_zip(xml_parsed=True)).

The memory tests run the reader in a subprocess and compare its peak resident memory before and after:
an archive whose header lies must not make the reader allocate what the data really holds.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analytics.errors import ReadError
from analytics.read import read_bytes
from analytics.read.limits import XmlBudget, check_zip, read_member

from .builders import DOCX_CONTENT_TYPES, DOCX_RELS, Sheet, docx_bytes, w_p, xlsx_bytes

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def understated(real_size: int, declared: int = 4096) -> bytes:
    """A .docx whose word/document.xml holds `real_size` bytes (a paragraph, then spaces: deflate
    packs them ~1000:1) while both zip headers declare `declared`: small enough to pass every check
    made on declared sizes."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", DOCX_RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head)
            spaces = b" " * (1 << 20)
            for _ in range(real_size >> 20):
                member.write(spaces)
    data = bytearray(buffer.getvalue())
    name = b"word/document.xml"
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_offset : start + name_offset + len(name)] == name:
                data[start + size_offset : start + size_offset + 4] = declared.to_bytes(4, "little")
            start += 4
    return bytes(data)


MEASURE = """
import resource, sys
from analytics.read import read_bytes
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    read_bytes(data, sys.argv[1])
    outcome = "read"
except Exception as exc:
    outcome = str(exc)
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024
print(grown)
print(outcome)
"""


def peak_growth_mb(path: Path) -> tuple[int, str]:
    """How far the peak memory of a fresh process grows (MB) while reading `path`, and the outcome."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=True,
    )  # fmt: skip
    grown, outcome = done.stdout.splitlines()[:2]
    return int(grown), outcome


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX-only")
def test_a_header_that_understates_a_member_costs_no_memory(tmp_path: Path) -> None:
    """Before: zipfile inflated up to 1 GB per step before truncating at the declared size (the
    tester's .docx reached 2.2 GB per worker). Now the stream stops at the declared size in 1 MB
    steps and the CRC says the archive is damaged."""
    path = tmp_path / "understated.docx"
    path.write_bytes(understated(400 << 20))
    assert path.stat().st_size < 1 << 20
    grown, outcome = peak_growth_mb(path)
    assert grown < 64, f"reading it grew the peak memory by {grown} MB"
    assert "the .docx archive is damaged (Bad CRC-32 for file 'word/document.xml')" in outcome


def test_xml_over_the_limit_is_refused_before_it_is_inflated(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large but legal .docx (every zip check passes) whose XML is over the per-document limit."""
    body = w_p("一般公共预算财政拨款支出合计" + "".join(f"{i}.36" for i in range(40))) * 3000
    data = docx_bytes(body)
    check_zip(data)  # legal: nothing a zip check refuses
    size = len(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")) / (1 << 20)
    monkeypatch.setenv("ANALYTICS_MAX_XML_MB", "0.5")
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "large.docx")
    assert caught.value.message == (
        f"the document holds {size:.1f} MB of XML, over the limit of 0.5 MB per document "
        "(set ANALYTICS_MAX_XML_MB to change it; parsing takes about 15 times as much memory)"
    )
    monkeypatch.delenv("ANALYTICS_MAX_XML_MB")
    assert len(read_bytes(data, "large.docx").paragraphs) == 3000


def test_a_workbook_is_held_to_the_xml_limit_across_its_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    data = xlsx_bytes([Sheet(f"表{i}", [["公务接待费", 1.36]] * 400) for i in range(3)])
    monkeypatch.setenv("ANALYTICS_MAX_XML_MB", "0.02")
    with pytest.raises(ReadError, match=r"MB of XML, over the limit of 0.02 MB per document"):
        read_bytes(data, "book.xlsx")
    monkeypatch.setenv("ANALYTICS_MAX_XML_MB", "0")  # 0: no limit
    assert len(read_bytes(data, "book.xlsx").tables) == 3


def test_read_member_charges_one_budget_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", b"<a/>" * 100_000)  # 400,000 bytes each
        archive.writestr("b.xml", b"<b/>" * 100_000)
        archive.writestr("c.xml", b"<c/>", compress_type=zipfile.ZIP_BZIP2)
    monkeypatch.setenv("ANALYTICS_MAX_XML_MB", "0.5")  # 524,288 bytes: one member fits, not two
    with zipfile.ZipFile(buffer) as archive:
        budget = XmlBudget()
        assert read_member(archive, "a.xml", budget) == b"<a/>" * 100_000
        with pytest.raises(ReadError, match=r"the document holds 0\.8 MB of XML"):
            read_member(archive, "b.xml", budget)
        with pytest.raises(ReadError, match="a compression method Office files do not use"):
            read_member(archive, "c.xml", XmlBudget())

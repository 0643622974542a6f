"""Limits: file size, zip expansion (checked before inflating) and reading time, each a ReadError."""

from __future__ import annotations

import io
import threading
import time
import zipfile
from pathlib import Path

import pytest

from analytics.errors import ReadError
from analytics.model import Document
from analytics.read import READERS, read_bytes, read_document
from analytics.read.limits import ReadTimeout, check_time, check_zip, time_limit
from analytics.read.subprocesses import run_converter

from .builders import DOCX_CONTENT_TYPES, Sheet, docx_bytes, w_p, xlsx_bytes


def test_file_size_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("公务接待费".encode() * 100_000)  # 1.5 MB
    monkeypatch.setenv("ANALYTICS_MAX_FILE_MB", "1")
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert caught.value.path == str(path)
    assert (
        caught.value.message
        == "the file is 1.4 MB, over the limit of 1 MB (set ANALYTICS_MAX_FILE_MB to change it)"
    )
    monkeypatch.setenv("ANALYTICS_MAX_FILE_MB", "0")  # 0: no limit
    assert read_document(path).format == "text"


def test_text_and_web_pages_have_a_lower_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANALYTICS_MAX_TEXT_MB", raising=False)
    line = "公务接待费1.36万元。\n".encode()
    big = line * (21 * 1024 * 1024 // len(line))  # 21 MB of text: over the default 20
    for name, data in (("big.txt", big), ("big.html", b"<html><body><p>" + big + b"</p></body></html>")):
        with pytest.raises(ReadError, match=r"MB of text, over the limit of 20 MB for plain text") as info:
            read_bytes(data, f"/corpus/{name}")
        assert info.value.path == f"/corpus/{name}"
    monkeypatch.setenv("ANALYTICS_MAX_TEXT_MB", "0.0001")  # about 100 bytes
    with pytest.raises(ReadError, match="ANALYTICS_MAX_TEXT_MB"):
        read_bytes(line * 20, "/corpus/small.txt")
    assert read_bytes(line * 3, "/corpus/tiny.txt").paragraphs == ["公务接待费1.36万元。"] * 3
    monkeypatch.setenv("ANALYTICS_MAX_TEXT_MB", "0")  # 0 turns it off
    assert len(read_bytes(line * 20, "/corpus/small.txt").paragraphs) == 20


def test_a_bad_limit_setting_is_a_read_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANALYTICS_READ_TIMEOUT_S", "soon")
    with pytest.raises(ReadError, match="ANALYTICS_READ_TIMEOUT_S must be a number, not 'soon'"):
        read_bytes(b"abc", "x.txt")


def bomb(size: int) -> bytes:
    """A .docx whose document part is `size` bytes of zeros (deflate packs them ~1000:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    data = bomb(64 << 20)
    assert len(data) < 100_000
    started = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "bomb.docx")
    assert time.perf_counter() - started < 0.5
    assert caught.value.message.startswith("archive member 'word/document.xml' expands ")
    assert caught.value.message.endswith(
        "over the limit of 100 (MAX_COMPRESSION_RATIO): refused as a possible zip bomb"
    )


def test_the_total_expansion_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("analytics.read.limits.MAX_UNCOMPRESSED_MB", 0.001)
    with pytest.raises(ReadError, match=r"the archive would expand to 0 MB, over the limit of 0.001 MB"):
        read_bytes(docx_bytes(w_p("公务接待费" * 200)), "x.docx")


def lying(data: bytes, member: str, declared: int) -> bytes:
    """`data` with the declared uncompressed size of `member` changed in both zip headers."""
    patched = bytearray(data)
    name = member.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := patched.find(signature, start)) >= 0:
            if patched[start + name_offset : start + name_offset + len(name)] == name:
                patched[start + size_offset : start + size_offset + 4] = declared.to_bytes(4, "little")
            start += 4
    return bytes(patched)


def test_a_member_longer_than_declared_is_refused_for_calamine() -> None:
    data = xlsx_bytes([Sheet("s", [["公务接待费", 1.36]] * 50)])
    with pytest.raises(ReadError, match="holds more data than its declared 10 bytes"):
        check_zip(lying(data, "xl/worksheets/sheet1.xml", 10), verify_streams=True)
    check_zip(data, verify_streams=True)  # the honest archive passes


def slow_reader(data: bytes, source_path: str) -> Document:
    while True:  # pure Python: SIGALRM interrupts it
        sum(range(1000))


def test_a_reader_running_too_long_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(READERS, "text", slow_reader)
    monkeypatch.setenv("ANALYTICS_READ_TIMEOUT_S", "0.2")
    started = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        read_bytes(b"abc", "slow.txt")
    assert time.perf_counter() - started < 2
    assert isinstance(caught.value, ReadTimeout)
    assert (caught.value.path, caught.value.message) == (
        "slow.txt",
        "reading took longer than the time limit of 0.2 s (set ANALYTICS_READ_TIMEOUT_S to change it)",
    )


def test_outside_the_main_thread_readers_check_the_time_themselves() -> None:
    outcome: list[BaseException] = []

    def work() -> None:
        try:
            with time_limit(0.05):
                time.sleep(0.1)
                check_time()
        except ReadTimeout as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert len(outcome) == 1


def test_a_converter_running_too_long_is_killed() -> None:
    started = time.perf_counter()
    with pytest.raises(ReadTimeout, match=r"took longer than the time limit of 0\.2 s"), time_limit(0.2):
        run_converter(["sleep", "5"])
    assert time.perf_counter() - started < 2

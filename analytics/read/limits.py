"""Limits that keep one hostile or broken file from taking the whole machine: file size, the
expansion of zip-based formats (.docx, .xlsx), and reading time.

- File size: MAX_FILE_MB (200), or the environment variable ANALYTICS_MAX_FILE_MB; 0 turns it off.
  Plain text and web pages have a lower one, MAX_TEXT_MB (20), or ANALYTICS_MAX_TEXT_MB: a thousand
  pages of text are about 3 MB, so a 100 MB text file is a log or a dump, which would take minutes
  and gigabytes to read as one disclosure. (Web archives, .mht, carry their images: the file limit.)
- Zip archives: the members' declared sizes are checked *before* anything is extracted: at most
  MAX_UNCOMPRESSED_MB in all, and no member over 1 MB that expands more than MAX_COMPRESSION_RATIO
  times (real Office XML compresses 5-30x; a zip bomb 1,000x). Only stored and deflated members are
  read (bzip2 and LZMA are never inflated). A member a reader reads itself goes through
  `read_member`: inflated 1 MB at a time, stopping at its declared size (a header that understates
  it gives a CRC error, not gigabytes), and charged to the document's `XmlBudget`. For readers that
  inflate with their own code (python-calamine), `check_zip(..., verify_streams=True)` inflates each
  member in bounded steps, keeping nothing, and checks that it ends exactly at its declared size.
- XML: the XML a reader parses from one document (a .docx's main part; every XML part of a
  workbook) is at most MAX_XML_MB (32), or ANALYTICS_MAX_XML_MB, checked on the declared sizes before
  anything is inflated. Parsing costs memory: a .docx's tree about 15 times its XML, a workbook's
  cells about 7 times, so 32 MB of XML peaks near 0.5 GB in the worker. The limits are per document
  and a worker parses one document at a time: under `--jobs N` the parsing peaks at N times that at
  the very worst (about 0.2 GB + N x (0.6 GB + the file's size); the bad-file corpus of the tests
  peaks at 0.56 GB for the whole process tree with --jobs 2).
- Time: READ_TIMEOUT_S (60), or ANALYTICS_READ_TIMEOUT_S; 0 turns it off. In the main thread a
  SIGALRM timer interrupts the reader (no thread is left running); elsewhere (or when another timer
  is in use) the deadline is only checked where readers call `check_time()` in their loops.
  Converters run as subprocesses get the time left (`time_left()`) and are killed when it runs out.
  Native code (pdfium, calamine) is interrupted when it returns to Python, at the latest per page or
  sheet.

Every refusal is a ReadError naming the limit (the registry adds the file's path).
"""

from __future__ import annotations

import io
import signal
import struct
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import FrameType
from typing import Any

from analytics.errors import ReadError
from analytics.settings import READ_TIMEOUT_S as READ_TIMEOUT_S  # where it always was, for readers
from analytics.settings import number as _setting
from analytics.settings import read_timeout_s as read_timeout_s

MAX_FILE_MB = 200.0
MAX_TEXT_MB = 20.0
MAX_UNCOMPRESSED_MB = 500.0
MAX_XML_MB = 32.0
MAX_COMPRESSION_RATIO = 100.0
_RATIO_FLOOR_BYTES = 1 << 20  # small members may compress as well as they like: they cannot hurt
_INFLATE_STEP = 1 << 20
_MB = 1 << 20

_Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers
_deadline: ContextVar[tuple[float, float] | None] = ContextVar("analytics_read_deadline", default=None)


class ReadTimeout(ReadError):
    """The reader ran past the time limit."""


def max_file_bytes() -> int | None:
    """The file size limit in bytes (None: no limit), from ANALYTICS_MAX_FILE_MB or MAX_FILE_MB."""
    megabytes = _setting("ANALYTICS_MAX_FILE_MB", MAX_FILE_MB)
    return int(megabytes * _MB) if megabytes > 0 else None


def max_text_bytes() -> int | None:
    """The size limit for plain text and web pages in bytes (None: no limit), from
    ANALYTICS_MAX_TEXT_MB or MAX_TEXT_MB."""
    megabytes = _setting("ANALYTICS_MAX_TEXT_MB", MAX_TEXT_MB)
    return int(megabytes * _MB) if megabytes > 0 else None


def max_xml_bytes() -> int | None:
    """The XML a reader may parse from one document, in bytes (None: no limit), from
    ANALYTICS_MAX_XML_MB or MAX_XML_MB."""
    megabytes = _setting("ANALYTICS_MAX_XML_MB", MAX_XML_MB)
    return int(megabytes * _MB) if megabytes > 0 else None


def check_xml_size(size: int) -> None:
    """Raise ReadError if `size` bytes of XML from one document are over the XML limit."""
    limit = max_xml_bytes()
    if limit is not None and size > limit:
        raise ReadError(
            f"the document holds {size / _MB:.1f} MB of XML, over the limit of {limit / _MB:.4g} MB per "
            "document (set ANALYTICS_MAX_XML_MB to change it; parsing takes about 15 times as much memory)"
        )


class XmlBudget:
    """The XML one document may still inflate and parse: `read_member` charges it, declared sizes
    before inflating and actual bytes as they come."""

    def __init__(self) -> None:
        self.limit = max_xml_bytes()
        self.used = 0

    def charge(self, size: int) -> None:
        self.used += size
        if self.limit is not None and self.used > self.limit:
            check_xml_size(self.used)


def read_member(archive: zipfile.ZipFile, name: str, budget: XmlBudget) -> bytes:
    """A member of `archive`, inflated 1 MB at a time and never past its declared size (zipfile
    stops there and checks the CRC: a header that understates the size is a damaged archive, not
    gigabytes of memory), charged to `budget`. ReadError for another compression method than stored
    or deflated (bzip2 and LZMA inflate without bound per step) and over the budget; zipfile's own
    errors (BadZipFile for a CRC mismatch) go to the caller."""
    member = archive.getinfo(name)
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ReadError(f"archive member {name!r} uses a compression method Office files do not use")
    check_xml_size(budget.used + member.file_size)  # the declared size: refused before inflating
    pieces: list[bytes] = []
    with archive.open(member) as stream:
        while piece := stream.read(_INFLATE_STEP):
            budget.charge(len(piece))
            pieces.append(piece)
            check_time()
    return b"".join(pieces)


def check_text_size(size: int) -> None:
    """Raise ReadError if plain text or a web page of `size` bytes is over the text size limit."""
    _check_limit(
        size, max_text_bytes(), "MB of text", " for plain text and web pages", "ANALYTICS_MAX_TEXT_MB"
    )


def check_file_size(size: int) -> None:
    """Raise ReadError if a file of `size` bytes is over the file size limit."""
    _check_limit(size, max_file_bytes(), "MB", "", "ANALYTICS_MAX_FILE_MB")


def _check_limit(size: int, limit: int | None, unit: str, scope: str, setting: str) -> None:
    if limit is not None and size > limit:
        raise ReadError(
            f"the file is {size / _MB:.1f} {unit}, over the limit of {limit / _MB:g} MB{scope} "
            f"(set {setting} to change it)"
        )


def check_zip(data: bytes, *, verify_streams: bool = False, xml_parsed: bool = False) -> None:
    """Refuse a zip archive that would expand too far, from its declared sizes, before extracting.

    With `verify_streams`, also inflate every member in bounded steps (nothing is kept) and refuse
    one whose data does not end at its declared size: for readers that trust the data, not the
    header. With `xml_parsed` (a reader that parses every XML part, as calamine does), the XML parts
    together are held to the XML limit. Raises ReadError for a corrupt or password-protected archive
    too.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise ReadError(f"the file is a damaged or truncated zip archive ({exc})") from exc
    if any(member.flag_bits & 0x1 for member in members):
        raise ReadError(
            "the archive is password-protected (encrypted zip members); remove the password first"
        )
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_MB * _MB:
        raise ReadError(
            f"the archive would expand to {total / _MB:.0f} MB, over the limit of {MAX_UNCOMPRESSED_MB:g} MB "
            "(MAX_UNCOMPRESSED_MB): refused as a possible zip bomb"
        )
    for member in members:
        if member.file_size > _RATIO_FLOOR_BYTES and member.file_size > MAX_COMPRESSION_RATIO * max(
            member.compress_size, 1
        ):
            raise ReadError(
                f"archive member {member.filename!r} expands {member.file_size / max(member.compress_size, 1):.0f}"
                f" times ({member.compress_size} -> {member.file_size} bytes), over the limit of "
                f"{MAX_COMPRESSION_RATIO:g} (MAX_COMPRESSION_RATIO): refused as a possible zip bomb"
            )
    if xml_parsed:
        check_xml_size(sum(m.file_size for m in members if m.filename.lower().endswith((".xml", ".rels"))))
    if verify_streams:
        for member in members:
            _verify_member(data, member)


def _verify_member(data: bytes, member: zipfile.ZipInfo) -> None:
    """Inflate one member in steps, keeping nothing; refuse it if it is longer than declared."""
    offset = member.header_offset
    header = data[offset : offset + 30]
    if len(header) < 30 or not header.startswith(b"PK\x03\x04"):
        raise ReadError(f"the zip archive is damaged: no local header for member {member.filename!r}")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_length + extra_length
    compressed = data[start : start + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        inflated = len(compressed)
    elif member.compress_type == zipfile.ZIP_DEFLATED:
        inflated = _inflated_size(compressed, member)
    else:
        raise ReadError(f"archive member {member.filename!r} uses an unsupported compression method")
    if inflated != member.file_size:
        raise ReadError(
            f"archive member {member.filename!r} holds {'more' if inflated > member.file_size else 'less'}"
            f" data than its declared {member.file_size} bytes: refused as damaged or a possible zip bomb"
        )


def _inflated_size(compressed: bytes, member: zipfile.ZipInfo) -> int:
    """How many bytes a raw deflate stream inflates to, stopping once it passes the declared size."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    pending = compressed
    try:
        while pending and size <= member.file_size:
            size += len(inflater.decompress(pending, _INFLATE_STEP))
            pending = inflater.unconsumed_tail
            check_time()
        if size <= member.file_size and not inflater.eof:
            size += len(inflater.flush())
    except zlib.error as exc:
        raise ReadError(f"archive member {member.filename!r} is damaged ({exc})") from exc
    return size


@contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Run the block under the read time limit (`seconds`, or `read_timeout_s()` when None).

    Raises ReadTimeout from inside the block when the time runs out: at once in the main thread
    (SIGALRM), otherwise at the next `check_time()`. Nested limits keep the outer deadline if it is
    sooner.
    """
    limit = read_timeout_s() if seconds is None else seconds
    if limit is None or limit <= 0:
        yield
        return
    now = time.monotonic()
    outer = _deadline.get()
    deadline = (now + limit, limit) if outer is None or now + limit < outer[0] else outer
    token = _deadline.set(deadline)
    alarm = _start_alarm(deadline[0] - now, deadline[1]) if outer is None else None
    try:
        yield
    finally:
        if alarm is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, alarm)
        _deadline.reset(token)


def check_time() -> None:
    """Raise ReadTimeout if the current read has run past its time limit (cheap: call it in loops)."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise _timeout(deadline[1])


def time_left() -> float | None:
    """Seconds left for the current read (None: no limit); at least a small positive number."""
    deadline = _deadline.get()
    if deadline is None:
        return None
    return max(deadline[0] - time.monotonic(), 0.01)


def _start_alarm(seconds: float, limit: float) -> _Handler | None:
    """Arm SIGALRM to raise ReadTimeout; return the previous handler, or None if it cannot be used."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return None
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # someone else's timer: do not steal it
        return None

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise _timeout(limit)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return signal.SIG_DFL if previous is None else previous  # None: a handler not set from Python


def _timeout(limit: float) -> ReadTimeout:
    return ReadTimeout(
        f"reading took longer than the time limit of {limit:g} s (set ANALYTICS_READ_TIMEOUT_S to change it)"
    )

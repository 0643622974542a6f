"""Opening the files an ingest found, safely: regular files only, the very file the walk saw, in bounded time.

A FIFO would block an open for ever and a device never ends, so a file is opened without blocking
and looked at (fstat) before a byte is read. A file swapped for another since the walk saw it (for a
symlink out of the folder, say) is refused. Hashing stops at the read time limit.

>>> file_kind(stat.S_IFIFO)
'a FIFO (named pipe)'
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from analytics.errors import ReadError, describe_os_error
from analytics.settings import read_timeout_s

Identity = tuple[int, int]
"""(st_dev, st_ino): which file a path named when the walk saw it."""

OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)
"""O_NONBLOCK: opening a FIFO must not wait for a writer (no effect on a regular file)."""


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


@dataclass(frozen=True)
class Unhashed:
    """Why a file could not be hashed. A regular file (unreadable, too slow, swapped while we looked)
    is a read failure recorded in the database; anything else (gone, a FIFO, a device, a symlink
    loop) is reported only, as a missing file is."""

    detail: str
    regular: bool


def hash_seconds() -> float | None:
    """The time limit of hashing one file: the read limit (importing the read stage for it would
    cost 0.3 s)."""
    return read_timeout_s()


def file_sha256(
    path: Path | str, identity: Identity | None = None, seconds: float | None = None
) -> str | Unhashed:
    """The file's sha256, or why there is none. Only a regular file is read: the open does not block
    and the opened file is checked before a byte is read; `identity` is what the walk saw at this
    path (a file swapped for another since then is refused); `seconds` bounds the time it takes."""
    try:
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            return Unhashed("no such file", regular=False)
        if isinstance(exc, PermissionError):
            return Unhashed(f"cannot open the file: {exc.strerror or exc}", regular=True)
        return Unhashed(describe_os_error(exc), regular=False)
    digest = hashlib.sha256()
    deadline = None if seconds is None else time.monotonic() + seconds
    with open(descriptor, "rb", buffering=0, closefd=True) as file:
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                return Unhashed(f"{file_kind(info.st_mode)}, not a regular file: skipped", regular=False)
            if identity is not None and (info.st_dev, info.st_ino) != identity:
                return Unhashed("the file was replaced by another while it was being ingested", regular=True)
            while chunk := file.read(1 << 20):
                digest.update(chunk)
                if deadline is not None and time.monotonic() > deadline:
                    return Unhashed(
                        f"reading the file took longer than the time limit of {seconds:g} s "
                        "(set ANALYTICS_READ_TIMEOUT_S to change it)",
                        regular=True,
                    )
        except OSError as exc:
            return Unhashed(f"cannot read the file: {describe_os_error(exc)}", regular=True)
    return digest.hexdigest()


def require_regular_file(path: str) -> None:
    """ReadError unless `path` is a regular file: a FIFO would block the reader's open, a device
    would never end. (A missing or unreadable file is left to the reader to describe.)"""
    try:
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError:
        return
    try:
        mode = os.fstat(descriptor).st_mode
    finally:
        os.close(descriptor)
    if not stat.S_ISREG(mode):
        raise ReadError(f"{file_kind(mode)}, not a regular file", path=path)


__all__ = [
    "OPEN_FLAGS",
    "Identity",
    "Unhashed",
    "file_kind",
    "file_sha256",
    "hash_seconds",
    "require_regular_file",
]

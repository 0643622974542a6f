"""One root exception with context; each stage raises its own subclass, wrapping the cause. And an
OSError in words, for the messages that name a file.
"""

from __future__ import annotations

import errno


class AnalyticsError(Exception):
    """Root of the package's exceptions. `stage` and `path` say where it happened."""

    stage: str = "analytics"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class ReadError(AnalyticsError):
    """A file could not be turned into a Document (corrupt, unknown encoding, unsupported format…)."""

    stage = "read"


class ExtractError(AnalyticsError):
    stage = "extract"


class LoadError(AnalyticsError):
    stage = "load"


class DatabaseError(AnalyticsError):
    """The database is missing, locked by another process, or cannot be opened as asked."""

    stage = "database"


def describe_os_error(exc: OSError) -> str:
    """An OSError in a few words, without the path (the caller names it).

    >>> describe_os_error(PermissionError(13, "Permission denied"))
    'permission denied'
    """
    if exc.errno == errno.ELOOP:
        return "a symlink loop (too many levels of symbolic links)"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its class name when it has none)."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__

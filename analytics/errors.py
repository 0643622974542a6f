"""One root exception with context; each stage raises its own subclass, wrapping the cause."""

from __future__ import annotations


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

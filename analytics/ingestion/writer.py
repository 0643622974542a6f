"""The writing side of an ingest run: what waits for the next write, and the write itself.

Only the process that called `ingest` writes. Files whose outcome is due (parsed documents, parse
failures, files settled before parsing) wait in `Writer.pending`, in the order they came; a flush
writes the parsed documents of the batch in one transaction (one by one if that fails, so that only
the one at fault fails), records each failure in the database, and gives every file its outcome in
that order.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from analytics.errors import AnalyticsError, DatabaseError, LoadError
from analytics.ingestion.files import Unhashed
from analytics.ingestion.report import FileError
from analytics.ingestion.worker import Parsed
from analytics.load import LoadResult, Store
from analytics.load.batch import PreparedDocument

FLUSH_SECONDS = 1.0
"""A batch is written at the latest this long after the previous one, however few documents it has."""

Outcome = tuple[LoadResult, FileError | None]


@dataclass
class Pending:
    """A file whose outcome waits for the next write: in arrival order, so events stay in order."""

    index: int  # the file's place in the run
    path: str
    parsed: Parsed | None = None  # to write (PreparedDocument) or record (FileError)
    settle: str | None = None  # a sha256 the store settles ('unchanged' with a noted error, 'duplicate')
    result: LoadResult | None = None  # already known: unchanged, missing
    error: FileError | None = None


class Writer:
    """Batches of pending files: up to `batch_size`, or whatever came within FLUSH_SECONDS."""

    def __init__(self, store: Store, batch_size: int) -> None:
        self.store = store
        self.batch_size = batch_size
        self.pending: list[Pending] = []
        self.last_flush = time.monotonic()

    @property
    def full(self) -> bool:
        return len(self.pending) >= self.batch_size

    @property
    def due(self) -> bool:
        """A batch is full, or the last write was FLUSH_SECONDS ago."""
        return self.full or time.monotonic() - self.last_flush >= FLUSH_SECONDS

    def flush(self) -> Iterator[tuple[Pending, Outcome | None]]:
        """Write what is pending: the parsed documents in one transaction, now; then each file's
        outcome, in order, settled as it is asked for (None: the file has to be parsed after all).
        Files added meanwhile wait for the next flush."""
        self.last_flush = time.monotonic()
        entries, self.pending = self.pending, []
        documents = [e.parsed for e in entries if isinstance(e.parsed, PreparedDocument)]
        written = dict(zip((d.source_path for d in documents), self._write(documents), strict=True))
        return ((entry, self._outcome(entry, written)) for entry in entries)

    def _write(self, documents: Sequence[PreparedDocument]) -> list[LoadResult | FileError]:
        """Write documents in one transaction; if that fails, one by one (only the culprit fails)."""
        if not documents:
            return []
        try:
            return list(self.store.write_prepared(documents))
        except LoadError as exc:
            if len(documents) > 1:
                return [outcome for d in documents for outcome in self._write([d])]
            path = documents[0].source_path
            message = f"load failed for {path}: {exc.message}"
            return [FileError(path, "load", message, type(exc).__name__, documents[0].sha256)]

    def _outcome(self, entry: Pending, written: dict[str, LoadResult | FileError]) -> Outcome | None:
        """The outcome of a pending file, recorded in the store; None if it has to be parsed after all."""
        if entry.result is not None:
            return entry.result, entry.error
        if entry.settle is not None:
            settled = self.store.skip_if_loaded(entry.path, entry.settle)
            # None: the bytes are no longer loaded anywhere (their holder changed meanwhile)
            return None if settled is None else (settled, None)
        parsed = entry.parsed
        outcome = written[parsed.source_path] if isinstance(parsed, PreparedDocument) else parsed
        if isinstance(outcome, FileError):
            return record_failure(self.store, outcome)
        assert outcome is not None
        return outcome, None


def record_failure(store: Store, error: FileError) -> Outcome:
    """Record a failed file in the database (the report gets it either way)."""
    try:
        return store.record_error(error.path, error.message, sha256=error.sha256), error
    except DatabaseError:  # the database cannot be written at all (disk full): the run stops
        raise
    except AnalyticsError as exc:  # the row could not be written: the report still says what happened
        message = f"{error.message} (and recording it failed: {exc.message})"
        return LoadResult(error.path, "failed", error=message), replace(error, message=message)


def unhashed(index: int, path: str, why: Unhashed) -> Pending:
    """A file that could not be hashed: a read failure, recorded in the database if it is a regular
    file. Anything else (gone, a FIFO, a device, a symlink loop) is reported only: there is no
    document to record."""
    message = f"read failed for {path}: {why.detail}"
    if why.regular:
        return Pending(index, path, parsed=FileError(path, "read", message, "ReadError"))
    error = FileError(path, "read", message, "AnalyticsError")
    return Pending(index, path, result=LoadResult(path, "failed", error=message), error=error)


__all__ = ["FLUSH_SECONDS", "Pending", "Writer", "record_failure", "unhashed"]

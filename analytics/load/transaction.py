"""One write transaction on the store, and what a failed write is called.

A DuckDB error while rows are written rolls the transaction back and becomes a `LoadError` of the
document (or batch) being written: the rest of the run goes on. An error of the database file itself
(disk full, I/O, an invalidated database) becomes a `DatabaseError`: no later write could succeed.
"""

from __future__ import annotations

import contextlib
from types import TracebackType

import duckdb

from analytics.errors import DatabaseError, LoadError, first_line

STORAGE_FAILURE = "cannot write to the database"


class Transaction:
    """BEGIN … COMMIT, rolled back on any exception; DuckDB errors become LoadError (nothing written)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, source_path: str | None, database: str) -> None:
        self.connection = connection
        self.source_path = source_path
        self.database = database

    def __enter__(self) -> None:
        self.connection.begin()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is None:
            try:
                self.connection.commit()
            except duckdb.Error as failed:  # the write-ahead log could not be written: disk full, I/O
                with contextlib.suppress(duckdb.Error):
                    self.connection.rollback()
                raise _storage_error(failed, self.database) from failed
            return
        with contextlib.suppress(duckdb.Error):
            self.connection.rollback()
        if isinstance(exc, duckdb.Error):
            if _is_storage_failure(exc):
                raise _storage_error(exc, self.database) from exc
            raise LoadError(
                f"could not write to the database, nothing was changed: {first_line(exc)}",
                path=self.source_path,
            ) from exc


def _is_storage_failure(exc: duckdb.Error) -> bool:
    """An error of the database file itself (disk full, I/O, an invalidated database), not of the
    rows being written: no later write can succeed either."""
    return isinstance(exc, duckdb.IOException | duckdb.FatalException) or "invalidated" in str(exc)


def _storage_error(exc: duckdb.Error, database: str) -> DatabaseError:
    return DatabaseError(
        f"{STORAGE_FAILURE} ({first_line(exc)}); the documents written before this are kept: make "
        "room (or fix the disk) and run the ingest again",
        path=database,
    )


__all__ = ["STORAGE_FAILURE", "Transaction"]

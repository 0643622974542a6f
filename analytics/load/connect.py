"""Opening a DuckDB file, with DuckDB's failures turned into one clear `DatabaseError`.

DuckDB lets one process write a database file, or many processes read it, never both: a second
process gets an IO error about a lock. That error is rewritten to say who holds the file and what to
do about it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import duckdb

from analytics.errors import DatabaseError

DEFAULT_DB = Path("data/analytics.duckdb")
"""The database used when none is named (the CLI also reads the ANALYTICS_DB environment variable)."""

MEMORY = ":memory:"

_LOCK_RE = re.compile(r"Could not set lock|Conflicting lock", re.IGNORECASE)
_PID_RE = re.compile(r"\(PID (\d+)\)")


def lock_message(duckdb_message: str) -> str:
    """What to tell a user whose open failed on DuckDB's file lock.

    >>> lock_message('IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held in '
    ...              '/usr/bin/python3 (PID 4242).')
    'the database is in use by another process (pid 4242); DuckDB allows one writer or many readers — wait for it to finish'
    """
    pid = _PID_RE.search(duckdb_message)
    holder = f"another process (pid {pid.group(1)})" if pid else "another process"
    return (
        f"the database is in use by {holder}; "
        "DuckDB allows one writer or many readers — wait for it to finish"
    )


def _describe(exc: duckdb.Error) -> str:
    text = str(exc)
    if _LOCK_RE.search(text):
        return lock_message(text)
    if isinstance(exc, duckdb.ConnectionException) and "different configuration" in text:
        return (
            "the database is already open in this process in the other mode (read-only vs read-write); "
            "close that connection first"
        )
    if "not a valid DuckDB database file" in text:
        return "the file exists but is not a DuckDB database"
    return f"cannot open the database: {text}"


def connect(
    path: str | os.PathLike[str], *, read_only: bool = False, config: Mapping[str, str] | None = None
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to the file at `path` (`':memory:'` for a throwaway in-memory database).

    Writable opens create the file and its parent folders; a read-only open of a missing file fails
    instead of creating an empty database. `config`: DuckDB settings applied at connect (e.g.
    `analytics.load.readonly.SANDBOX_CONFIG`). Every failure is a `DatabaseError` naming the file.
    """
    name = os.fspath(path)
    settings: dict[str, str | bool | int | float | list[str]] = dict(config or {})
    if name == MEMORY:
        if read_only:
            raise DatabaseError("an in-memory database cannot be opened read-only", path=name)
        return duckdb.connect(MEMORY, config=settings)
    file = Path(name)
    if file.is_dir():
        raise DatabaseError("this is a folder, not a database file", path=name)
    if read_only and not file.exists():
        raise DatabaseError("no database here (nothing has been ingested into it yet)", path=name)
    if not read_only:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create the folder for the database: {exc}", path=name) from exc
    try:
        return duckdb.connect(name, read_only=read_only, config=settings)
    except duckdb.Error as exc:
        raise DatabaseError(_describe(exc), path=name) from exc

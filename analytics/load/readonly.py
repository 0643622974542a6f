"""Ad-hoc SQL that can only read: what `analytics sql` (and `Store.read_query`) let through.

Opening the database read-only stops writes to *it*, not writes elsewhere: `COPY … TO`, `EXPORT
DATABASE`, `ATTACH` (of a new file, or of a hard link to this one, writable), `INSTALL` all work on a
read-only connection. So two locks:

1. Every statement is classified by DuckDB's own parser (`extract_statements`, not keywords) before
   anything runs, and only statements that read are run: SELECT in all its forms (WITH, FROM-first,
   VALUES, DESCRIBE, SHOW, SUMMARIZE) and EXPLAIN [ANALYZE] of one. Anything else (COPY, EXPORT,
   ATTACH, INSTALL/LOAD, SET, PRAGMA, CALL, PREPARE, transactions, writes) refuses the whole input:
   nothing of it runs.
2. The connection is opened with extension auto-install and auto-load off, community extensions off,
   and its configuration locked (a statement cannot turn any of this back on).

Reading files stays possible, as analysts compare the database with files of their own:
`read_csv`, `read_parquet`, `read_json` on local paths (with the rights of the user running the
command). Remote URLs (https://, s3://) need the httpfs extension, which is not loaded.
"""

from __future__ import annotations

import re

import duckdb

from analytics.load.query import QueryError, query_error_message

SANDBOX_CONFIG: dict[str, str] = {
    "autoinstall_known_extensions": "false",
    "autoload_known_extensions": "false",
    "allow_community_extensions": "false",
    "allow_unsigned_extensions": "false",
    "lock_configuration": "true",
}
"""DuckDB settings of a connection for ad-hoc SQL (set at connect: the last one locks them)."""

ALLOWED = "SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, and EXPLAIN of one of these"

_EXPLAIN = re.compile(r"\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?", re.IGNORECASE)
_FIRST_WORD = re.compile(r"\s*(\w+)")


def read_statements(connection: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    """The statements of `sql`, each checked to only read; QueryError (nothing run) if one does not.

    >>> con = duckdb.connect()
    >>> read_statements(con, "select 1; describe select 2")
    ['select 1;', ' describe select 2']
    >>> read_statements(con, "select 1; copy (select 1) to 'x.csv'")
    Traceback (most recent call last):
    ...
    analytics.load.query.QueryError: COPY is not allowed: analytics sql runs only statements that read (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, and EXPLAIN of one of these), so nothing was run
    """
    statements = _parse(connection, sql)
    if not statements:
        raise QueryError("no SQL statement given")
    for statement in statements:
        if not _reads_only(connection, statement):
            raise QueryError(
                f"{_kind(statement)} is not allowed: analytics sql runs only statements that read "
                f"({ALLOWED}), so nothing was run"
            )
    return [statement.query for statement in statements]


def _parse(connection: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    try:
        return list(connection.extract_statements(sql))
    except duckdb.Error as exc:
        raise QueryError(query_error_message(exc)) from exc


def _reads_only(connection: duckdb.DuckDBPyConnection, statement: duckdb.Statement) -> bool:
    if statement.type == duckdb.StatementType.SELECT:
        return True
    if statement.type == duckdb.StatementType.EXPLAIN:
        # EXPLAIN ANALYZE runs its statement: what follows EXPLAIN must parse as one SELECT. Any form
        # this does not take apart (EXPLAIN (FORMAT json) …) is refused, never run.
        prefix = _EXPLAIN.match(statement.query)
        if prefix is None:
            return False
        try:
            inner = connection.extract_statements(statement.query[prefix.end() :])
        except duckdb.Error:
            return False
        return len(inner) == 1 and inner[0].type == duckdb.StatementType.SELECT
    return False


def _kind(statement: duckdb.Statement) -> str:
    """What the user wrote, for the message: its first word (INSTALL, not the parser's LOAD)."""
    found = _FIRST_WORD.match(statement.query)
    return found.group(1).upper() if found else statement.type.name


__all__ = ["ALLOWED", "SANDBOX_CONFIG", "read_statements"]

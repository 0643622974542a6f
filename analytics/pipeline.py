"""The ingest pipeline: files -> read -> extract -> validate -> load.

Every file ends in exactly one `LoadResult`. A file that fails at any stage is recorded (in the report
and in the database) and the batch goes on. The library never prints: pass `progress` to follow along.

How a run goes (see docs/scale.md):

1. The files are listed, then hashed (sha256) a chunk at a time by a few threads of this process.
   One query up front says which paths are already loaded with the same bytes and parser version:
   those are 'unchanged' and are never read. One query per chunk finds bytes loaded under another
   path ('duplicate'). A file whose bytes another file of this run is already parsing waits for it.
2. The rest is parsed (read, extract, validate, and made into rows, column by column) by `jobs` worker processes
   (or on a Dask cluster), a few files per task, with a bounded number of tasks in flight: memory
   stays flat however large the corpus.
3. This process alone writes the database, in batches: up to `batch_size` documents, or whatever
   arrived within FLUSH_SECONDS, in one transaction with one bulk INSERT per table. A run that is
   killed loses at most the batch being written (it is rolled back as a whole; the database stays
   consistent) and the documents still being parsed; the next run settles what was committed as
   'unchanged' and does the rest. If a batch cannot be written, its documents are written one by one
   so that only the one at fault fails.

>>> report = ingest(["data/samples"], db="data/analytics.duckdb")  # doctest: +SKIP
>>> report.documents_loaded, report.facts_written, report.errors  # doctest: +SKIP
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from analytics.errors import AnalyticsError, DatabaseError, LoadError, ReadError
from analytics.executors.choose import check_executor, executor_for
from analytics.load import DEFAULT_DB, PARSER_VERSION, LoadResult, Store, open_store
from analytics.load.batch import PreparedDocument, build_rows
from analytics.load.corrections import CorrectionsReport, apply_corrections, corrections_path
from analytics.model import Check, Document, Extraction
from analytics.settings import read_timeout_s
from analytics.walk import (
    Identity,
    Skipped,
    Unreadable,
    Walk,
    describe_os_error,
    file_kind,
    walk,
)
from analytics.walk import find_files as find_files  # where it used to live


@dataclass(frozen=True)
class FileError:
    """One file that could not be ingested: where it failed and why."""

    path: str
    stage: str  # 'walk' (a folder that cannot be read), 'read', 'extract', 'validate' or 'load'
    message: str  # names the file and the stage; also what `documents.error` holds
    error_type: str  # the exception's class name, e.g. 'ReadError'


@dataclass(frozen=True)
class IngestProgress:
    """Sent to the progress callback before (`result` None) and after each file."""

    done: int  # files finished so far
    total: int
    path: str
    result: LoadResult | None = None


ProgressCallback = Callable[[IngestProgress], None]


@dataclass
class IngestReport:
    """What one `ingest` call did, file by file, with the totals people ask for first."""

    db_path: str
    parser_version: str = PARSER_VERSION
    results: list[LoadResult] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)  # with prune: files gone, their rows removed
    not_pruned: list[str] = field(default_factory=list)  # with prune: folders holding no disclosure
    skipped: list[Skipped] = field(default_factory=list)  # FIFOs, devices, symlinks out of the folders…
    corrections: CorrectionsReport | None = None  # the hand corrections applied after the run
    database_failed_errors: int = 0  # failed checks of severity 'error' in the whole database
    database_failed_warnings: int = 0  # … of severity 'warning'

    def _count(self, *statuses: str) -> int:
        return sum(r.status in statuses for r in self.results)

    @property
    def documents_seen(self) -> int:
        """Files looked at in this run, whatever became of them."""
        return len(self.results)

    @property
    def documents_loaded(self) -> int:
        """New or replaced documents written in this run."""
        return self._count("loaded", "replaced")

    @property
    def documents_replaced(self) -> int:
        """Of the loaded: those that replaced an earlier version of the file at the same path."""
        return self._count("replaced")

    @property
    def documents_unchanged(self) -> int:
        """Files already loaded with the same bytes and parser version: skipped."""
        return self._count("unchanged")

    @property
    def documents_duplicate(self) -> int:
        """Files whose bytes are already loaded under another path: not loaded twice."""
        return self._count("duplicate")

    @property
    def documents_failed(self) -> int:
        """Files that could not be read, extracted, validated or loaded (see `errors`)."""
        return self._count("failed")

    @property
    def facts_written(self) -> int:
        """Fact rows written in this run."""
        return sum(r.facts for r in self.results)

    @property
    def failed_check_errors(self) -> int:
        """Failed checks of severity 'error' in the documents written in this run."""
        return sum(r.failed_errors for r in self.results)

    @property
    def failed_check_warnings(self) -> int:
        """Failed checks of severity 'warning' in the documents written in this run."""
        return sum(r.failed_warnings for r in self.results)

    @property
    def documents_without_figures(self) -> int:
        """Of the loaded: documents that gave no figure, table line or goal (each has a failed
        `no_figures` check saying what was recognised)."""
        return sum(
            r.status in ("loaded", "replaced") and not (r.facts or r.budget_lines or r.goals)
            for r in self.results
        )

    @property
    def ok(self) -> bool:
        """True when every file was ingested (failed checks do not count: they are data)."""
        return not self.errors


Reader = Callable[[Path], Document]
Extractor = Callable[[Document], Extraction]
Validator = Callable[[Extraction], list[Check]]

DEFAULT_BATCH_SIZE = 200
"""Documents written per transaction."""

FLUSH_SECONDS = 1.0
"""A batch is written at the latest this long after the previous one, however few documents it has."""

HASH_CHUNK = 512
"""Files hashed (and looked up as possible duplicates) together."""

FILES_PER_TASK = 4
"""Files sent to a worker in one task: enough to make the cost of a task small, few enough to balance."""

TASKS_PER_SLOT = 8
"""Tasks kept in flight per worker slot: workers never wait for work, memory stays bounded."""

HASH_THREADS = 4

GC_THRESHOLD = 50_000

ENV_PREFIX = "ANALYTICS_"  # settings (read limits) that workers must see as this process does


def _stages() -> tuple[Reader, Extractor, Validator]:
    """The stage functions, imported on first use so that `import analytics` stays light."""
    from analytics.extract import extract
    from analytics.read import read_document
    from analytics.validate import validate

    return read_document, extract, validate


@dataclass(frozen=True)
class Unhashed:
    """Why a file could not be hashed. A regular file (unreadable, too slow, swapped while we looked)
    is a read failure recorded in the database; anything else (gone, a FIFO, a device, a symlink
    loop) is reported only, as a missing file is."""

    detail: str
    regular: bool


_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)
"""O_NONBLOCK: opening a FIFO must not wait for a writer (no effect on a regular file)."""


def _sha256(
    path: Path | str, identity: Identity | None = None, seconds: float | None = None
) -> str | Unhashed:
    """The file's sha256, or why there is none. Only a regular file is read: the open does not block
    and the opened file is checked before a byte is read; `identity` is what the walk saw at this
    path (a file swapped for another since then is refused); `seconds` bounds the time it takes."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            return Unhashed("no such file", regular=False)
        if isinstance(exc, PermissionError):
            return Unhashed(f"cannot open the file: {exc.strerror or exc}", regular=True)
        return Unhashed(describe_os_error(exc), regular=False)
    digest = hashlib.sha256()
    deadline = None if seconds is None else time.monotonic() + seconds
    with open(descriptor, "rb", buffering=0, closefd=True) as file:
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                return Unhashed(f"{file_kind(info.st_mode)}, not a regular file: skipped", regular=False)
            if identity is not None and (info.st_dev, info.st_ino) != identity:
                return Unhashed("the file was replaced by another while it was being ingested", regular=True)
            while chunk := file.read(1 << 20):
                digest.update(chunk)
                if deadline is not None and time.monotonic() > deadline:
                    return Unhashed(
                        f"reading the file took longer than the time limit of {seconds:g} s "
                        "(set ANALYTICS_READ_TIMEOUT_S to change it)",
                        regular=True,
                    )
        except OSError as exc:
            return Unhashed(f"cannot read the file: {describe_os_error(exc)}", regular=True)
    return digest.hexdigest()


def _hash_seconds() -> float | None:
    return read_timeout_s()  # from analytics.settings: importing the read stage here would cost 0.3 s


# -- what a worker does with one file --------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """A file that could not be parsed (or made into rows): what the report and `documents` get."""

    path: str
    stage: str
    message: str
    error_type: str
    sha256: str | None

    def error(self) -> FileError:
        return FileError(self.path, self.stage, self.message, self.error_type)


Parsed = PreparedDocument | Failure


def parse_file(path: str, sha256: str | None = None) -> Parsed:
    """Read, extract, validate and prepare one file: a pure function of its bytes (and path).

    Never raises for a bad file (nor for a bug in a stage): the failure is returned, naming the file
    and the stage. Runs in worker processes; `sha256` is the hash the caller saw, for the record.
    """
    from analytics.read.limits import ReadTimeout, time_limit

    read_document, extract, validate = _stages()
    stage = "read"
    try:
        document = _read(read_document, path, sha256)
        sha256 = document.sha256
        with time_limit():  # the rest of the file's work has a time limit of its own
            stage = "extract"
            extraction = extract(document)
            stage = "validate"
            checks = validate(extraction)
            stage = "load"
            return build_rows(document, extraction, checks)
    except ReadTimeout as exc:
        detail, error_type = exc.message, type(exc).__name__
        if stage != "read":
            detail = (
                f"the {stage} stage took longer than the time limit of {read_timeout_s() or 0:g} s "
                "(set ANALYTICS_READ_TIMEOUT_S to change it)"
            )
    except AnalyticsError as exc:
        detail, error_type = exc.message, type(exc).__name__
    except Exception as exc:  # a bug in a stage must not stop the batch; keep its type for the report
        detail, error_type = f"unexpected {type(exc).__name__}: {exc}", type(exc).__name__
    return Failure(path, stage, f"{stage} failed for {path}: {detail}", error_type, sha256)


def _read(read_document: Reader, path: str, sha256: str | None) -> Document:
    """The read stage, opening the file included, under the read time limit; only a regular file,
    and only the bytes that were hashed (a file swapped since then, e.g. for a symlink out of the
    folder, is refused)."""
    from analytics.read.limits import time_limit  # the read package is heavy: import on first use

    with time_limit():
        _require_regular(path)
        document = read_document(Path(path))
    if sha256 is not None and document.sha256 != sha256:
        raise ReadError(
            "the file changed while it was being ingested (its bytes are not those hashed moments "
            "before); ingest it again",
            path=path,
        )
    if document.source_path != path:  # rows are keyed by the path as we found it
        document = replace(document, source_path=path)
    return document


def _require_regular(path: str) -> None:
    """ReadError unless `path` is a regular file: a FIFO would block the reader's open, a device
    would never end. (A missing or unreadable file is left to the reader to describe.)"""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError:
        return
    try:
        mode = os.fstat(descriptor).st_mode
    finally:
        os.close(descriptor)
    if not stat.S_ISREG(mode):
        raise ReadError(f"{file_kind(mode)}, not a regular file", path=path)


Task = tuple[tuple[int, str, str | None], ...]  # (index in the run, path, sha256) per file


def parse_files(task: Task, environment: dict[str, str] | None = None) -> list[tuple[int, Parsed]]:
    """`parse_file` for each file of a task: what worker processes and cluster workers run.

    `environment`: this package's settings (ANALYTICS_* variables, e.g. the read limits) as the
    calling process sees them, applied first so that every worker reads with the same limits.
    """
    if environment is not None:
        _apply_environment(environment)
    return [(index, parse_file(path, sha256)) for index, path, sha256 in task]


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIX)}


def _apply_environment(environment: dict[str, str]) -> None:
    for key in [k for k in os.environ if k.startswith(ENV_PREFIX) and k not in environment]:
        del os.environ[key]
    os.environ.update(environment)


# -- one file, in this process ---------------------------------------------------------------------


def ingest_file(store: Store, path: Path) -> tuple[LoadResult, FileError | None]:
    """Ingest one file into an open store, in this process; failures are recorded, never raised
    (except KeyboardInterrupt and the like)."""
    source_path = str(path)
    sha256 = _sha256(path, seconds=_hash_seconds())
    if isinstance(sha256, Unhashed):
        if not sha256.regular:
            return _missing(source_path, sha256.detail)
        return _record(store, _unhashed_failure(source_path, sha256))
    settled = store.skip_if_loaded(source_path, sha256)
    if settled is not None:
        return settled, None
    parsed = parse_file(source_path, sha256)
    if isinstance(parsed, PreparedDocument):
        try:
            return store.write_prepared([parsed])[0], None
        except LoadError as exc:
            parsed = Failure(
                source_path, "load", f"load failed for {source_path}: {exc.message}", "LoadError", sha256
            )
    return _record(store, parsed)


def _missing(source_path: str, detail: str = "no such file") -> tuple[LoadResult, FileError]:
    """A path that is not a file to read (gone, a FIFO, a device, a symlink loop): reported, not
    recorded in the database (there is no document to record)."""
    message = f"read failed for {source_path}: {detail}"
    return LoadResult(source_path, "failed", error=message), FileError(
        source_path, "read", message, "AnalyticsError"
    )


def _unhashed_failure(source_path: str, unhashed: Unhashed) -> Failure:
    message = f"read failed for {source_path}: {unhashed.detail}"
    return Failure(source_path, "read", message, "ReadError", None)


def _record(store: Store, failure: Failure) -> tuple[LoadResult, FileError]:
    """Record a failed file in the database (the report gets it either way)."""
    error = failure.error()
    try:
        return store.record_error(failure.path, failure.message, sha256=failure.sha256), error
    except DatabaseError:  # the database cannot be written at all (disk full): the run stops
        raise
    except AnalyticsError as exc:  # the row could not be written: the report still says what happened
        message = f"{failure.message} (and recording it failed: {exc.message})"
        return LoadResult(failure.path, "failed", error=message), replace(error, message=message)


# -- a whole run -----------------------------------------------------------------------------------


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
    skipped and listed in `report.skipped`, as FIFOs, devices and sockets are; see `analytics.walk`).
    `corrections`: the hand-corrections file applied after the run (`report.corrections`); default
    `$ANALYTICS_CORRECTIONS`, else `<database>.corrections.csv` beside the database
    (`analytics.load.corrections`).
    """
    if batch_size < 1:
        raise AnalyticsError(f"batch_size must be at least 1, not {batch_size}")
    check_executor(executor)
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
    database = os.path.abspath(store.path)
    names = [
        str(f) for f in found.files if str(f) not in (database, database + ".wal")
    ]  # whatever its suffix
    unreadable = [u.path for u in found.unreadable]
    pruned, not_pruned = _prune(store, prune_folders, names, unreadable)
    run = _Run(store, names, progress, batch_size, found.identities)
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


def _prune(
    store: Store, folders: list[str], present: list[str], unreadable: Sequence[str] = ()
) -> tuple[list[str], list[str]]:
    """Remove the rows of files recorded under `folders` that the walk did not find (before the run,
    so that a file whose bytes moved to another path is loaded there, not called a duplicate of the
    gone one). Rows under an `unreadable` folder (or of an unreadable entry) are kept: the walk could
    not see whether they are gone. Returns the removed paths and the folders left alone for holding
    no disclosure."""
    pruned: list[str] = []
    not_pruned: list[str] = []
    for folder in folders:
        prefix = folder.rstrip("/\\") + os.sep
        found = [name for name in present if name.startswith(prefix)]
        if not found:
            not_pruned.append(folder)
            continue
        pruned += store.remove_missing(folder, found, keep_under=unreadable)
    return sorted(set(pruned)), not_pruned


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


@dataclass
class _Entry:
    """A file whose outcome waits for the next write: in arrival order, so events stay in order."""

    index: int
    path: str
    parsed: Parsed | None = None  # to write (PreparedDocument) or record (Failure)
    settle: str | None = None  # a sha256 the store settles ('unchanged' with a note, 'duplicate')
    result: LoadResult | None = None  # already known: unchanged, missing
    error: FileError | None = None


class _Run:
    """One ingest run: hashing, dispatching to the executor, batching the writes, the report."""

    def __init__(
        self,
        store: Store,
        files: list[str],
        progress: ProgressCallback | None,
        batch_size: int,
        identities: dict[str, Identity] | None = None,
    ) -> None:
        self.store = store
        self.identities = identities or {}
        self.hash_seconds = _hash_seconds()
        self.files = files
        self.total = len(files)
        self.progress = progress
        self.batch_size = batch_size
        self.report = IngestReport(db_path=store.path)
        self.known = {
            path: (row.sha256, row.error_noted)
            for path, row in store.stored_rows(files).items()
            if row.current
        }
        self.next_chunk = 0  # index of the first file not hashed yet
        self.queue: deque[tuple[int, str, str | None]] = deque()  # to parse
        self.claims: dict[int, str] = {}  # index of the file parsing some bytes -> their sha256
        self.claimed: set[str] = set()
        self.waiting: dict[str, deque[tuple[int, str]]] = {}  # sha256 -> files with the same bytes
        self.pending: list[_Entry] = []
        self.done = 0
        self.results: list[tuple[int, LoadResult]] = []
        self.errors: list[tuple[int, FileError]] = []
        self.last_flush = time.monotonic()
        self.environment = _environment()
        self.hasher: ThreadPoolExecutor | None = None

    # -- the loop --------------------------------------------------------------------------------

    def go(self, start: Callable[[int | None], tuple[Executor, int]]) -> None:
        """Hash, parse and write every file; the report is complete when this returns."""
        thresholds = gc.get_threshold()
        # The writer allocates many short-lived, acyclic objects (unpickled rows, results): collecting
        # cycles every 700 allocations cost it ~8% of its time for nothing.
        gc.set_threshold(max(thresholds[0], GC_THRESHOLD), *thresholds[1:])
        try:
            self._loop(start)
        finally:
            gc.set_threshold(*thresholds)
            if self.hasher is not None:
                self.hasher.shutdown()
        self.results.sort(key=lambda pair: pair[0])
        self.errors.sort(key=lambda pair: pair[0])
        self.report.results = [result for _, result in self.results]
        self.report.errors = [error for _, error in self.errors]

    def _loop(self, start: Callable[[int | None], tuple[Executor, int]]) -> None:
        executor: Executor | None = None
        slots = 1
        inflight: dict[Future[list[tuple[int, Parsed]]], Task] = {}
        suspects: deque[Task] = deque()  # tasks in flight when a worker died: rerun one file at a time
        while True:
            while (  # hash ahead of the workers, but write (and report) unchanged files as they come
                self.next_chunk < self.total
                and len(self.queue) < 4 * FILES_PER_TASK * max(slots, 2)
                and len(self.pending) < self.batch_size
            ):
                self._hash_next_chunk()
            if executor is None and (self.queue or suspects):
                hashed_all = self.next_chunk >= self.total and not self.waiting and not suspects
                executor, slots = start(len(self.queue) if hashed_all else None)
            if executor is not None:
                limit = 1 if suspects else slots * TASKS_PER_SLOT
                while len(inflight) < limit and (suspects or self.queue):
                    task = suspects.popleft() if suspects else self._next_task(slots)
                    inflight[executor.submit(parse_files, task, self.environment)] = task
            if not inflight and not self.queue and not suspects and self.next_chunk >= self.total:
                self._flush()
                if not self.queue and not self.waiting and not self.pending:
                    break
                continue
            if inflight:
                finished, _ = wait(inflight, timeout=FLUSH_SECONDS, return_when=FIRST_COMPLETED)
                for future in finished:
                    task = inflight.pop(future)
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        # A worker died (a reader crashed or was killed by the OS): every task in
                        # flight is lost. Rerun them one file at a time until the culprit is found.
                        executor = None
                        for lost in [task, *inflight.values()]:
                            self._split_or_fail(lost, suspects, "its worker process died")
                        inflight.clear()
                        break
                    except Exception as exc:  # a cluster lost the task (KilledWorker, …)
                        self._split_or_fail(task, suspects, f"the task failed on the cluster: {exc!r}")
                        continue
                    for index, parsed in outcomes:
                        path = parsed.path if isinstance(parsed, Failure) else parsed.source_path
                        self.pending.append(_Entry(index, path, parsed=parsed))
            if len(self.pending) >= self.batch_size or time.monotonic() - self.last_flush >= FLUSH_SECONDS:
                self._flush()

    def _next_task(self, slots: int) -> Task:
        size = FILES_PER_TASK if slots > 1 else 1
        return tuple(self.queue.popleft() for _ in range(min(size, len(self.queue))))

    def _split_or_fail(self, task: Task, suspects: deque[Task], why: str) -> None:
        if len(task) > 1:
            suspects.extend((item,) for item in task)
            return
        ((index, path, sha256),) = task
        message = f"read failed for {path}: {why} while parsing this file"
        self.pending.append(_Entry(index, path, parsed=Failure(path, "read", message, "WorkerError", sha256)))

    # -- hashing and settling before anything is parsed ------------------------------------------------

    def _hash_next_chunk(self) -> None:
        first = self.next_chunk
        chunk = self.files[first : first + HASH_CHUNK]
        self.next_chunk = first + len(chunk)
        if len(chunk) > 1:
            if self.hasher is None:  # hashlib and file reads release the GIL: threads hash in parallel
                self.hasher = ThreadPoolExecutor(HASH_THREADS, thread_name_prefix="hash")
            hashes = list(self.hasher.map(self._hash, chunk))
        else:
            hashes = [self._hash(p) for p in chunk]
        candidates: list[tuple[int, str, str]] = []
        for offset, (path, sha256) in enumerate(zip(chunk, hashes, strict=True)):
            index = first + offset
            if isinstance(sha256, Unhashed):
                if sha256.regular:
                    self.pending.append(_Entry(index, path, parsed=_unhashed_failure(path, sha256)))
                else:
                    result, error = _missing(path, sha256.detail)
                    self.pending.append(_Entry(index, path, result=result, error=error))
                continue
            known = self.known.get(path)
            if known is not None and known[0] == sha256:
                if known[1]:  # an error of a later version is noted on the row: clear it
                    self.pending.append(_Entry(index, path, settle=sha256))
                else:
                    self.pending.append(
                        _Entry(index, path, result=LoadResult(path, "unchanged", doc_id=sha256[:16]))
                    )
                continue
            candidates.append((index, path, sha256))
        holders = self.store.holders(sha for _, _, sha in candidates) if candidates else {}
        for index, path, sha256 in candidates:
            if any(holder != path for holder in holders.get(sha256, ())):
                self.pending.append(_Entry(index, path, settle=sha256))
            elif sha256 in self.claimed:
                self.waiting.setdefault(sha256, deque()).append((index, path))
            else:
                self._claim(index, path, sha256)

    def _hash(self, path: str) -> str | Unhashed:
        return _sha256(path, self.identities.get(path), self.hash_seconds)

    def _claim(self, index: int, path: str, sha256: str) -> None:
        self.claims[index] = sha256
        self.claimed.add(sha256)
        self.queue.append((index, path, sha256))

    # -- writing -------------------------------------------------------------------------------------

    def _flush(self) -> None:
        """Write what is pending: the parsed documents in one transaction, then the rest, in order."""
        self.last_flush = time.monotonic()
        if not self.pending:
            return
        entries, self.pending = self.pending, []
        documents = [e.parsed for e in entries if isinstance(e.parsed, PreparedDocument)]
        written = dict(zip((d.source_path for d in documents), self._write(documents), strict=True))
        for entry in entries:
            settled = self._settle(entry, written)
            if settled is not None:
                self._finish(entry, *settled)

    def _write(self, documents: Sequence[PreparedDocument]) -> list[LoadResult | Failure]:
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
            return [Failure(path, "load", message, type(exc).__name__, documents[0].sha256)]

    def _settle(
        self, entry: _Entry, written: dict[str, LoadResult | Failure]
    ) -> tuple[LoadResult, FileError | None] | None:
        """The outcome of a pending file, recorded in the store; None if it has to be parsed after all."""
        if entry.result is not None:
            return entry.result, entry.error
        if entry.settle is not None:
            settled = self.store.skip_if_loaded(entry.path, entry.settle)
            if settled is not None:
                return settled, None
            # The bytes are no longer loaded anywhere (their holder changed meanwhile): parse after all.
            if entry.settle in self.claimed:
                self.waiting.setdefault(entry.settle, deque()).append((entry.index, entry.path))
            else:
                self._claim(entry.index, entry.path, entry.settle)
            return None
        parsed = entry.parsed
        outcome = written[parsed.source_path] if isinstance(parsed, PreparedDocument) else parsed
        if isinstance(outcome, Failure):
            return _record(self.store, outcome)
        assert outcome is not None
        return outcome, None

    def _finish(self, entry: _Entry, result: LoadResult, error: FileError | None) -> None:
        if self.progress is not None:
            self.progress(IngestProgress(self.done, self.total, entry.path))
        self.done += 1
        self.results.append((entry.index, result))
        if error is not None:
            self.errors.append((entry.index, error))
        if self.progress is not None:
            self.progress(IngestProgress(self.done, self.total, entry.path, result))
        self._release(entry.index, result)

    def _release(self, index: int, result: LoadResult) -> None:
        """The file parsing some bytes is done: the files with the same bytes can be settled."""
        sha256 = self.claims.pop(index, None)
        if sha256 is None:
            return
        self.claimed.discard(sha256)
        waiting = self.waiting.get(sha256)
        if not waiting:
            self.waiting.pop(sha256, None)
            return
        if result.status == "failed":  # the next one tries (and fails with its own message)
            next_index, next_path = waiting.popleft()
            self._claim(next_index, next_path, sha256)
            if not waiting:
                self.waiting.pop(sha256)
            return
        del self.waiting[sha256]
        for waiting_index, waiting_path in waiting:
            self.pending.append(_Entry(waiting_index, waiting_path, settle=sha256))

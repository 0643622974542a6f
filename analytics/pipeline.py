"""The ingest pipeline: files -> read -> extract -> validate -> load, one document at a time.

Every file ends in exactly one `LoadResult`. A file that fails at any stage is recorded (in the report
and in the database) and the batch goes on; each document is committed on its own, so whatever was
loaded before a failure stays loaded. The library never prints: pass `progress` to follow along.

>>> report = ingest(["data/samples"], db="data/analytics.duckdb")  # doctest: +SKIP
>>> report.documents_loaded, report.facts_written, report.errors  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from analytics.errors import AnalyticsError
from analytics.load import DEFAULT_DB, PARSER_VERSION, LoadResult, Store, open_store
from analytics.model import Check, Document, Extraction

DATABASE_SUFFIXES = (".duckdb", ".duckdb.wal", ".duckdb.tmp")


@dataclass(frozen=True)
class FileError:
    """One file that could not be ingested: where it failed and why."""

    path: str
    stage: str  # 'read', 'extract', 'validate' or 'load'
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
    def ok(self) -> bool:
        """True when every file was ingested (failed checks do not count: they are data)."""
        return not self.errors


def is_ignored(path: Path) -> bool:
    """Files a folder walk skips: hidden ones, Office lock files (~$x.docx) and DuckDB databases."""
    name = path.name
    return name.startswith((".", "~$")) or name.endswith(DATABASE_SUFFIXES)


def find_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to ingest, in a deterministic order: each argument in turn, folders walked
    recursively in sorted order (hidden files and folders and database files skipped), each file
    once. A file named directly is kept unless it is a database; a missing path is kept so that it
    is reported."""
    seen: set[Path] = set()
    found: list[Path] = []
    for given in paths:
        root = Path(os.path.abspath(given))
        candidates = _walk(root) if root.is_dir() else iter([root])
        for file in candidates:
            if file.name.endswith(DATABASE_SUFFIXES) or file in seen:
                continue
            seen.add(file)
            found.append(file)
    return found


def _walk(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            file = Path(dirpath, name)
            if not is_ignored(file):
                yield file


Reader = Callable[[Path], Document]
Extractor = Callable[[Document], Extraction]
Validator = Callable[[Extraction], list[Check]]


def _stages() -> tuple[Reader, Extractor, Validator]:
    """The stage functions, imported on first use so that `import analytics` stays light."""
    from analytics.extract import extract
    from analytics.read import read_document
    from analytics.validate import validate

    return read_document, extract, validate


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def ingest_file(store: Store, path: Path) -> tuple[LoadResult, FileError | None]:
    """Ingest one file into an open store; failures are recorded, never raised (except
    KeyboardInterrupt and the like)."""
    read_document, extract, validate = _stages()
    source_path = str(path)
    sha256 = _sha256(path)
    stage = "read"
    try:
        if not path.is_file():
            raise AnalyticsError("no such file" if not path.exists() else "not a regular file")
        if sha256 is not None:
            settled = store.skip_if_loaded(source_path, sha256)
            if settled is not None:
                return settled, None
        document = read_document(path)
        if document.source_path != source_path:  # rows are keyed by the path as we found it
            document = replace(document, source_path=source_path)
        stage = "extract"
        extraction = extract(document)
        stage = "validate"
        checks = validate(extraction)
        stage = "load"
        return store.write_document(document, extraction, checks), None
    except AnalyticsError as exc:
        detail, error_type = exc.message, type(exc).__name__
    except Exception as exc:  # a bug in a stage must not stop the batch; keep its type for the report
        detail, error_type = f"unexpected {type(exc).__name__}: {exc}", type(exc).__name__
    message = f"{stage} failed for {source_path}: {detail}"
    error = FileError(source_path, stage, message, error_type)
    if not path.is_file():  # nothing on disk to record
        return LoadResult(source_path, "failed", error=message), error
    try:
        return store.record_error(source_path, message, sha256=sha256), error
    except AnalyticsError as exc:  # the database itself failed: the report still says what happened
        message = f"{message} (and recording it failed: {exc.message})"
        return LoadResult(source_path, "failed", error=message), replace(error, message=message)


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str] | Store = DEFAULT_DB,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest files and folders (recursively) into the database `db` (a path or an open Store).

    Re-ingesting unchanged files does nothing; a changed file replaces its earlier rows; the same
    bytes under a second path are reported as a duplicate. Raises DatabaseError only if the database
    cannot be opened at all (e.g. another process is writing to it); problems with single files are
    in the returned report.
    """
    files = find_files(paths)
    if isinstance(db, Store):
        return _ingest_into(db, files, progress)
    with open_store(db) as store:
        return _ingest_into(store, files, progress)


def _ingest_into(store: Store, files: list[Path], progress: ProgressCallback | None) -> IngestReport:
    report = IngestReport(db_path=store.path)
    database = os.path.abspath(store.path)
    files = [f for f in files if str(f) not in (database, database + ".wal")]  # whatever its suffix
    total = len(files)
    for done, path in enumerate(files):
        if progress is not None:
            progress(IngestProgress(done, total, str(path)))
        result, error = ingest_file(store, path)
        report.results.append(result)
        if error is not None:
            report.errors.append(error)
        if progress is not None:
            progress(IngestProgress(done + 1, total, str(path), result))
    return report

"""What an ingest run tells its caller: an event per file as it goes, and the report at the end.

`IngestReport` holds every file's `LoadResult` (in the order of the walk) and a `FileError` for each
file that could not be ingested, with the totals people ask for first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analytics.ingestion.discovery import Skipped
from analytics.load.result import LoadResult
from analytics.version import PARSER_VERSION

if TYPE_CHECKING:  # the report module is the worker processes' too: no database code there
    from analytics.load.corrections import CorrectionsReport


@dataclass(frozen=True)
class FileError:
    """One file that could not be ingested: where it failed and why. A worker returns it for a file it
    could not parse; the report lists it; `documents.error` records its message."""

    path: str
    stage: str  # 'walk' (a folder that cannot be read), 'read', 'extract', 'validate' or 'load'
    message: str  # names the file and the stage; also what `documents.error` holds
    error_type: str  # the exception's class name, e.g. 'ReadError'
    sha256: str | None = None  # the bytes that failed, when they were hashed (recorded with the error)


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


__all__ = ["FileError", "IngestProgress", "IngestReport", "ProgressCallback"]

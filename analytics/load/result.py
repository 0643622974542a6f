"""What happened to one file in the store: a plain record, light enough for the worker processes
(which import neither DuckDB nor Arrow)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


__all__ = ["LoadResult", "LoadStatus"]

"""The settle rule: what becomes of a file's bytes at a path, given what the database already holds.

One pure function, `settle`, used wherever the answer is needed: by the store before it writes one
document (`Store.skip_if_loaded`, `Store.write_document`) or a batch (`Store.write_prepared`), and by
the ingest scheduler before it sends a file to be parsed at all. In order:

1. **unchanged**: the path holds these bytes, loaded by this PARSER_VERSION (status 'ok'): nothing
   to write. An error noted on that row (a later version of the file failed) is cleared.
2. **duplicate**: another path holds these bytes (status 'ok'), or an earlier file of this run has
   them: not loaded twice; what the path held before is removed, as a changed file's would be.
3. **replaced**: the path holds an earlier version of the file (status 'ok'): its rows are replaced.
4. **loaded**: otherwise (a new path, or one that holds only an error row).

>>> settle("/a.txt", "ab12", stored=None, holders=["/b.txt"])
Verdict(status='duplicate', duplicate_of='/b.txt', of_this_run=False, clear_error=False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from analytics.load.batch import PreparedDocument
from analytics.load.schema import PARSER_VERSION

SettleStatus = Literal["unchanged", "duplicate", "replaced", "loaded"]


@dataclass(frozen=True)
class Stored:
    """The `documents` row the database holds for a path."""

    sha256: str | None
    parser_version: str | None
    status: str  # 'ok' or 'error'
    error_noted: bool = False  # its `error` is set (on an 'ok' row: a later version of the file failed)

    @property
    def current(self) -> bool:
        """Loaded fine by this PARSER_VERSION."""
        return self.status == "ok" and self.parser_version == PARSER_VERSION


@dataclass(frozen=True)
class Verdict:
    """What to do with a file's bytes at its path (see the module's docstring)."""

    status: SettleStatus
    duplicate_of: str | None = None  # for 'duplicate': the path that holds (or is loading) the bytes
    of_this_run: bool = False  # for 'duplicate': that path is a file of this run, not yet written
    clear_error: bool = False  # for 'unchanged': clear the error noted on the row

    @property
    def writes(self) -> bool:
        """The file's rows are to be written ('loaded' or 'replaced')."""
        return self.status in ("loaded", "replaced")


def settle(
    path: str,
    sha256: str,
    *,
    stored: Stored | None,
    holders: Iterable[str] = (),
    earlier_in_run: str | None = None,
) -> Verdict:
    """The verdict for the bytes `sha256` found at `path`.

    `stored`: the database's row for `path` (None for a path it does not know). `holders`: the paths
    whose 'ok' rows hold these bytes, in order (`path` itself may be among them; the caller leaves
    out paths it is about to overwrite). `earlier_in_run`: an earlier file of this run with the same
    bytes (written in the same batch, or being parsed), if any. Holders in the database come first.
    """
    if stored is not None and stored.current and stored.sha256 == sha256:
        return Verdict("unchanged", clear_error=stored.error_noted)
    holder = next((other for other in holders if other != path), None)
    if holder is not None:
        return Verdict("duplicate", duplicate_of=holder)
    if earlier_in_run is not None:
        return Verdict("duplicate", duplicate_of=earlier_in_run, of_this_run=True)
    return Verdict("replaced" if stored is not None and stored.status == "ok" else "loaded")


@dataclass
class BatchPlan:
    """What writing a batch of documents comes to: a verdict per document, and the rows to touch."""

    verdicts: list[Verdict] = field(default_factory=list)  # one per document, in the batch's order
    to_write: list[PreparedDocument] = field(default_factory=list)
    to_delete: list[str] = field(default_factory=list)  # paths whose rows go (replaced, or duplicates)
    to_clear: list[str] = field(default_factory=list)  # unchanged paths whose noted error is cleared


def plan_batch(
    batch: Sequence[PreparedDocument], stored: Mapping[str, Stored], holders: Mapping[str, Sequence[str]]
) -> BatchPlan:
    """`settle` for each document of a batch, in order: `stored` is the database's row per path of the
    batch, `holders` the 'ok' paths per sha256. A path whose bytes this batch changes holds nothing
    any more; a document's bytes written earlier in the batch make it a duplicate of that one."""
    changing = {  # paths of the batch whose stored bytes are about to change
        p.source_path
        for p in batch
        if (row := stored.get(p.source_path)) is not None and row.sha256 != p.sha256
    }
    plan = BatchPlan()
    first: dict[str, str] = {}  # sha256 -> the path of the batch's document that writes these bytes
    for p in batch:
        path = p.source_path
        row = stored.get(path)
        verdict = settle(
            path,
            p.sha256,
            stored=row,
            holders=[h for h in holders.get(p.sha256, ()) if h not in changing],
            earlier_in_run=first.get(p.sha256),
        )
        plan.verdicts.append(verdict)
        if verdict.status == "unchanged":
            if verdict.clear_error:
                plan.to_clear.append(path)
            continue
        if row is not None:
            plan.to_delete.append(path)
        if verdict.writes:
            first[p.sha256] = path
            plan.to_write.append(p)
    return plan


__all__ = ["BatchPlan", "SettleStatus", "Stored", "Verdict", "plan_batch", "settle"]

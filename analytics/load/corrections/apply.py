"""Applying the corrections file to a database, at the end of every ingest.

Every figure corrected before is put back first, so that the database holds exactly what the file
says now; each line's outcome goes to the `corrections` table, in the same transaction.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from analytics.load.corrections.file import Correction, CorrectionError, Outcome, read_corrections
from analytics.load.quality import QUALITY_SQL
from analytics.load.rows import table_rows
from analytics.load.store import Store


@dataclass
class CorrectionsReport:
    """The corrections file read and applied: every line's outcome (`outcomes`), or why the file
    could not be read at all (`error`)."""

    file: Path | None
    outcomes: list[Outcome] = field(default_factory=list)
    error: str | None = None

    @property
    def applied(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.applied]

    @property
    def not_applied(self) -> list[Outcome]:
        """Corrections that are not in force, `superseded` ones excepted (nothing is lost there)."""
        return [o for o in self.outcomes if not o.applied and o.status != "superseded"]

    @property
    def facts_corrected(self) -> int:
        return sum(o.facts for o in self.outcomes)


_REVERT = (
    "UPDATE facts SET value = original_value, original_value = NULL, basis = 'stated' WHERE basis = 'corrected'",
    f"UPDATE facts SET quality = {QUALITY_SQL} WHERE quality <> ({QUALITY_SQL})",
)

# A correction answers the failed checks that named its figure: the figures of its document and year
# that only those checks named are checked now (the analyst looked at the document for them).
_ANSWERED = """
    WITH answered AS (
        SELECT doc_id, year, list(DISTINCT name) AS names
        FROM (SELECT doc_id, year, unnest(string_split(quality_checks, ', ')) AS name
              FROM facts WHERE basis = 'corrected' AND quality_checks IS NOT NULL)
        GROUP BY doc_id, year
    )
    UPDATE facts SET quality = CASE WHEN facts.basis = 'derived' THEN 'derived' ELSE 'ok' END
    FROM answered
    WHERE facts.quality = 'failed_check' AND facts.doc_id = answered.doc_id AND facts.year = answered.year
      AND list_has_all(answered.names, string_split(facts.quality_checks, ', '))
"""

FIGURES = """
    SELECT value FROM facts
    WHERE doc_id = $1 AND metric = $2 AND measure = $3 AND year = $4 AND kind = $5 AND basis = $6
    ORDER BY value
"""
"""The values of one figure of a document (parameters: doc_id, metric, measure, year, kind, basis)."""


def apply_corrections(store: Store, path: str | os.PathLike[str] | None) -> CorrectionsReport:
    """Put back every figure corrected before, then apply the corrections of the file at `path`, in
    one transaction; the `corrections` table records each line's outcome. A file that cannot be read
    gives a report with `error` (the figures stay as printed): it never raises for the file's content.
    """
    report = CorrectionsReport(Path(path) if path is not None else None)
    corrections: list[Correction] = []
    if path is not None:
        try:
            corrections, invalid = read_corrections(path)
        except CorrectionError as exc:
            report.error = exc.message
            invalid = []
        report.outcomes.extend(invalid)
    if not corrections and not report.outcomes and not _anything_to_undo(store):
        return report
    con = store.connection
    con.begin()
    try:
        for statement in _REVERT:
            con.execute(statement)
        con.execute("DELETE FROM corrections")
        report.outcomes.extend(_apply_all(store, corrections))
        report.outcomes.sort(key=lambda o: o.line)
        if report.applied:
            con.execute(_ANSWERED)
        _record(store, report)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return report


def _apply_all(store: Store, corrections: list[Correction]) -> list[Outcome]:
    """Each correction applied, in file order; a later line correcting the same figure supersedes."""
    last = {c.key: c.line for c in corrections}
    outcomes = []
    for correction in corrections:
        if last[correction.key] != correction.line:
            outcomes.append(
                Outcome(
                    correction.line,
                    "superseded",
                    f"line {correction.line}: {correction.describe()} is replaced by line "
                    f"{last[correction.key]}, which corrects the same figure",
                    correction,
                )
            )
            continue
        outcomes.append(_apply(store, correction))
    return outcomes


def _anything_to_undo(store: Store) -> bool:
    rows = store.connection.execute(
        "SELECT (SELECT count(*) FROM corrections) + (SELECT count(*) FROM facts WHERE basis = 'corrected')"
    ).fetchall()  # fetchall: a result left half-read blocks the connection's next register()
    return bool(rows and rows[0][0])


def _apply(store: Store, correction: Correction) -> Outcome:
    con = store.connection
    line, what = correction.line, correction.describe()
    found = con.execute(
        "SELECT doc_id, source_path FROM documents WHERE doc_id = $1 AND status = 'ok'",
        [correction.document],
    ).fetchall()
    document = found[0] if found else None
    if document is None:
        return _not_found(store, correction)
    doc_id = str(document[0])
    key = [doc_id, correction.metric, correction.measure, correction.year, correction.kind]
    printed = [Decimal(v) for (v,) in con.execute(FIGURES, [*key, "stated"]).fetchall()]
    if not printed:
        derived = con.execute(FIGURES, [*key, "derived"]).fetchall()
        hint = (
            " (only a figure we derived from a stated change: correct the change instead)" if derived else ""
        )
        return Outcome(
            line,
            "no_figure",
            f"line {line}: {document[1]} states no {correction.metric} {correction.measure} for "
            f"{correction.year} {correction.kind}{hint}; not applied",
            correction,
        )
    con.execute(
        """
        UPDATE facts SET original_value = value, value = $7, basis = 'corrected', quality = 'corrected'
        WHERE doc_id = $1 AND metric = $2 AND measure = $3 AND year = $4 AND kind = $5 AND basis = $6
        """,
        [*key, "stated", correction.value],
    )
    shown = ", ".join(str(v) for v in printed)
    return Outcome(
        line,
        "applied",
        f"line {line}: {what} in {document[1]} (printed {shown})",
        correction,
        facts=len(printed),
        original_values=tuple(printed),
    )


def _not_found(store: Store, correction: Correction) -> Outcome:
    """A correction whose document is not loaded: changed since (another version at its path), or
    not in this database at all."""
    line, what = correction.line, correction.describe()
    now = None
    if correction.source_path is not None:
        rows = store.connection.execute(
            "SELECT doc_id, sha256 FROM documents WHERE source_path = $1 AND status = 'ok'",
            [correction.source_path],
        ).fetchall()
        now = rows[0] if rows else None
    if now is None:
        return Outcome(
            line,
            "document_missing",
            f"line {line}: {what}: the document {correction.document} is not in this database; not applied",
            correction,
        )
    figures = store.connection.execute(
        FIGURES, [now[0], correction.metric, correction.measure, correction.year, correction.kind, "stated"]
    ).fetchall()
    states = (
        "it states " + ", ".join(str(Decimal(v)) for (v,) in figures)
        if figures
        else "it states no such figure"
    )
    return Outcome(
        line,
        "document_changed",
        f"line {line}: {what}: {correction.source_path} has changed since the correction was made "
        f"(now {str(now[1])[:16]}, was {correction.document}; {states}): check the new version and "
        "correct it again if need be; not applied",
        correction,
    )


def _record(store: Store, report: CorrectionsReport) -> None:
    """The `corrections` table: every line of the file and what became of it, in one insert."""
    outcomes = report.outcomes
    if not outcomes:
        return
    lines = [o.correction for o in outcomes]
    rows = table_rows(
        "corrections",
        {
            "line": [o.line for o in outcomes],
            "doc_id": [c.document if c else None for c in lines],
            "source_path": [c.source_path if c else None for c in lines],
            "sha256": [c.sha256 if c else None for c in lines],
            "metric": [c.metric if c else None for c in lines],
            "measure": [c.measure if c else None for c in lines],
            "year": [c.year if c else None for c in lines],
            "kind": [c.kind if c else None for c in lines],
            "value": [c.value if c else None for c in lines],
            "reason": [c.reason if c else None for c in lines],
            "author": [c.author if c else None for c in lines],
            "created_at": [c.created_at if c else None for c in lines],
            "status": [o.status for o in outcomes],
            "applied": [o.applied for o in outcomes],
            "facts": [o.facts for o in outcomes],
            "original_values": [", ".join(str(v) for v in o.original_values) or None for o in outcomes],
            "message": [o.message for o in outcomes],
            "file": [str(report.file) if report.file is not None else ""] * len(outcomes),
        },
    )
    store.connection.execute(rows.insert_sql(), rows.parameters())


__all__ = ["FIGURES", "CorrectionsReport", "apply_corrections"]

"""Hand corrections: figures an analyst checked against the document and set right, kept in a file
outside the database so that they survive every re-ingest.

The corrections file is CSV (UTF-8, a header line), one correction a line:

    doc_id,source_path,sha256,metric,measure,year,kind,value,reason,author,created_at
    3f2a…,/srv/disclosures/审计局2019预算.pdf,3f2a…e1,reception,amount,2019,budget,1.65,"表中2.55为…",张三,2024-05-01T10:00:00

- The document is named by its `sha256` (with its `source_path`), or by its `doc_id` (the first 16
  characters of the sha256). A correction belongs to those bytes: when the file at `source_path`
  has changed since, the correction is reported (`document_changed`) and not applied, since the new
  version may print another figure, or the right one.
- `metric`, `measure` (default `amount`), `year` and `kind` name the figure as `facts` does; `value`
  is the right figure in the metric's unit (万元 for money); `reason` is required, `author` and
  `created_at` (ISO 8601) are recorded as given.
- Lines are read in order: a later correction of the same figure replaces an earlier one
  (`superseded`). A line that starts with `#` is a comment.

Where the file is: `--corrections PATH` (CLI) or `corrections=` (Python), else the environment
variable `ANALYTICS_CORRECTIONS`, else beside the database with the suffix `.corrections.csv`
(`data/analytics.duckdb` -> `data/analytics.corrections.csv`). No file means no corrections.

`apply_corrections(store, path)` runs at the end of every ingest (and after `analytics correct`): it
puts back every figure corrected before, reads the file, and sets each correction's figures: every
stated fact of that document with that metric, measure, year and kind gets `value` = the corrected
figure, `original_value` = the printed one, `basis` = `quality` = 'corrected'. The `corrections` table
then holds every line of the file with what became of it (`status`, `applied`, `facts`, `message`).
A bad line is `invalid` with the reason; it never stops an ingest.

>>> apply_corrections(store, "data/analytics.corrections.csv")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

from analytics.errors import AnalyticsError
from analytics.load.connect import MEMORY
from analytics.load.quality import QUALITY_SQL
from analytics.load.rows import money
from analytics.load.store import Store
from analytics.reference import metrics

ENV_CORRECTIONS = "ANALYTICS_CORRECTIONS"
"""Environment variable naming the corrections file."""

SUFFIX = ".corrections.csv"
"""The default corrections file lies beside the database, with this suffix instead of `.duckdb`."""

COLUMNS = (
    "doc_id",
    "source_path",
    "sha256",
    "metric",
    "measure",
    "year",
    "kind",
    "value",
    "reason",
    "author",
    "created_at",
)
"""The header of a corrections file, in the order `add_correction` writes it."""

Status = Literal["applied", "document_changed", "document_missing", "no_figure", "superseded", "invalid"]

_MEASURES = ("amount", "yoy_change", "yoy_pct")
_KINDS = ("budget", "final")


class CorrectionError(AnalyticsError):
    """A correction cannot be made (the document or the figure is not in the database…)."""

    stage = "correct"


@dataclass(frozen=True)
class Correction:
    """One line of the corrections file: a figure of a document and its right value."""

    line: int  # the line of the file (the header is line 1)
    doc_id: str | None
    source_path: str | None
    sha256: str | None
    metric: str
    measure: str
    year: int
    kind: str
    value: Decimal
    reason: str
    author: str | None = None
    created_at: dt.datetime | None = None

    @property
    def document(self) -> str:
        """The document's id: `doc_id`, else the first 16 characters of `sha256`."""
        return self.doc_id or (self.sha256 or "")[:16]

    @property
    def key(self) -> tuple[str, str, str, int, str]:
        return (self.document, self.metric, self.measure, self.year, self.kind)

    def describe(self) -> str:
        """'reception amount 2019 budget = 1.65'"""
        return f"{self.metric} {self.measure} {self.year} {self.kind} = {self.value}"


@dataclass(frozen=True)
class Outcome:
    """What became of one line of the corrections file."""

    line: int
    status: Status
    message: str
    correction: Correction | None = None  # None for a line that could not be read
    facts: int = 0  # facts corrected
    original_values: tuple[Decimal, ...] = ()  # the values they held before

    @property
    def applied(self) -> bool:
        return self.status == "applied"


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


def corrections_path(
    db: str | os.PathLike[str], override: str | os.PathLike[str] | None = None
) -> Path | None:
    """The corrections file of the database `db` (see the module docstring); None for an in-memory
    database with no file named.

    >>> corrections_path("data/analytics.duckdb", None).as_posix()  # doctest: +SKIP
    'data/analytics.corrections.csv'
    """
    if override is not None:
        return Path(override)
    named = os.environ.get(ENV_CORRECTIONS, "").strip()
    if named:
        return Path(named)
    if os.fspath(db) in (MEMORY, ""):
        return None
    path = Path(db)
    return path.with_name((path.stem if path.suffix == ".duckdb" else path.name) + SUFFIX)


# -- reading the file -----------------------------------------------------------------------------


def read_corrections(path: str | os.PathLike[str]) -> tuple[list[Correction], list[Outcome]]:
    """The corrections of a file, and an `invalid` outcome for each line that is not one.

    Raises CorrectionError when the file cannot be read or has no usable header; a missing file has
    no corrections.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionError(f"cannot read the corrections file: {exc}", path=str(file)) from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in ("metric", "year", "kind", "value", "reason") if c not in header]
    if text.strip() and missing:
        raise CorrectionError(
            f"the corrections file has no column {', '.join(missing)}; its header must name "
            f"{','.join(COLUMNS)}",
            path=str(file),
        )
    reader.fieldnames = header
    corrections: list[Correction] = []
    invalid: list[Outcome] = []
    for row in reader:
        line = reader.line_num
        cells = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        if not any(cells.values()) or next(iter(cells.values()), "").startswith("#"):
            continue
        try:
            corrections.append(_correction(line, cells))
        except ValueError as exc:
            invalid.append(Outcome(line, "invalid", f"line {line}: {exc}; not applied"))
    return corrections, invalid


def _correction(line: int, cells: dict[str, str]) -> Correction:
    """One correction from its cells; ValueError saying what is wrong."""
    doc_id = cells.get("doc_id") or None
    sha256 = (cells.get("sha256") or "").lower() or None
    source_path = cells.get("source_path") or None
    if sha256 is not None and (len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256)):
        raise ValueError(f"sha256 {sha256!r} is not 64 hexadecimal digits")
    if doc_id is not None and sha256 is not None and not sha256.startswith(doc_id.lower()):
        raise ValueError(f"doc_id {doc_id} is not the start of sha256 {sha256}")
    if doc_id is None and sha256 is None:
        raise ValueError("the document is not named: give its sha256 (with source_path) or its doc_id")
    metric = cells.get("metric", "")
    if metric not in metrics():
        raise ValueError(f"unknown metric {metric!r}")
    measure = cells.get("measure") or "amount"
    if measure not in _MEASURES:
        raise ValueError(f"measure must be one of {', '.join(_MEASURES)}, not {measure!r}")
    kind = cells.get("kind", "")
    if kind not in _KINDS:
        raise ValueError(f"kind must be budget or final, not {kind!r}")
    try:
        year = int(cells.get("year", ""))
    except ValueError:
        raise ValueError(f"year {cells.get('year')!r} is not a year") from None
    if not 1900 <= year <= 2200:
        raise ValueError(f"year {year} is not a fiscal year")
    try:
        value = money(Decimal(cells.get("value", "").replace(",", "")))
    except InvalidOperation:
        raise ValueError(f"value {cells.get('value')!r} is not a number") from None
    if value is None or not value.is_finite() or abs(value) >= Decimal(10) ** 14:
        raise ValueError(f"value {cells.get('value')!r} is not a figure DECIMAL(18,4) holds")
    reason = cells.get("reason", "")
    if not reason:
        raise ValueError("no reason given: say why the document's figure is wrong")
    created = cells.get("created_at") or None
    try:
        created_at = dt.datetime.fromisoformat(created) if created else None
    except ValueError:
        raise ValueError(f"created_at {created!r} is not an ISO 8601 time") from None
    if created_at is not None and created_at.tzinfo is not None:
        created_at = created_at.astimezone(dt.UTC).replace(tzinfo=None)
    return Correction(
        line=line,
        doc_id=doc_id.lower() if doc_id else None,
        source_path=os.path.abspath(source_path) if source_path else None,
        sha256=sha256,
        metric=metric,
        measure=measure,
        year=year,
        kind=kind,
        value=value,
        reason=reason,
        author=cells.get("author") or None,
        created_at=created_at,
    )


# -- applying -------------------------------------------------------------------------------------

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

_FIGURES = """
    SELECT value FROM facts
    WHERE doc_id = $1 AND metric = $2 AND measure = $3 AND year = $4 AND kind = $5 AND basis = $6
    ORDER BY value
"""


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
    con = store.connection
    if not corrections and not report.outcomes and not _anything_to_undo(store):
        return report
    last = {c.key: c.line for c in corrections}
    con.begin()
    try:
        for statement in _REVERT:
            con.execute(statement)
        con.execute("DELETE FROM corrections")
        for correction in corrections:
            if last[correction.key] != correction.line:
                report.outcomes.append(
                    Outcome(
                        correction.line,
                        "superseded",
                        f"line {correction.line}: {correction.describe()} is replaced by line "
                        f"{last[correction.key]}, which corrects the same figure",
                        correction,
                    )
                )
                continue
            report.outcomes.append(_apply(store, correction))
        report.outcomes.sort(key=lambda o: o.line)
        if report.applied:
            con.execute(_ANSWERED)
        _record(store, report)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return report


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
    printed = [Decimal(v) for (v,) in con.execute(_FIGURES, [*key, "stated"]).fetchall()]
    if not printed:
        derived = con.execute(_FIGURES, [*key, "derived"]).fetchall()
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
        _FIGURES, [now[0], correction.metric, correction.measure, correction.year, correction.kind, "stated"]
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
    """The `corrections` table: every line of the file and what became of it."""
    file = str(report.file) if report.file is not None else ""
    for o in report.outcomes:
        c = o.correction
        store.connection.execute(
            """
            INSERT INTO corrections (line, doc_id, source_path, sha256, metric, measure, year, kind, value,
                reason, author, created_at, status, applied, facts, original_values, message, file)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
            """,
            [
                o.line,
                c.document if c else None,
                c.source_path if c else None,
                c.sha256 if c else None,
                c.metric if c else None,
                c.measure if c else None,
                c.year if c else None,
                c.kind if c else None,
                c.value if c else None,
                c.reason if c else None,
                c.author if c else None,
                c.created_at if c else None,
                o.status,
                o.applied,
                o.facts,
                ", ".join(str(v) for v in o.original_values) or None,
                o.message,
                file,
            ],
        )


# -- adding one -----------------------------------------------------------------------------------


def add_correction(
    store: Store,
    document: str,
    *,
    metric: str,
    year: int,
    kind: str,
    value: Decimal | str | float,
    reason: str,
    measure: str = "amount",
    author: str | None = None,
    path: str | os.PathLike[str] | None = None,
) -> tuple[Outcome, CorrectionsReport]:
    """Record a correction in the corrections file and apply the file to the database at once.

    `document` is the document's file path (as ingested), its doc_id or its sha256. The figure must
    be one the document states (a stated fact of that metric, measure, year and kind): the outcome
    says which values it replaced. `path` is the corrections file (default: `corrections_path`).
    Raises CorrectionError, with nothing written, when the document or the figure is not there.

    >>> with open_store("data/analytics.duckdb") as store:  # doctest: +SKIP
    ...     outcome, _ = add_correction(store, "data/samples/…/审计局_2019_预算.doc", metric="reception",
    ...                                 year=2019, kind="budget", value="1.65", reason="表中数字有误")
    """
    store_path = store.path
    file = corrections_path(store_path, path)
    if file is None:
        raise CorrectionError("an in-memory database has no corrections file: name one with path=")
    found = _document(store, document)
    sha256, source_path = found
    cells = {
        "doc_id": sha256[:16],
        "source_path": source_path,
        "sha256": sha256,
        "metric": metric,
        "measure": measure,
        "year": str(year),
        "kind": kind,
        "value": str(value),
        "reason": reason.strip(),
        "author": (author or "").strip(),
        "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
    }
    try:
        correction = _correction(0, cells)
    except ValueError as exc:
        raise CorrectionError(str(exc)) from exc
    printed = store.connection.execute(
        _FIGURES, [correction.document, metric, measure, year, kind, "stated"]
    ).fetchall()
    corrected = store.connection.execute(
        _FIGURES, [correction.document, metric, measure, year, kind, "corrected"]
    ).fetchall()
    if not printed and not corrected:
        stated = store.connection.execute(
            "SELECT DISTINCT measure, year, kind FROM facts WHERE doc_id = $1 AND metric = $2 "
            "AND basis IN ('stated', 'corrected') ORDER BY 1, 2, 3",
            [correction.document, metric],
        ).fetchall()
        has = "; ".join(f"{m} {y} {k}" for m, y, k in stated) or "none"
        raise CorrectionError(
            f"{source_path} states no {metric} {measure} for {year} {kind} (its {metric} figures: {has}); "
            "nothing was written",
        )
    _append(file, cells)
    report = apply_corrections(store, file)
    outcome = next(
        o for o in reversed(report.outcomes) if o.correction and o.correction.key == correction.key
    )
    return outcome, report


def _document(store: Store, document: str) -> tuple[str, str]:
    """(sha256, source_path) of a loaded document named by its path, doc_id or sha256."""
    con = store.connection
    name = document.strip()
    rows = con.execute(
        "SELECT sha256, source_path FROM documents WHERE status = 'ok' AND "
        "(source_path = $1 OR source_path = $2 OR doc_id = lower($3) OR sha256 = lower($3))",
        [name, os.path.abspath(name), name],
    ).fetchall()
    if not rows:
        raise CorrectionError(
            f"no document {document!r} in the database (name it by the path it was ingested from, its "
            "doc_id or its sha256); nothing was written",
            path=store.path,
        )
    sha256, source_path = rows[0]
    return str(sha256), str(source_path)


def _append(file: Path, cells: dict[str, str]) -> None:
    """Add a line to the corrections file, with the header first when the file is new."""
    new = not file.exists() or file.stat().st_size == 0
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with file.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            if new:
                writer.writeheader()
            writer.writerow(cells)
    except OSError as exc:
        raise CorrectionError(f"cannot write the corrections file: {exc}", path=str(file)) from exc


__all__ = [
    "COLUMNS",
    "ENV_CORRECTIONS",
    "SUFFIX",
    "Correction",
    "CorrectionError",
    "CorrectionsReport",
    "Outcome",
    "add_correction",
    "apply_corrections",
    "corrections_path",
    "read_corrections",
]

"""The corrections file: where it lies, reading and checking its lines, and appending one.

Reading never touches a database: a line that is not a correction becomes an `invalid` outcome
saying why, and only a file that cannot be read at all (or has no usable header) raises.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

from analytics.errors import AnalyticsError
from analytics.load.connect import MEMORY
from analytics.load.rows import money
from analytics.load.schema import TABLES
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

REQUIRED = ("metric", "year", "kind", "value", "reason")
"""The columns a corrections file's header must name."""

Status = Literal["applied", "document_changed", "document_missing", "no_figure", "superseded", "invalid"]

_MEASURES = TABLES["facts"].column("measure").values  # as `facts` names a figure
_KINDS = TABLES["facts"].column("kind").values


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


def corrections_path(
    db: str | os.PathLike[str], override: str | os.PathLike[str] | None = None
) -> Path | None:
    """The corrections file of the database `db` (see `analytics.load.corrections`); None for an
    in-memory database with no file named.

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
    missing = [c for c in REQUIRED if c not in header]
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
            corrections.append(parse_line(line, cells))
        except ValueError as exc:
            invalid.append(Outcome(line, "invalid", f"line {line}: {exc}; not applied"))
    return corrections, invalid


def parse_line(line: int, cells: dict[str, str]) -> Correction:
    """The correction of one line of the file, from its cells by column name; ValueError saying what
    is wrong.

    >>> parse_line(2, {"doc_id": "3F2A", "metric": "reception", "year": "2019", "kind": "budget",
    ...                "value": "1,234.56789", "reason": "表中数字有误"}).describe()
    'reception amount 2019 budget = 1234.5679'
    >>> parse_line(2, {"doc_id": "3f2a", "metric": "reception", "year": "19", "kind": "budget",
    ...                "value": "1", "reason": "…"})
    Traceback (most recent call last):
    ValueError: year 19 is not a fiscal year
    """
    doc_id, sha256, source_path = _document_named(cells)
    metric, measure, year, kind = _figure_named(cells)
    value = _value(cells.get("value", ""))
    reason = cells.get("reason", "")
    if not reason:
        raise ValueError("no reason given: say why the document's figure is wrong")
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
        created_at=_created_at(cells.get("created_at") or None),
    )


def _document_named(cells: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """(doc_id, sha256, source_path) of the line: the document named by its sha256 or doc_id."""
    doc_id = cells.get("doc_id") or None
    sha256 = (cells.get("sha256") or "").lower() or None
    if sha256 is not None and (len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256)):
        raise ValueError(f"sha256 {sha256!r} is not 64 hexadecimal digits")
    if doc_id is not None and sha256 is not None and not sha256.startswith(doc_id.lower()):
        raise ValueError(f"doc_id {doc_id} is not the start of sha256 {sha256}")
    if doc_id is None and sha256 is None:
        raise ValueError("the document is not named: give its sha256 (with source_path) or its doc_id")
    return doc_id, sha256, cells.get("source_path") or None


def _figure_named(cells: dict[str, str]) -> tuple[str, str, int, str]:
    """(metric, measure, year, kind) of the figure the line corrects, as `facts` names it."""
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
    return metric, measure, year, kind


def _value(cell: str) -> Decimal:
    """The corrected figure, rounded as DECIMAL(18,4) keeps it; thousands separators allowed."""
    try:
        value = money(Decimal(cell.replace(",", "")))
    except InvalidOperation:
        raise ValueError(f"value {cell!r} is not a number") from None
    if value is None or not value.is_finite() or abs(value) >= Decimal(10) ** 14:
        raise ValueError(f"value {cell!r} is not a figure DECIMAL(18,4) holds")
    return value


def _created_at(cell: str | None) -> dt.datetime | None:
    """An ISO 8601 time as a naive UTC timestamp (a time with an offset is converted)."""
    try:
        created_at = dt.datetime.fromisoformat(cell) if cell else None
    except ValueError:
        raise ValueError(f"created_at {cell!r} is not an ISO 8601 time") from None
    if created_at is not None and created_at.tzinfo is not None:
        created_at = created_at.astimezone(dt.UTC).replace(tzinfo=None)
    return created_at


def append_line(file: Path, cells: dict[str, str]) -> None:
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
    "REQUIRED",
    "SUFFIX",
    "Correction",
    "CorrectionError",
    "Outcome",
    "Status",
    "append_line",
    "corrections_path",
    "parse_line",
    "read_corrections",
]

"""Hand-made documents for analysis tests: each test database is written with `Store.write_document`
from `Extraction`s built here, so the analyses are tested without the read and extract stages (but
for each document's level of government, told by the extract stage's own rule, `extract.level`).

A `Doc` is one disclosure: a department, a year, a kind, and its figures, written
`fact("vehicle_operation", "40")` (stated amount, the document's year and kind unless told otherwise).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from analytics.extract.level import department_level
from analytics.load import open_store
from analytics.model import BudgetLine, Check, Document, Extraction, Fact, Metadata, PerformanceGoal


@dataclass(frozen=True)
class F:
    """A figure; year and kind default to the document's."""

    metric: str
    value: str
    year: int | None = None
    kind: str | None = None
    measure: str = "amount"
    basis: str = "stated"
    reason: str | None = None
    quote: str | None = None


def fact(metric: str, value: str | int | float, year: int | None = None, **kwargs: object) -> F:
    return F(metric, str(value), year, **kwargs)  # type: ignore[arg-type]


@dataclass
class Doc:
    department: str
    year: int
    kind: str = "final"
    facts: list[F] = field(default_factory=list)
    department_type: str = "财政"
    region: str | None = "廊坊市"
    province: str | None = "河北省"
    goals: list[PerformanceGoal] = field(default_factory=list)
    lines: list[BudgetLine] = field(default_factory=list)
    path: str | None = None
    notes: list[Check] = field(default_factory=list)
    printed: str | None = None  # the department as the document prints it (default: `department`)
    checks: list[Check] = field(default_factory=list)  # the validate stage's, as written with the document
    region_code: str | None = None

    @property
    def source_path(self) -> str:
        return self.path or f"/corpus/{self.department}_{self.year}_{self.kind}.txt"


def goal(
    activity: str, budget: str | None, parent: str | None = None, indicator: str | None = "指标"
) -> PerformanceGoal:
    return PerformanceGoal(activity, parent, None if budget is None else Decimal(budget), None, None, indicator,
                           None, None, None, None)  # fmt: skip


def line(
    code: str, name: str, total: str, year: int, kind: str = "budget", project: str | None = None
) -> BudgetLine:
    return BudgetLine(year, kind, "functional", code, name, Decimal(total), None,  # type: ignore[arg-type]
                      None if project is None else Decimal(project))  # fmt: skip


def _document(doc: Doc) -> Document:
    return Document(doc.source_path, "text", hashlib.sha256(doc.source_path.encode()).hexdigest(), blocks=[])


def _extraction(doc: Doc) -> Extraction:
    facts = [
        Fact(
            f.metric,
            f.measure,  # type: ignore[arg-type]
            Decimal(f.value),
            f.year if f.year is not None else doc.year,
            (f.kind or doc.kind),  # type: ignore[arg-type]
            "万元",
            f.basis,  # type: ignore[arg-type]
            "section",
            "table" if f.basis == "stated" else "narrative",
            f.quote or f"{f.metric} {f.value}",
            reason=f.reason,
        )
        for f in doc.facts
    ]
    return Extraction(
        metadata=Metadata(
            title=f"{doc.department}{doc.year}",
            department=doc.department,
            department_printed=doc.printed or doc.department,
            department_type=doc.department_type,
            region=doc.region,
            province=doc.province,
            region_code=doc.region_code,
            level=department_level(doc.department, doc.region),  # as the extract stage tells it
            year=doc.year,
            kind=doc.kind,  # type: ignore[arg-type]
        ),
        facts=facts,
        goals=list(doc.goals),
        budget_lines=list(doc.lines),
        checks=list(doc.notes),
    )


def write_database(path: Path, docs: Iterable[Doc]) -> Path:
    """Write `docs` into a new database at `path` (closed afterwards) and return the path."""
    with open_store(path) as store:
        for doc in docs:
            store.write_document(
                _document(doc), _extraction(doc), [*doc.notes, *doc.checks] if doc.checks else None
            )
    return path


def series_docs(
    department: str,
    metric: str,
    values: dict[int, str | int | float],
    *,
    kind: str = "final",
    reasons: dict[int, str] | None = None,
    **doc_fields: object,
) -> list[Doc]:
    """One document per year, each stating `metric` for its year (with the reason given that year)."""
    reasons = reasons or {}
    return [
        Doc(department, year, kind, [fact(metric, value, reason=reasons.get(year))], **doc_fields)  # type: ignore[arg-type]
        for year, value in sorted(values.items())
    ]


def merge(*groups: list[Doc]) -> list[Doc]:
    """Documents of the same department, year and kind merged into one (their facts together)."""
    merged: dict[tuple[str, int, str], Doc] = {}
    for group in groups:
        for doc in group:
            key = (doc.department, doc.year, doc.kind)
            if key in merged:
                merged[key].facts.extend(doc.facts)
                merged[key].goals.extend(doc.goals)
                merged[key].lines.extend(doc.lines)
                merged[key].notes.extend(doc.notes)
                merged[key].checks.extend(doc.checks)
            else:
                merged[key] = Doc(doc.department, doc.year, doc.kind, list(doc.facts), doc.department_type,
                                  doc.region, doc.province, list(doc.goals), list(doc.lines), doc.path,
                                  list(doc.notes), doc.printed, list(doc.checks), doc.region_code)  # fmt: skip
    return list(merged.values())

"""A composed disclosure, independent of file format: ordered blocks plus the truth about them.

The composer fills a `Disclosure` block by block and records each figure as it prints it, so the
truth files come from exactly the data that is rendered. Renderers only read `blocks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from analytics.model import Kind, Measure, Method
from cn_budget_samples.departments import Department
from cn_budget_samples.plants import Plant


@dataclass(frozen=True)
class Heading:
    """A title line (level 0), a section heading (1) or a sub-heading (2)."""

    text: str
    level: int


@dataclass(frozen=True)
class Para:
    """A paragraph of running text."""

    text: str


@dataclass(frozen=True)
class TableBlock:
    """A table: its name, the caption line with the unit, header rows, body rows.

    `spans` are merged header cells as (row, col, rowspan, colspan); the covered cells hold ''."""

    name: str
    caption: str
    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    spans: tuple[tuple[int, int, int, int], ...] = ()
    note: str | None = None

    @property
    def width(self) -> int:
        return max(len(r) for r in (*self.header, *self.rows))


Block = Heading | Para | TableBlock


@dataclass(frozen=True)
class TruthFact:
    """A figure the document states (a row of truth_facts.csv). `value` is in 万元 for money,
    a count for vehicles_count, percent for yoy_pct."""

    metric: str
    measure: Measure
    year: int
    kind: Kind
    value: Decimal
    method: Method
    quote: str
    reason: str | None = None


@dataclass(frozen=True)
class TruthLine:
    """A classification row the document prints (a row of truth_budget_lines.csv), in 万元."""

    year: int
    kind: Kind
    classification: str  # 'functional' | 'economic'
    code: str
    name: str
    total: Decimal
    basic: Decimal | None
    project: Decimal | None


@dataclass(frozen=True)
class TruthGoal:
    """An activity of the performance-goals table with the budget it prints."""

    activity: str
    parent: str | None
    budget: Decimal


@dataclass
class Disclosure:
    """One composed document."""

    department: Department
    year: int
    kind: Kind
    printed_name: str
    title: str
    published: date
    blocks: list[Block] = field(default_factory=list)
    facts: list[TruthFact] = field(default_factory=list)
    lines: list[TruthLine] = field(default_factory=list)
    goals: list[TruthGoal] = field(default_factory=list)
    plants: tuple[Plant, ...] = ()
    notes: list[str] = field(default_factory=list)  # how this document varies (for the manifest)

"""A table as it is built: cells printed the document's way (万元 or 元, blank zeros), and the truth
each row states recorded with it.

A row's quote is its cells joined by ' | ' (blank cells kept), the way the extractor quotes rows; a
`Num` cell with `metrics` gives one truth fact per metric named, unless it prints blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from analytics.model import Kind
from cn_budget_samples.document import TableBlock, TruthFact, TruthLine
from cn_budget_samples.money import fmt, fmt_yuan
from cn_budget_samples.style import Style


@dataclass(frozen=True)
class Num:
    """A number cell; `metrics` names the truth fact(s) it gives (None: printed, not a fact)."""

    value: Decimal
    metrics: str | None = None
    year: int | None = None
    kind: Kind | None = None
    count: bool = False


Cell = str | Num | None


@dataclass
class TableBuilder:
    """Collects the rows of one table and the facts and lines they state."""

    name: str
    caption: str
    header: tuple[tuple[str, ...], ...]
    year: int
    kind: Kind
    style: Style
    yuan: bool = False
    spans: tuple[tuple[int, int, int, int], ...] = ()
    rows: list[tuple[str, ...]] = field(default_factory=list)
    facts: list[TruthFact] = field(default_factory=list)
    lines: list[TruthLine] = field(default_factory=list)

    def text(self, cell: Cell) -> str:
        if cell is None:
            return ""
        if isinstance(cell, str):
            return cell
        if cell.count:
            return str(int(cell.value))
        if cell.value == 0 and self.style.zero_blank:
            return ""
        return fmt_yuan(cell.value) if self.yuan else fmt(cell.value)

    def row(self, *cells: Cell) -> tuple[str, ...]:
        printed = tuple(self.text(c) for c in cells)
        quote = " | ".join(printed)
        for cell, shown in zip(cells, printed, strict=True):
            if isinstance(cell, Num) and cell.metrics and shown:
                for metric in cell.metrics.split("+"):
                    self.facts.append(
                        TruthFact(
                            metric,
                            "amount",
                            cell.year or self.year,
                            cell.kind or self.kind,
                            cell.value,
                            "table",
                            quote,
                        )
                    )
        self.rows.append(printed)
        return printed

    def line(self, classification: str, code: str, name: str, cells: list[Cell], line: TruthLine) -> None:
        self.row(*cells)
        self.lines.append(line)

    def block(self, note: str | None = None) -> TableBlock:
        return TableBlock(self.name, self.caption, self.header, tuple(self.rows), self.spans, note)


def unit_caption(builder_yuan: bool, department: str | None = None) -> str:
    unit = "单位：元" if builder_yuan else "单位：万元"
    return f"编制单位：{department}　　{unit}" if department else unit

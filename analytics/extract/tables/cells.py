"""What a table's cells hold, and the table-wide facts read from them: numbers, percentages and words,
how many rows the header takes, the money unit the table declares, and what a row label means in it
(the catalogue entry's meanings, else the vocabulary's)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from analytics.extract.labels import label_metrics
from analytics.extract.labels import squeeze as _clean
from analytics.extract.numbers import parse_number, unit_in
from analytics.extract.standard_tables import Side, StandardTable, clean_label
from analytics.model import Table

TOTAL_WORDS = re.compile(r"^(?:合计|总计|小计|金额合计)$")
SPENDING_TOTAL_WORDS = re.compile(r"^(?:支出|经费|费用)(?:合计|总计|总额)$")
_ENDS_WITH_TOTAL = re.compile(r"(?:合计|小计|总计)$")
THREE_PUBLIC_RE = re.compile(r"三\s*公")
DASHES = frozenset({"-", "—", "--", "——", "/", "－"})

Meaning = Callable[[str, Side | None], tuple[str, ...]]
"""How a label reads in one table: (label, side) -> the metrics it names."""


def is_number(cell: str) -> bool:
    return parse_number(cell.strip()) is not None


def percent(cell: str) -> Decimal | None:
    """A percentage cell's number ('-50.00%' -> -50.00), else None."""
    stripped = cell.strip()
    return parse_number(stripped[:-1]) if stripped.endswith("%") else None


BLANK, WORDS, FIGURE = 0, 1, 2


def is_text(cell: str) -> bool:
    """A cell holding words: not blank, not a number, not a dash standing for nothing."""
    return cell_class(cell) == WORDS


@lru_cache(maxsize=1 << 14)
def cell_class(cell: str) -> int:
    """BLANK (empty, or a dash standing for nothing), WORDS or FIGURE (a number or a percentage).
    (Cached: cells repeat, '0.00' and the labels above all.)"""
    stripped = cell.strip()
    if not stripped or stripped in DASHES:
        return BLANK
    return WORDS if parse_number(stripped) is None and percent(stripped) is None else FIGURE


def header_rows(table: Table) -> int:
    """How many leading rows hold no figure (titles, captions and column headers)."""
    for i, row in enumerate(table.rows):
        if any(is_number(c) for c in row[1:]) or (row and is_number(row[0]) and len(row) > 1):
            return i
    return len(table.rows)


def context_total(context: str) -> str | None:
    """The metric a bare '合计' stands for in an uncatalogued table with this caption."""
    if THREE_PUBLIC_RE.search(context):
        return "three_public_total"
    return None


@lru_cache(maxsize=1 << 13)
def _metrics_of(label: str, total: str | None) -> tuple[str, ...]:
    """The metrics a row label names ('合计' names `total`). Cached: row labels repeat across tables
    and documents."""
    cleaned = clean_label(label)
    if TOTAL_WORDS.match(cleaned):
        return (total,) if total else ()
    if total == "three_public_total" and SPENDING_TOTAL_WORDS.match(cleaned):
        return (total,)  # '一、支出合计' of a 三公 table is its total, not the department's spending
    found = label_metrics(cleaned)
    if not found and _ENDS_WITH_TOTAL.search(cleaned):
        found = label_metrics(cleaned[:-2])  # '“三公”经费合计'
    return found


def meaning_of(standard: StandardTable | None, total: str | None) -> Meaning:
    """How labels read in this table: the catalogue entry's meanings, else the vocabulary's."""
    if standard is not None:
        return standard.meaning

    def plain(label: str, side: Side | None) -> tuple[str, ...]:
        found = _metrics_of(label, total)
        if not found and side is not None and _clean(label) == "总计":
            return (f"{side}_grand_total",)  # '总计' under a 收入 or 支出 label column of a 收支总表
        return found

    return plain


_HEADER_UNIT = re.compile(r"[(（]\s*(万元|亿元|千元|元)\s*[)）]")


def table_unit(table: Table, context: str) -> str | None:
    """The money unit a table declares: in its caption or the lines above it, else in its first rows
    ('金额单位：元' in a header cell, '预算数(万元)'); None when it declares none."""
    caption = "\n".join([context, table.caption or ""])
    found = unit_in(caption) or next((u for row in table.rows[:3] for c in row if (u := unit_in(c))), None)
    if found is None:
        in_header = {m.group(1) for row in table.rows[:3] for c in row for m in _HEADER_UNIT.finditer(c)}
        found = in_header.pop() if len(in_header) == 1 else None
    return found

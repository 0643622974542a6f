"""Horizontal tables: a header of labels over rows of values; a two-row header names sub-columns, and
a last header row of kinds only ('预算数 | 决算数') pairs a kind with each label above it."""

from __future__ import annotations

from analytics.extract.labels import squeeze as _clean
from analytics.extract.numbers import parse_number
from analytics.extract.standard_tables import Side, StandardTable
from analytics.extract.tables.cells import TOTAL_WORDS, Meaning, is_number, is_text
from analytics.extract.tables.columns import (
    Column,
    column_fact,
    column_kind,
    is_kind_row,
    kind_suffix,
    names_figures,
    prints_prior_year,
)
from analytics.model import Fact, Kind, Table


def horizontal_facts(
    table: Table,
    head: int,
    unit: str | None,
    meaning: Meaning,
    standard: StandardTable | None,
    year: int,
    kind: Kind,
    section: str | None,
    ordinal: int | None,
) -> list[Fact]:
    header_rows = [tuple(_clean(c) for c in r) for r in table.rows[:head]]
    width = max(len(r) for r in table.rows)
    side = standard.side if standard is not None else None
    data = table.rows[head:]
    # A last header row of kinds only ('预算数 | 决算数 | 预算数 | …') pairs a kind with each label
    # above it; the labels then span their pair (merged cells read once: blank to their right).
    kinds = header_rows.pop() if len(header_rows) >= 2 and is_kind_row(header_rows[-1]) else None
    has_prior = prints_prior_year([*(r[0] for r in data if r and not is_number(r[0])), *(kinds or ())], year)
    metric_of: dict[int, tuple[str, str, Column]] = {}
    for j in range(width):
        if kinds is not None:
            path = _spanned_path(header_rows, j)
            parent: str | None = path[-2] if len(path) > 1 else None
        else:
            path = [r[j] for r in header_rows if j < len(r) and r[j]]
            parent = _spanning_parent(header_rows, j)
        if not path:
            continue
        label, said_kind = kind_suffix(path[-1])
        found = meaning(label, side)
        if not found and TOTAL_WORDS.match(label):
            found = meaning(parent, side) if parent else meaning(label, side)
            label = f"{parent}/{label}" if parent else label
        elif parent and TOTAL_WORDS.match(label):
            found = meaning(parent, side) or found
            label = f"{parent}/{label}"
        elif not found and parent:
            found = sub_column_metrics(parent, label, meaning, side)
            label = f"{parent}/{label}"
        said = (kinds[j] if kinds is not None and j < len(kinds) else "") or said_kind
        column = column_kind(said, kind, year, has_prior) if said else Column(-1, kind, year)
        if len(found) == 1 and column is not None:
            metric_of[j] = (found[0], label, column)
    if len(metric_of) < 2:
        return []
    facts: list[Fact] = []
    for row in data:
        said = next((_clean(c) for c in row if is_text(c)), "")  # its label, if it has one
        row_kind = column_kind(said, kind, year, has_prior) if said and names_figures(said) else None
        if said and row_kind is None:
            continue  # a '增减%', '完成率' or '行次' row, or a unit's own row ('某某局本级'): not the totals
        for j, (metric, label, column) in metric_of.items():
            value = parse_number(row[j].strip()) if j < len(row) else None
            if value is None:
                continue
            col = row_kind if row_kind is not None else column
            facts.append(
                column_fact(metric, value, unit, col, section, f"{label} | {row[j].strip()}", ordinal)
            )
    return facts


def _spanned_path(header_rows: list[tuple[str, ...]], j: int) -> list[str]:
    """The labels over column j, top to bottom, each taken from the cell that spans j: the nearest
    label at or to the left of j in its row, not left of the span of the label above it."""
    path: list[str] = []
    low = 0
    for row in header_rows:
        k = min(j, len(row) - 1)
        while k > low and not row[k]:
            k -= 1
        if 0 <= k < len(row) and row[k] and k >= low:
            path.append(row[k])
            low = k
    return path


def sub_column_metrics(parent: str, label: str, meaning: Meaning, side: Side | None) -> tuple[str, ...]:
    """A sub-column named by its parent's stem: '公务用车购置及运行费' over '运行费' is
    '公务用车运行费'. The longest stem that names a metric other than the parent's wins."""
    own = meaning(parent, side)
    for k in range(len(parent), 1, -1):
        found = meaning(parent[:k] + label, side)
        if found and found != own:
            return found
    return ()


def _spanning_parent(header_rows: list[tuple[str, ...]], j: int) -> str | None:
    """The label of a merged header cell above column j: the nearest non-empty cell at or to the
    left of j in the row above the column's own label."""
    rows_with = [i for i, r in enumerate(header_rows) if j < len(r) and r[j]]
    if not rows_with or rows_with[-1] == 0:
        return None
    above = header_rows[rows_with[-1] - 1]
    for k in range(min(j, len(above) - 1), -1, -1):
        if above[k]:
            return above[k]
    return None

"""Vertical tables: a label column, value columns named by the header (two-sided tables have two
label columns, each followed by its values; label columns may nest, a category then its items)."""

from __future__ import annotations

from analytics.extract.labels import squeeze as _clean
from analytics.extract.narrative.relative import RELATIVE_PARENTS, short_name_of_part
from analytics.extract.standard_tables import Side, StandardTable, is_this_years
from analytics.extract.tables.cells import FIGURE, TOTAL_WORDS, WORDS, Meaning, cell_class, is_text
from analytics.extract.tables.columns import Column, cell_value, column_fact, prints_prior_year, value_columns
from analytics.model import Fact, Kind, Table
from analytics.reference import metrics

_CARRY = frozenset({"income_carryover", "expenditure_carryforward"})
_SIDE_TOTALS = frozenset({"income_total", "expenditure_total"})


def _side_of(header: str, standard: StandardTable | None, first: bool) -> Side | None:
    """The side a label column is on: its header's 收入 or 支出, else the table's own side."""
    income, expenditure = "收入" in header, "支出" in header
    if income != expenditure:
        return "income" if income else "expenditure"
    if standard is not None and standard.side is not None:
        return standard.side
    if standard is not None and standard.sides:
        return "income" if first else "expenditure"
    return None


def vertical_facts(
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
    width = max(len(r) for r in table.rows)
    rows = [tuple(r) + ("",) * (width - len(r)) for r in table.rows]
    headers = ["".join(_clean(r[j]) for r in rows[:head]) for j in range(width)]
    data = rows[head:]
    texts, numbers = [0] * width, [0] * width
    for r in data:
        for j, cell in enumerate(r):
            holds = cell_class(cell)
            if holds == WORDS:
                texts[j] += 1
            elif holds == FIGURE:
                numbers[j] += 1
    sides = [_side_of(headers[j], standard, j == 0) for j in range(width)]
    label_cols = [
        j for j in range(width) if texts[j] and any(meaning(r[j], sides[j]) for r in data if is_text(r[j]))
    ]
    if not label_cols:
        return []
    # A side's own header ('支出' over both its label columns) names the later ones too.
    for n, j in enumerate(label_cols):
        if n and sides[j] is None:
            sides[j] = sides[label_cols[n - 1]]
    groups: dict[int, list[Column]] = {}
    has_prior = prints_prior_year(headers, year)
    for n, label_col in enumerate(label_cols):
        end = label_cols[n + 1] if n + 1 < len(label_cols) else width
        # a value column may hold a word or two among its figures ('单位不需填列', '以前年度结转…')
        group = [j for j in range(label_col + 1, end) if numbers[j] and texts[j] * 2 < numbers[j]]
        groups[label_col] = value_columns(headers, group, year, kind, has_prior)
    facts: list[Fact] = []
    carried: set[int] = set()  # label columns whose carry-over row has been passed
    wholes: dict[int, list[str]] = {}  # per label column: the rows above whose parts have short names
    # per label column: the one before (-1: none); nested under it (a category column, no values of its own)
    before = [label_cols[n - 1] if n else -1 for n in range(len(label_cols))]
    nested = [
        p >= 0 and not groups[p] and sides[p] == sides[j] for p, j in zip(before, label_cols, strict=True)
    ]
    for i, row in enumerate(data):
        for n, label_col in enumerate(label_cols):
            label = _row_label(data, i, label_col, before[n], nested[n])
            if label is None:
                continue
            side = sides[label_col]
            found = _row_metrics(meaning(label, side), label, wholes, label_col)
            if not found:
                continue
            if standard is not None and label_col in carried and not is_this_years(label):
                found = tuple(standard.grand_total(m) if m in _SIDE_TOTALS else m for m in found)
            if not _CARRY.isdisjoint(found):
                carried.add(label_col)
            columns = groups[label_col]
            k = n
            # A label cell merged across the next label column: its value stands further along.
            while k + 1 < len(label_cols) and not any(row[c.index].strip() for c in columns):
                k += 1
                if row[label_cols[k]].strip():
                    break
                columns = groups[label_cols[k]]
            end = label_cols[k + 1] if k + 1 < len(label_cols) else width
            quote = None
            for col in columns:
                value = cell_value(row[col.index], col)
                if value is None:
                    continue
                quote = quote or " | ".join(c.strip() for c in row[label_col:end] if c.strip())
                for metric in found:
                    facts.append(column_fact(metric, value, unit, col, section, quote, ordinal))
    return facts


def _row_label(data: list[tuple[str, ...]], i: int, col: int, previous: int, nested: bool) -> str | None:
    """The label of row `i` in label column `col`: its cell; a blank cell takes a label standing to
    its left (a cell merged across nested label columns); a bare '小计' or '合计' is the total of the
    category to its left, in this row or above it (where that cell is merged down). `previous` is
    the label column before (-1 for none), `nested` whether it is on the same side (its categories
    may own this column's totals)."""
    row = data[i]
    cell = row[col].strip()
    if not cell:
        return next((row[j].strip() for j in range(col - 1, previous, -1) if is_text(row[j])), None)
    if not is_text(cell):
        return None
    if TOTAL_WORDS.match(_clean(cell)):
        owners = [*range(col - 1, previous, -1), *([previous] if previous >= 0 and nested else [])]
        if owners:
            category: str | None = next(
                (data[k][owners[0]].strip() for k in range(i, -1, -1) if is_text(data[k][owners[0]])), None
            )
            if category is not None:
                return category
    return cell


def _row_metrics(
    found: tuple[str, ...], label: str, wholes: dict[int, list[str]], col: int
) -> tuple[str, ...]:
    """A row's metrics: its label's (`found`), else those of a part named by its short name under its
    whole ('其中:购置经费' under the vehicle row); `wholes` is kept per label column."""
    if found:
        wholes[col] = _wholes_after(found, wholes.get(col, []))
        return found
    return short_name_of_part(label, wholes.get(col, []))


def _wholes_after(found: tuple[str, ...], wholes: list[str]) -> list[str]:
    """The wholes whose parts the next rows may name by a short name, after a row of `found`: a
    whole goes on the list (after the whole it is part of, if that is the last one); a part of a
    listed whole keeps the list; anything else ends it (a later '运行经费' row is no vehicle part)."""
    new = [m for m in found if m in RELATIVE_PARENTS]
    if not new and not wholes:
        return wholes  # most rows: no whole listed, none to list
    parents = metrics()
    if new:
        kept = [w for w in wholes if any(parents[m].parent == w for m in new)]
        return [*kept, *new]
    return wholes if any(parents[m].parent in wholes for m in found) else []

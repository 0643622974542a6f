"""Figures from tables: the "三公" table, the 收支总表 and any table whose rows or columns are metric
labels. Two layouts are read:

Vertical — a label column, value columns named by the header (two-sided tables have two label
columns, each followed by its values):

    项目                     | 预算数 | 决算数          收入项目 | 预算数 | 支出项目 | 预算数
    合计                     | 34.35  | 30.10           一、一般公共预算拨款收入 | 474.91 | 一、基本支出 | 281.61
    1.因公出国(境)费用        | 0      | 0
    其中:(1)公务用车运行维护费 | 32.65  | 28.40

Horizontal — a header of labels over rows of values; a two-row header names sub-columns:

    合计 | 因公出国 | 公务用车购置及运行维护 |        |          | 公务接待费
         |          | 小计                  | 购置   | 运行及维护 |
    5834 | 100      | 5304                  | 692    | 4612     | 430

A column header says the figure's kind (预算数 -> budget, 决算数 -> final) and year (上年 -> prior
year). Breakdown columns (一般公共预算 / 政府性基金 beside 合计) are not separate figures. The total
row is named by context: '合计' in a "三公" table is the "三公" total. The unit comes from a caption
('单位：元'), and every amount is stored in 万元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from analytics.extract.labels import label_metrics, strip_row_prefix
from analytics.extract.labels import squeeze as _clean
from analytics.extract.numbers import parse_number, to_wan, unit_in
from analytics.model import Fact, Kind, Table

TOTAL_WORDS = re.compile(r"^(?:合计|总计|小计|金额合计)$")
BREAKDOWN_WORDS = re.compile(r"一般公共预算|政府性基金|国有资本|财政拨款|其中|事业收入|其他资金")
VALUE_WORDS = re.compile(r"合计|总计|小计|金额|预算数|决算数|预算|决算|本年|上年|数额|数$")
PRIOR_WORDS = re.compile(r"上年")
SKIP_WORDS = re.compile(r"调整预算|变动|增减|比上年|同比|百分比|%|占比|完成率|执行率")
_ENDS_WITH_TOTAL = re.compile(r"(?:合计|小计|总计)$")
_STATED_YEAR = re.compile(r"((?:19|20)\d{2})年")
THREE_PUBLIC_RE = re.compile(r"三\s*公")


@dataclass(frozen=True)
class _Column:
    index: int
    kind: Kind
    year: int


def _is_number(cell: str) -> bool:
    return parse_number(cell.strip()) is not None


def _header_rows(table: Table) -> int:
    """How many leading rows hold no figure (titles, captions and column headers)."""
    for i, row in enumerate(table.rows):
        if any(_is_number(c) for c in row[1:]) or (row and _is_number(row[0]) and len(row) > 1):
            return i
    return len(table.rows)


def context_total(context: str) -> str | None:
    """The metric a bare '合计' stands for in a table with this caption."""
    if THREE_PUBLIC_RE.search(context):
        return "three_public_total"
    return None


@lru_cache(maxsize=1 << 13)
def _metrics_of(label: str, total: str | None) -> tuple[str, ...]:
    """The metrics a row label names ('合计' names `total`). Cached: row labels repeat across tables
    and documents."""
    cleaned = strip_row_prefix(_clean(label))
    if TOTAL_WORDS.match(cleaned):
        return (total,) if total else ()
    found = label_metrics(cleaned)
    if not found and _ENDS_WITH_TOTAL.search(cleaned):
        found = label_metrics(cleaned[:-2])  # '“三公”经费合计'
    return found


def _source_free(header: str) -> str:
    """A column header without its source-of-funds words and without what follows '其中'."""
    return BREAKDOWN_WORDS.sub("", header.split("其中")[0])


def _column_kind(header: str, kind: Kind, year: int) -> _Column | None:
    """What a value column holds, from its header text; None for columns that are not figures."""
    if SKIP_WORDS.search(header):
        return None
    col_kind: Kind = kind
    said = _source_free(header)  # the 预算 of '一般公共预算' names a source of funds, not a kind
    if "决算" in said:
        col_kind = "final"
    elif "预算" in said:
        col_kind = "budget"
    stated = _STATED_YEAR.search(header)  # '2015年预算数', a '2015年' row
    if stated and abs(int(stated.group(1)) - year) <= 3:
        return _Column(-1, col_kind, int(stated.group(1)))
    return _Column(-1, col_kind, year - 1 if PRIOR_WORDS.search(header) else year)


def table_facts(table: Table, *, context: str, year: int, kind: Kind, section: str | None) -> list[Fact]:
    """Every figure a table states under a metric label, vertical or horizontal."""
    caption = "\n".join([context, table.caption or ""])
    unit = unit_in(caption) or next((u for row in table.rows[:3] for c in row if (u := unit_in(c))), None)
    total = context_total(caption + " ".join(" ".join(r) for r in table.rows[:2]))
    head = _header_rows(table)
    if head >= len(table.rows):
        return []
    table = Table(rows=_rejoin_wrapped_labels(table.rows, head, total), caption=table.caption)
    vertical = _vertical(table, head, unit, total, year, kind, section)
    if vertical:
        return vertical
    return _horizontal(table, head, unit, total, year, kind, section)


def _rejoin_wrapped_labels(
    rows: tuple[tuple[str, ...], ...], head: int, total: str | None
) -> tuple[tuple[str, ...], ...]:
    """A label wrapped onto a row of its own ('2、公务用车购置及' / '运行费', the second row holding
    nothing else) is joined back, when only the joined text names a metric."""
    out = list(rows[:head])
    for row in rows[head:]:
        previous = out[-1] if len(out) > head else None
        lone = bool(row) and bool(row[0].strip()) and not any(c.strip() for c in row[1:])
        if previous is not None and lone and not _metrics_of(previous[0], total):
            joined = previous[0].rstrip() + row[0].strip()
            if _metrics_of(joined, total):
                out[-1] = (joined, *previous[1:])
                continue
        out.append(row)
    return tuple(out)


def _fact(
    metric: str, value: Decimal, unit: str | None, col: _Column, section: str | None, quote: str
) -> Fact:
    return Fact(
        metric=metric,
        measure="amount",
        value=to_wan(value, unit),
        year=col.year,
        kind=col.kind,
        unit_found=unit or "万元",
        basis="stated",
        section=section,
        method="table",
        quote=quote,
    )


def _vertical(
    table: Table, head: int, unit: str | None, total: str | None, year: int, kind: Kind, section: str | None
) -> list[Fact]:
    width = max(len(r) for r in table.rows)
    headers = ["".join(_clean(r[j]) for r in table.rows[:head] if j < len(r)) for j in range(width)]
    data = table.rows[head:]
    label_cols = [
        j
        for j in range(width)
        if sum(1 for r in data if j < len(r) and r[j].strip() and not _is_number(r[j])) >= len(data) / 2
        and any(j < len(r) and _metrics_of(r[j], total) for r in data)
    ]
    facts: list[Fact] = []
    for n, label_col in enumerate(label_cols):
        end = label_cols[n + 1] if n + 1 < len(label_cols) else width
        group = [
            j
            for j in range(label_col + 1, end)
            if not any(
                j < len(r) and r[j].strip() and not _is_number(r[j]) and r[j].strip() not in "-—"
                for r in data
            )
        ]
        columns = _value_columns(headers, group, year, kind)
        for row in data:
            if label_col >= len(row):
                continue
            found = _metrics_of(row[label_col], total) or _side_total(headers[label_col], row[label_col])
            if not found:
                continue
            quote = " | ".join(c.strip() for c in row[label_col:end] if c.strip())
            for col in columns:
                value = parse_number(row[col.index].strip()) if col.index < len(row) else None
                if value is None:
                    continue
                facts.extend(_fact(metric, value, unit, col, section, quote) for metric in found)
    return facts


def _side_total(header: str, label: str) -> tuple[str, ...]:
    """'总计' under a 收入 or 支出 label column of a 收支总表 is that side's grand total."""
    if _clean(label) != "总计":
        return ()
    if "收入" in header and "支出" not in header:
        return ("income_grand_total",)
    if "支出" in header and "收入" not in header:
        return ("expenditure_grand_total",)
    return ()


def _value_columns(headers: list[str], group: list[int], year: int, kind: Kind) -> list[_Column]:
    """The columns of a group that are figures: breakdown columns count only without a total column,
    and of several columns of the same kind and year only the first (the total) is kept."""
    chosen: list[_Column] = []
    has_total = any(VALUE_WORDS.search(headers[j]) and not BREAKDOWN_WORDS.search(headers[j]) for j in group)
    for j in group:
        header = headers[j]
        if has_total and BREAKDOWN_WORDS.search(header) and not VALUE_WORDS.search(_source_free(header)):
            continue  # '一般公共预算' beside '合计' splits the total by source
        col = _column_kind(header, kind, year)
        if col is None or any((c.kind, c.year) == (col.kind, col.year) for c in chosen):
            continue
        chosen.append(_Column(j, col.kind, col.year))
    return chosen


def _horizontal(
    table: Table, head: int, unit: str | None, total: str | None, year: int, kind: Kind, section: str | None
) -> list[Fact]:
    header_rows = [tuple(_clean(c) for c in r) for r in table.rows[:head]]
    width = max(len(r) for r in table.rows)
    metric_of: dict[int, tuple[str, str]] = {}
    for j in range(width):
        path = [r[j] for r in header_rows if j < len(r) and r[j]]
        if not path:
            continue
        label = path[-1]
        found = _metrics_of(label, None)
        parent = _spanning_parent(header_rows, j)
        if not found and TOTAL_WORDS.match(label):
            found = _metrics_of(parent, None) if parent else ((total,) if total else ())
            label = f"{parent}/{label}" if parent else label
        elif not found and parent:
            found = _sub_column_metrics(parent, label)
            label = f"{parent}/{label}"
        if len(found) == 1:
            metric_of[j] = (found[0], label)
    if len(metric_of) < 2:
        return []
    facts: list[Fact] = []
    for row in table.rows[head:]:
        row_kind = _column_kind(_clean(row[0]), kind, year) if row and not _is_number(row[0]) else None
        if row and row[0].strip() and not _is_number(row[0]) and row_kind is None:
            continue  # a '增减%' or '比上年' row: not amounts
        col = row_kind or _Column(-1, kind, year)
        for j, (metric, label) in metric_of.items():
            value = parse_number(row[j].strip()) if j < len(row) else None
            if value is not None:
                facts.append(_fact(metric, value, unit, col, section, f"{label} | {row[j].strip()}"))
    return facts


def _sub_column_metrics(parent: str, label: str) -> tuple[str, ...]:
    """A sub-column named by its parent's stem: '公务用车购置及运行费' over '运行费' is
    '公务用车运行费'. The longest stem that names a metric other than the parent's wins."""
    own = _metrics_of(parent, None)
    for k in range(len(parent), 1, -1):
        found = _metrics_of(parent[:k] + label, None)
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

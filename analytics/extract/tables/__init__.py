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
year); 行次/栏次 columns, 增减/变动/比上年 columns and rows, and 对比 rows are no figures. Breakdown
columns (一般公共预算 / 政府性基金 beside 合计) are not separate figures. The unit comes from a caption
('单位：元'), and every amount is stored in 万元.

What a label means comes from the table: a table matched to the catalogue of standard tables
(`standard_tables`) gives its own meanings (in a 财政拨款收支总表 '收入合计' is the appropriation's
grand total; a '合计' row of a "三公"、会议费、培训费 table is none of our metrics); an unmatched table
reads labels as the vocabulary does, a bare '合计' being the "三公" total where the caption names
"三公". Label columns may nest (a category, then its items, then '小计' for the category's total),
and a label whose own value cells are blank takes the value printed further along its row (a merged
label cell spanning the next label column).
"""

from __future__ import annotations

from analytics.extract.labels import squeeze as _clean
from analytics.extract.numbers import parse_number
from analytics.extract.standard_tables import StandardTable
from analytics.extract.tables.cells import (
    TOTAL_WORDS,
    Meaning,
    context_total,
    header_rows,
    is_text,
    meaning_of,
    table_unit,
)
from analytics.extract.tables.columns import column_fact, column_kind
from analytics.extract.tables.horizontal import horizontal_facts
from analytics.extract.tables.vertical import vertical_facts
from analytics.model import Fact, Kind, Table

__all__ = ["table_facts", "table_unit", "total_row_facts"]


def table_facts(
    table: Table,
    *,
    context: str,
    year: int,
    kind: Kind,
    section: str | None,
    standard: StandardTable | None = None,
    unit: str | None = None,
    ordinal: int | None = None,
) -> list[Fact]:
    """Every figure a table states under a metric label, vertical or horizontal.

    `standard` is the catalogue entry the table was matched to (its labels mean what it says);
    `unit` the money unit when the caller knows it better than the table's caption does; `ordinal`
    the table's place in its document, kept on each fact.
    """
    caption = "\n".join([context, table.caption or ""])
    unit = unit or table_unit(table, context)
    total = context_total(caption + " ".join(" ".join(r) for r in table.rows[:2]))
    meaning = meaning_of(standard, total)
    head = header_rows(table)
    if head >= len(table.rows):
        return []
    table = Table(rows=_rejoin_wrapped_labels(table.rows, head, meaning), caption=table.caption)
    vertical = vertical_facts(table, head, unit, meaning, standard, year, kind, section, ordinal)
    if len({f.metric for f in vertical}) > 1:
        return vertical
    # Nothing, or only a '合计' row read down the table: its header may name the metrics instead.
    horizontal = horizontal_facts(table, head, unit, meaning, standard, year, kind, section, ordinal)
    return horizontal if len({f.metric for f in horizontal}) > len({f.metric for f in vertical}) else vertical


def _rejoin_wrapped_labels(
    rows: tuple[tuple[str, ...], ...], head: int, meaning: Meaning
) -> tuple[tuple[str, ...], ...]:
    """A label wrapped onto a row of its own ('2、公务用车购置及' / '运行费', the second row holding
    nothing else) is joined back, when only the joined text names a metric."""
    out = list(rows[:head])
    for row in rows[head:]:
        previous = out[-1] if len(out) > head else None
        lone = bool(row) and bool(row[0].strip()) and not any(c.strip() for c in row[1:])
        if previous is not None and lone and not meaning(previous[0], None):
            joined = previous[0].rstrip() + row[0].strip()
            if meaning(joined, None):
                out[-1] = (joined, *previous[1:])
                continue
        out.append(row)
    return tuple(out)


def total_row_facts(
    table: Table,
    *,
    standard: StandardTable,
    context: str,
    year: int,
    kind: Kind,
    section: str | None,
    ordinal: int | None = None,
) -> list[Fact]:
    """The 合计 row of a table of classification lines whose columns are metrics (a 支出决算表:
    合计 | 基本支出 | 项目支出; a 收入决算表: 本年收入合计 | 财政拨款收入 | 事业收入 | …): each of its
    figures under the metric its column's header names in this table."""
    head = header_rows(table)
    if head == 0 or head >= len(table.rows):
        return []
    width = max(len(r) for r in table.rows)
    rows = [tuple(r) + ("",) * (width - len(r)) for r in table.rows]
    headers = ["".join(_clean(r[j]) for r in rows[:head]) for j in range(width)]
    unit = table_unit(table, context)
    facts: list[Fact] = []
    for row in rows[head:]:
        labels = [c for c in row if is_text(c)]
        if not labels or not TOTAL_WORDS.match(_clean(labels[0])):
            continue
        quote = " | ".join(c.strip() for c in row if c.strip())
        for j, cell in enumerate(row):
            value = parse_number(cell.strip())
            found = standard.meaning(headers[j]) if value is not None else ()
            column = column_kind(headers[j], kind, year) if len(found) == 1 else None
            if value is not None and column is not None:
                facts.append(column_fact(found[0], value, unit, column, section, quote, ordinal))
        break
    return facts

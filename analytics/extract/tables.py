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

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from analytics.extract.labels import label_metrics
from analytics.extract.labels import squeeze as _clean
from analytics.extract.numbers import parse_number, to_wan, unit_in
from analytics.extract.standard_tables import Side, StandardTable, clean_label, is_this_years
from analytics.model import Fact, Kind, Measure, Table

TOTAL_WORDS = re.compile(r"^(?:合计|总计|小计|金额合计)$")
SPENDING_TOTAL_WORDS = re.compile(r"^(?:支出|经费|费用)(?:合计|总计|总额)$")
BREAKDOWN_WORDS = re.compile(r"一般公共预算|政府性基金|国有资本|财政拨款|其中|事业收入|其他资金")
VALUE_WORDS = re.compile(r"合计|总计|小计|金额|预算数|决算数|预算|决算|本年|上年|数额|数$")
PRIOR_WORDS = re.compile(r"上年")
SKIP_WORDS = re.compile(r"调整预算|占比|比重|完成率|执行率|行次|栏次|序号|编号|代码|编码|备注|说明")
COMPARE_WORDS = re.compile(r"增减|对比|变动|比上年|较上年|比较|差额|同比|增长|减少")
YOY_WORDS = re.compile(r"上年|去年|同比|上一年")
PERCENT_WORDS = re.compile(r"%|％|幅度|百分比|率")
_ENDS_WITH_TOTAL = re.compile(r"(?:合计|小计|总计)$")
_STATED_YEAR = re.compile(r"((?:19|20)\d{2})年")
THREE_PUBLIC_RE = re.compile(r"三\s*公")
_DASHES = frozenset({"-", "—", "--", "——", "/", "－"})
_CARRY = frozenset({"income_carryover", "expenditure_carryforward"})
_SIDE_TOTALS = frozenset({"income_total", "expenditure_total"})

Meaning = Callable[[str, Side | None], tuple[str, ...]]


@dataclass(frozen=True)
class _Column:
    index: int
    kind: Kind
    year: int
    measure: Measure = "amount"


def _is_number(cell: str) -> bool:
    return parse_number(cell.strip()) is not None


def _percent(cell: str) -> Decimal | None:
    """A percentage cell's number ('-50.00%' -> -50.00), else None."""
    stripped = cell.strip()
    return parse_number(stripped[:-1]) if stripped.endswith("%") else None


def _cell_value(cell: str, col: _Column) -> Decimal | None:
    """The figure of a value cell: a number, or in a percentage column a number with its '%'."""
    value = parse_number(cell.strip())
    if value is None and col.measure == "yoy_pct":
        return _percent(cell)
    return value


def _is_text(cell: str) -> bool:
    """A cell holding words: not blank, not a number, not a dash standing for nothing."""
    stripped = cell.strip()
    return (
        bool(stripped) and stripped not in _DASHES and not _is_number(stripped) and _percent(stripped) is None
    )


def _header_rows(table: Table) -> int:
    """How many leading rows hold no figure (titles, captions and column headers)."""
    for i, row in enumerate(table.rows):
        if any(_is_number(c) for c in row[1:]) or (row and _is_number(row[0]) and len(row) > 1):
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


def _meaning_of(standard: StandardTable | None, total: str | None) -> Meaning:
    """How labels read in this table: the catalogue entry's meanings, else the vocabulary's."""
    if standard is not None:
        return standard.meaning

    def plain(label: str, side: Side | None) -> tuple[str, ...]:
        found = _metrics_of(label, total)
        if not found and side is not None and _clean(label) == "总计":
            return (f"{side}_grand_total",)  # '总计' under a 收入 or 支出 label column of a 收支总表
        return found

    return plain


def _source_free(header: str) -> str:
    """A column header without its source-of-funds words and without what follows '其中'."""
    return BREAKDOWN_WORDS.sub("", header.split("其中")[0])


def _column_kind(header: str, kind: Kind, year: int, has_prior: bool = False) -> _Column | None:
    """What a value column (or a row of values) holds, from its header text; None for columns that
    are not figures. A comparison ('增减额', '决算对比', '增减幅度(%)') is the change against the prior
    year where it says so ('比上年') or where the table prints the prior year's figures beside it
    (`has_prior`); a comparison of budget with final accounts is none of ours."""
    if SKIP_WORDS.search(header):
        return None
    said = _source_free(header)  # the 预算 of '一般公共预算' names a source of funds, not a kind
    col_kind: Kind = kind
    if "决算" in said:
        col_kind = "final"
    elif "预算" in said:
        col_kind = "budget"
    if COMPARE_WORDS.search(said):
        if not (YOY_WORDS.search(said) or has_prior) or ("预算" in said and "决算" in said):
            return None
        return _Column(-1, col_kind, year, "yoy_pct" if PERCENT_WORDS.search(said) else "yoy_change")
    if PERCENT_WORDS.search(said):
        return None
    stated = _STATED_YEAR.search(header)  # '2015年预算数', a '2015年' row
    if stated and abs(int(stated.group(1)) - year) <= 3:
        return _Column(-1, col_kind, int(stated.group(1)))
    return _Column(-1, col_kind, year - 1 if PRIOR_WORDS.search(header) else year)


def _prints_prior_year(texts: list[str], year: int) -> bool:
    """Whether headers or row labels name the prior year's figures ('上年预算数', '2014年度决算数')."""
    for text in texts:
        if COMPARE_WORDS.search(text):
            continue
        if PRIOR_WORDS.search(text) or any(int(y) == year - 1 for y in _STATED_YEAR.findall(text)):
            return True
    return False


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
    meaning = _meaning_of(standard, total)
    head = _header_rows(table)
    if head >= len(table.rows):
        return []
    table = Table(rows=_rejoin_wrapped_labels(table.rows, head, meaning), caption=table.caption)
    vertical = _vertical(table, head, unit, meaning, standard, year, kind, section, ordinal)
    if len({f.metric for f in vertical}) > 1:
        return vertical
    # Nothing, or only a '合计' row read down the table: its header may name the metrics instead.
    horizontal = _horizontal(table, head, unit, meaning, standard, year, kind, section, ordinal)
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


def _fact(
    metric: str,
    value: Decimal,
    unit: str | None,
    col: _Column,
    section: str | None,
    quote: str,
    ordinal: int | None,
) -> Fact:
    percent = col.measure == "yoy_pct"
    return Fact(
        metric=metric,
        measure=col.measure,
        value=value if percent else to_wan(value, unit),
        year=col.year,
        kind=col.kind,
        unit_found="%" if percent else unit,
        basis="stated",
        section=section,
        method="table",
        quote=quote,
        table=ordinal,
    )


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


def _vertical(
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
            stripped = cell.strip()
            if not stripped or stripped in _DASHES:
                continue
            if parse_number(stripped) is None and _percent(stripped) is None:
                texts[j] += 1
            else:
                numbers[j] += 1
    sides = [_side_of(headers[j], standard, j == 0) for j in range(width)]
    label_cols = [
        j for j in range(width) if texts[j] and any(meaning(r[j], sides[j]) for r in data if _is_text(r[j]))
    ]
    if not label_cols:
        return []
    # A side's own header ('支出' over both its label columns) names the later ones too.
    for n, j in enumerate(label_cols):
        if n and sides[j] is None:
            sides[j] = sides[label_cols[n - 1]]
    groups: dict[int, list[_Column]] = {}
    has_prior = _prints_prior_year(headers, year)
    for n, label_col in enumerate(label_cols):
        end = label_cols[n + 1] if n + 1 < len(label_cols) else width
        # a value column may hold a word or two among its figures ('单位不需填列', '以前年度结转…')
        group = [j for j in range(label_col + 1, end) if numbers[j] and texts[j] * 2 < numbers[j]]
        groups[label_col] = _value_columns(headers, group, year, kind, has_prior)
    facts: list[Fact] = []
    carried: set[int] = set()  # label columns whose carry-over row has been passed
    for i, row in enumerate(data):
        for n, label_col in enumerate(label_cols):
            previous = label_cols[n - 1] if n else -1
            # nested: a category column right before, without value columns of its own
            nested = previous >= 0 and not groups[previous] and sides[previous] == sides[label_col]
            label = _row_label(data, i, label_col, previous, nested)
            if label is None:
                continue
            side = sides[label_col]
            found = meaning(label, side)
            if not found:
                continue
            if standard is not None and label_col in carried and not is_this_years(label):
                found = tuple(standard.grand_total(m) if m in _SIDE_TOTALS else m for m in found)
            if not _CARRY.isdisjoint(found):
                carried.add(label_col)
            columns = groups[label_col]
            k = n
            # A label cell merged across the next label column: its value stands further along.
            while not any(row[c.index].strip() for c in columns) and k + 1 < len(label_cols):
                k += 1
                if row[label_cols[k]].strip():
                    break
                columns = groups[label_cols[k]]
            end = label_cols[k + 1] if k + 1 < len(label_cols) else width
            quote = None
            for col in columns:
                value = _cell_value(row[col.index], col)
                if value is None:
                    continue
                quote = quote or " | ".join(c.strip() for c in row[label_col:end] if c.strip())
                facts.extend(_fact(metric, value, unit, col, section, quote, ordinal) for metric in found)
    return facts


def _row_label(data: list[tuple[str, ...]], i: int, col: int, previous: int, nested: bool) -> str | None:
    """The label of row `i` in label column `col`: its cell; a blank cell takes a label standing to
    its left (a cell merged across nested label columns); a bare '小计' or '合计' is the total of the
    category to its left, in this row or above it (where that cell is merged down). `previous` is
    the label column before (-1 for none), `nested` whether it is on the same side (its categories
    may own this column's totals)."""
    row = data[i]
    cell = row[col].strip()
    between = range(col - 1, previous, -1)
    if not cell:
        return next((row[j].strip() for j in between if _is_text(row[j])), None)
    if not _is_text(cell):
        return None
    if TOTAL_WORDS.match(_clean(cell)):
        owners = [*between, *([previous] if previous >= 0 and nested else [])]
        if owners:
            category: str | None = next(
                (data[k][owners[0]].strip() for k in range(i, -1, -1) if _is_text(data[k][owners[0]])), None
            )
            if category is not None:
                return category
    return cell


def _value_columns(
    headers: list[str], group: list[int], year: int, kind: Kind, has_prior: bool = False
) -> list[_Column]:
    """The columns of a group that are figures: breakdown columns count only without a total column,
    and of several columns of the same kind and year only the first (the total) is kept."""
    chosen: list[_Column] = []
    has_total = any(VALUE_WORDS.search(headers[j]) and not BREAKDOWN_WORDS.search(headers[j]) for j in group)
    for j in group:
        header = headers[j]
        if has_total and BREAKDOWN_WORDS.search(header) and not VALUE_WORDS.search(_source_free(header)):
            continue  # '一般公共预算' beside '合计' splits the total by source
        col = _column_kind(header, kind, year, has_prior)
        if col is None or any(
            (c.kind, c.year, c.measure) == (col.kind, col.year, col.measure) for c in chosen
        ):
            continue
        chosen.append(replace(col, index=j))
    return chosen


def _horizontal(
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
    kinds = header_rows.pop() if len(header_rows) >= 2 and _is_kind_row(header_rows[-1]) else None
    has_prior = _prints_prior_year(
        [*(r[0] for r in data if r and not _is_number(r[0])), *(kinds or ())], year
    )
    metric_of: dict[int, tuple[str, str, _Column]] = {}
    for j in range(width):
        if kinds is not None:
            path = _spanned_path(header_rows, j)
            parent: str | None = path[-2] if len(path) > 1 else None
        else:
            path = [r[j] for r in header_rows if j < len(r) and r[j]]
            parent = _spanning_parent(header_rows, j)
        if not path:
            continue
        label, said_kind = _kind_suffix(path[-1])
        found = meaning(label, side)
        if not found and TOTAL_WORDS.match(label):
            found = meaning(parent, side) if parent else meaning(label, side)
            label = f"{parent}/{label}" if parent else label
        elif parent and TOTAL_WORDS.match(label):
            found = meaning(parent, side) or found
            label = f"{parent}/{label}"
        elif not found and parent:
            found = _sub_column_metrics(parent, label, meaning, side)
            label = f"{parent}/{label}"
        said = (kinds[j] if kinds is not None and j < len(kinds) else "") or said_kind
        column = _column_kind(said, kind, year, has_prior) if said else _Column(-1, kind, year)
        if len(found) == 1 and column is not None:
            metric_of[j] = (found[0], label, column)
    if len(metric_of) < 2:
        return []
    facts: list[Fact] = []
    for row in data:
        said = next((_clean(c) for c in row if _is_text(c)), "")  # its label, if it has one
        row_kind = _column_kind(said, kind, year, has_prior) if said and _names_figures(said) else None
        if said and row_kind is None:
            continue  # a '增减%', '完成率' or '行次' row, or a unit's own row ('某某局本级'): not the totals
        for j, (metric, label, column) in metric_of.items():
            value = parse_number(row[j].strip()) if j < len(row) else None
            if value is None:
                continue
            col = row_kind if row_kind is not None else column
            facts.append(_fact(metric, value, unit, col, section, f"{label} | {row[j].strip()}", ordinal))
    return facts


_KIND_CELL = re.compile(
    r"^(?:(?:19|20)\d{2}年度?)?(?:年初|调整后|本年|上年|全年|当年)?(?:预算|决算|执行)?(?:数|金额)?$"
    r"|^(?:比上年|较上年)?(?:增减|增减额|增减率|增减幅度|增减%|增减\(%\))$"
)
_KIND_SUFFIX = re.compile(r"(?:(?:年初|调整后|本年|上年)?(?:预算|决算)数|本年数|上年数)$")


def _names_figures(label: str) -> bool:
    """A row label that says what kind of figure the row holds ('合计', '2015年度预算数', '决算对比',
    '本年'), rather than whose (a unit's name: its row is part of the total, not the department's)."""
    if BREAKDOWN_WORDS.search(label):  # '一般公共预算', '政府性基金': a part of the total by source
        label = _source_free(label)
        if not label:
            return False
    return bool(
        TOTAL_WORDS.match(label)
        or _KIND_CELL.match(label)
        or COMPARE_WORDS.search(label)
        or _STATED_YEAR.search(label)
        or re.search(r"预算|决算|本年|上年|金额", label)
    )


def _is_kind_row(row: tuple[str, ...]) -> bool:
    """A header row that names only kinds of figure ('预算数', '决算数', '2019年决算数'), two or more."""
    cells = [c for c in row if c]
    return len(cells) >= 2 and all(_KIND_CELL.match(c) and c not in ("数", "金额") for c in cells)


def _kind_suffix(label: str) -> tuple[str, str]:
    """A header label split from the kind it ends with ('机关运行经费决算数' -> '机关运行经费', '决算数')."""
    match = _KIND_SUFFIX.search(label)
    if match and match.start() > 0:
        return label[: match.start()], match.group()
    return label, ""


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


def _sub_column_metrics(parent: str, label: str, meaning: Meaning, side: Side | None) -> tuple[str, ...]:
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
    head = _header_rows(table)
    if head == 0 or head >= len(table.rows):
        return []
    width = max(len(r) for r in table.rows)
    rows = [tuple(r) + ("",) * (width - len(r)) for r in table.rows]
    headers = ["".join(_clean(r[j]) for r in rows[:head]) for j in range(width)]
    unit = table_unit(table, context)
    facts: list[Fact] = []
    for row in rows[head:]:
        labels = [c for c in row if _is_text(c)]
        if not labels or not TOTAL_WORDS.match(_clean(labels[0])):
            continue
        quote = " | ".join(c.strip() for c in row if c.strip())
        for j, cell in enumerate(row):
            value = parse_number(cell.strip())
            found = standard.meaning(headers[j]) if value is not None else ()
            column = _column_kind(headers[j], kind, year) if len(found) == 1 else None
            if value is not None and column is not None:
                facts.append(_fact(found[0], value, unit, column, section, quote, ordinal))
        break
    return facts

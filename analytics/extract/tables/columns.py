"""What a value column (or a row of values) of a table holds: the kind and year of its figures from
its header ('预算数', '上年决算数', '2015年'), a change against the prior year ('增减额', '增减幅度(%)'),
or nothing of ours (行次, 占比, a breakdown by source of funds beside its total); and the fact a
figure of such a column makes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from analytics.extract.numbers import parse_number, to_wan
from analytics.extract.tables.cells import TOTAL_WORDS, percent
from analytics.model import Fact, Kind, Measure, new_fact

BREAKDOWN_WORDS = re.compile(r"一般公共预算|政府性基金|国有资本|财政拨款|其中|事业收入|其他资金")
VALUE_WORDS = re.compile(r"合计|总计|小计|金额|预算数|决算数|预算|决算|本年|上年|数额|数$")
PRIOR_WORDS = re.compile(r"上年")
SKIP_WORDS = re.compile(r"调整预算|占比|比重|完成率|执行率|行次|栏次|序号|编号|代码|编码|备注|说明")
COMPARE_WORDS = re.compile(r"增减|对比|变动|比上年|较上年|比较|差额|同比|增长|减少")
YOY_WORDS = re.compile(r"上年|去年|同比|上一年")
PERCENT_WORDS = re.compile(r"%|％|幅度|百分比|率")
STATED_YEAR = re.compile(r"((?:19|20)\d{2})年")


@dataclass(frozen=True)
class Column:
    index: int
    kind: Kind
    year: int
    measure: Measure = "amount"


def cell_value(cell: str, col: Column) -> Decimal | None:
    """The figure of a value cell: a number, or in a percentage column a number with its '%'."""
    value = parse_number(cell.strip())
    if value is None and col.measure == "yoy_pct":
        return percent(cell)
    return value


def source_free(header: str) -> str:
    """A column header without its source-of-funds words and without what follows '其中'."""
    return BREAKDOWN_WORDS.sub("", header.split("其中")[0])


def column_kind(header: str, kind: Kind, year: int, has_prior: bool = False) -> Column | None:
    """What a value column (or a row of values) holds, from its header text; None for columns that
    are not figures. A comparison ('增减额', '决算对比', '增减幅度(%)') is the change against the prior
    year where it says so ('比上年') or where the table prints the prior year's figures beside it
    (`has_prior`); a comparison of budget with final accounts is none of ours."""
    if SKIP_WORDS.search(header):
        return None
    said = source_free(header)  # the 预算 of '一般公共预算' names a source of funds, not a kind
    col_kind: Kind = kind
    if "决算" in said:
        col_kind = "final"
    elif "预算" in said:
        col_kind = "budget"
    if COMPARE_WORDS.search(said):
        if not (YOY_WORDS.search(said) or has_prior) or ("预算" in said and "决算" in said):
            return None
        return Column(-1, col_kind, year, "yoy_pct" if PERCENT_WORDS.search(said) else "yoy_change")
    if PERCENT_WORDS.search(said):
        return None
    stated = STATED_YEAR.search(header)  # '2015年预算数', a '2015年' row
    if stated and abs(int(stated.group(1)) - year) <= 3:
        return Column(-1, col_kind, int(stated.group(1)))
    return Column(-1, col_kind, year - 1 if PRIOR_WORDS.search(header) else year)


def prints_prior_year(texts: list[str], year: int) -> bool:
    """Whether headers or row labels name the prior year's figures ('上年预算数', '2014年度决算数')."""
    for text in texts:
        if COMPARE_WORDS.search(text):
            continue
        if PRIOR_WORDS.search(text) or any(int(y) == year - 1 for y in STATED_YEAR.findall(text)):
            return True
    return False


def column_fact(
    metric: str,
    value: Decimal,
    unit: str | None,
    col: Column,
    section: str | None,
    quote: str,
    ordinal: int | None,
) -> Fact:
    percent = col.measure == "yoy_pct"
    value, unit = (value, "%") if percent else (to_wan(value, unit), unit)
    return new_fact(
        metric, col.measure, value, col.year, col.kind, unit, "stated", section, "table", quote, None, ordinal
    )


def value_columns(
    headers: list[str], group: list[int], year: int, kind: Kind, has_prior: bool = False
) -> list[Column]:
    """The columns of a group that are figures: breakdown columns count only without a total column,
    and of several columns of the same kind and year only the first (the total) is kept."""
    chosen: list[Column] = []
    has_total = any(VALUE_WORDS.search(headers[j]) and not BREAKDOWN_WORDS.search(headers[j]) for j in group)
    for j in group:
        header = headers[j]
        if has_total and BREAKDOWN_WORDS.search(header) and not VALUE_WORDS.search(source_free(header)):
            continue  # '一般公共预算' beside '合计' splits the total by source
        col = column_kind(header, kind, year, has_prior)
        if col is None or any(
            (c.kind, c.year, c.measure) == (col.kind, col.year, col.measure) for c in chosen
        ):
            continue
        chosen.append(Column(j, col.kind, col.year, col.measure))
    return chosen


_KIND_CELL = re.compile(
    r"^(?:(?:19|20)\d{2}年度?)?(?:年初|调整后|本年|上年|全年|当年)?(?:预算|决算|执行)?(?:数|金额)?$"
    r"|^(?:比上年|较上年)?(?:增减|增减额|增减率|增减幅度|增减%|增减\(%\))$"
)
_KIND_SUFFIX = re.compile(r"(?:(?:年初|调整后|本年|上年)?(?:预算|决算)数|本年数|上年数)$")


def names_figures(label: str) -> bool:
    """A row label that says what kind of figure the row holds ('合计', '2015年度预算数', '决算对比',
    '本年'), rather than whose (a unit's name: its row is part of the total, not the department's)."""
    if BREAKDOWN_WORDS.search(label):  # '一般公共预算', '政府性基金': a part of the total by source
        label = source_free(label)
        if not label:
            return False
    return bool(
        TOTAL_WORDS.match(label)
        or _KIND_CELL.match(label)
        or COMPARE_WORDS.search(label)
        or STATED_YEAR.search(label)
        or re.search(r"预算|决算|本年|上年|金额", label)
    )


def is_kind_row(row: tuple[str, ...]) -> bool:
    """A header row that names only kinds of figure ('预算数', '决算数', '2019年决算数'), two or more."""
    cells = [c for c in row if c]
    return len(cells) >= 2 and all(_KIND_CELL.match(c) and c not in ("数", "金额") for c in cells)


def kind_suffix(label: str) -> tuple[str, str]:
    """A header label split from the kind it ends with ('机关运行经费决算数' -> '机关运行经费', '决算数')."""
    match = _KIND_SUFFIX.search(label)
    if match and match.start() > 0:
        return label[: match.start()], match.group()
    return label, ""

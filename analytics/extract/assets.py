"""The 国有资产占用 table (部门固定资产占用情况表): total assets, vehicles by count and value.

    项   目            | 数量 | 价值(金额单位:万元)
    资产总额           | ——   | 119.26
    2、车辆(台、辆)     | 3    | 66.19
    4、其他固定资产     |      | 53.07

The table is a stock at a date ('截止时间:2016年12月31日'): its figures refer to that year.
"""

from __future__ import annotations

import re
from decimal import Decimal

from analytics.extract.labels import label_metrics
from analytics.extract.numbers import parse_number, to_wan, unit_in
from analytics.model import Fact, Kind, Table, new_fact

AS_OF_RE = re.compile(r"(?:截止|截至|截止时间|截止日期)\s*[:：]?\s*(\d{4})\s*年")
VEHICLE_ROW_RE = re.compile(r"^\s*(?:\d+\s*[、.]\s*)?(?:车辆|公务用车|汽车)")


def is_asset_table(table: Table) -> bool:
    return _header_index(table) is not None


def _header_index(table: Table) -> int | None:
    if "数量" not in "".join(["".join(row) for row in table.rows[:4]]):
        return None  # a quick look: no header cell can start with it (most tables)
    for i, row in enumerate(table.rows[:4]):
        if not any("数量" in c for c in row):
            continue  # no cell can start with it
        cells = [c.strip() for c in row]
        if any(c.startswith("数量") for c in cells) and any(c.startswith(("价值", "金额")) for c in cells):
            return i
    return None


def asset_facts(
    table: Table, *, year: int, kind: Kind, section: str | None, context: str = "", ordinal: int | None = None
) -> list[Fact]:
    """Facts of one asset table. `context` is the text just before it (a caption may hold the date);
    `ordinal` the table's place in its document, kept on each fact."""
    header_at = _header_index(table)
    if header_at is None:
        return []
    header = [c.strip() for c in table.rows[header_at]]
    count_col = next(i for i, c in enumerate(header) if c.startswith("数量"))
    value_col = next(i for i, c in enumerate(header) if c.startswith(("价值", "金额")))
    everything = context + "\n" + "\n".join(" ".join(r) for r in table.rows)
    unit = unit_in(everything) or "万元"
    as_of = AS_OF_RE.search(everything)
    fact_year = int(as_of.group(1)) if as_of else year
    facts: list[Fact] = []
    for row in table.rows[header_at + 1 :]:
        cells = [c.strip() for c in row]
        if not cells or not cells[0]:
            continue
        quote = " | ".join(cells)

        def cell(i: int, cells: list[str] = cells) -> Decimal | None:
            return parse_number(cells[i]) if i < len(cells) else None

        def add(metric: str, value: Decimal, unit_found: str | None, quote: str = quote) -> None:
            facts.append(
                new_fact(
                    metric=metric,
                    measure="amount",
                    value=value,
                    year=fact_year,
                    kind=kind,
                    unit_found=unit_found,
                    basis="stated",
                    section=section,
                    method="table",
                    quote=quote,
                    table=ordinal,
                )
            )

        if VEHICLE_ROW_RE.match(cells[0]):
            count, value = cell(count_col), cell(value_col)
            if count is not None:
                add("vehicles_count", count, "辆")
            if value is not None:
                add("vehicles_value", to_wan(value, unit), unit)
            continue
        found = label_metrics(cells[0])
        value = cell(value_col)
        if found and value is not None:
            for metric in found:
                add(metric, to_wan(value, unit), unit)
    return facts

"""Science popularisation: 20607 funding, its share of project spending, and the sub-codes' shift."""

from __future__ import annotations

import polars as pl

from analytics.analysis import science_funding, science_lines, science_shift
from analytics.charts import science_funding_chart, science_shift_chart, science_subcode_chart
from analytics.labels import DIRECTION_ZH
from analytics.load import Store
from analytics.report.model import ReportFigure, ReportTable, Section
from analytics.report.sections.common import (
    Inventory,
    Scope,
    labels,
    rounded,
    translate,
)

METHOD = (
    "科普经费取 20607 科学技术普及科目（无款级合计时为各项之和），数据来自预算文档。"
    "占比的分母是本部门的本年支出合计：科协的项目支出几乎全部用于科普，占项目支出的比例因此恒为 100%，"
    "不能说明变化，表中仍列出以备核对。绩效目标中名称含“科普”的活动预算单列。"
    "某年没有 20607 科目数据时图中留空并以 × 或“无数据”标出，不与前后年份相连。"
)
"""How the section's figures are taken."""

FUNDING_COLUMNS = {
    "department": None,
    "year": None,
    "science_total": "20607 合计（万元）",
    "science_project": "其中项目支出（万元）",
    "expenditure_total": "本年支出合计（万元）",
    "share_of_total_pct": "占本年支出合计（%）",
    "expenditure_project": "项目支出（万元）",
    "share_of_project_pct": "占项目支出（%）",
    "activities_budget": "科普活动预算（万元）",
    "activities": "科普活动数",
}
"""The funding table's columns, in order, and the headings of those the common ones do not name."""


def science(store: Store, where: Scope, found: Inventory) -> Section:
    """20607 科学技术普及 funding, its share of project spending, and the sub-codes' shift."""
    title = "科普经费变化"
    # rounded: the SVG's aria-labels print the share unformatted (0.299184, not 0.299184481011)
    funding = rounded(where.keep(science_funding(store, kind="budget")))
    if funding.is_empty():
        return Section("science", title, empty="所选范围内没有 20607 科学技术普及科目或科普绩效目标。")
    paragraphs = [METHOD]
    headings = labels(*((column, heading) for column, heading in FUNDING_COLUMNS.items() if heading))
    tables = [
        ReportTable("science_funding", "各部门的科普经费（预算）", funding.select(*FUNDING_COLUMNS), headings)
    ]
    figures = []
    if funding["science_total"].drop_nulls().len():
        figures.append(
            ReportFigure(
                "science_funding",
                "各部门的科普经费（预算，万元）",
                science_funding_chart(funding),
                caption="每格一个部门，纵轴各自独立；格内文字为首末年的增减和占本部门本年支出合计的比重；"
                "× 为没有 20607 科目数据的年度。",
            )
        )
    shift_years = _shift_years(store, where)
    if shift_years is not None:
        shift_figures, paragraph, table = _sub_code_shift(store, where, shift_years)
        figures += shift_figures
        paragraphs.append(paragraph)
        tables.append(table)
    return Section("science", title, tuple(paragraphs), tuple(figures), tuple(tables))


def _sub_code_shift(
    store: Store, where: Scope, shift_years: tuple[int, int]
) -> tuple[list[ReportFigure], str, ReportTable]:
    """How the sub-codes' shares moved between the two years, on the departments that have sub-code
    lines in both: two charts, a sentence and a table."""
    first, last = shift_years
    shift = science_shift(store, first, last, kind="budget")
    panel_lines = where.keep(science_lines(store, kind="budget")).filter(
        pl.col("department").is_in(list(shift.departments))
    )
    figures = [
        ReportFigure(
            "science_shift",
            f"科普经费分项的增减（预算，{first}→{last}，固定面板）",
            science_shift_chart(shift),
            caption="左为金额增减（万元），右为占各分项合计的比重变化（百分点）；绿色为增加，红色为减少。",
        ),
        ReportFigure(
            "science_subcodes",
            "科普经费分项（预算，固定面板，万元）",
            science_subcode_chart(panel_lines),
            caption=f"{shift.included} 个部门在 {first} 年和 {last} 年都有分项数据；"
            "各年堆叠为分项金额之和，没有分项数据的年度标“无数据”。",
        ),
    ]
    paragraph = (
        f"{first} 年到 {last} 年各项的占比变化（"
        f"{shift.included} 个部门两年都有分项数据，{shift.excluded} 个部门未纳入）。"
    )
    table = ReportTable(
        "science_shift",
        f"科普经费分项占比变化（{first}→{last}）",
        translate(shift.frame, "direction", DIRECTION_ZH),
        labels(
            ("code", "科目编码"),
            ("name", "科目名称"),
            ("amount_from", f"{first}（万元）"),
            ("amount_to", f"{last}（万元）"),
            ("share_from_pct", f"{first} 占比（%）"),
            ("share_to_pct", f"{last} 占比（%）"),
            ("share_change_pp", "变化（百分点）"),
            ("direction", "方向"),
        ),
    )
    return figures, paragraph, table


def _shift_years(store: Store, where: Scope) -> tuple[int, int] | None:
    """The latest year with 20607 sub-code lines, and the earliest year that some department has
    sub-code lines in both; None when no two such years exist."""
    items = where.keep(science_lines(store, kind="budget")).filter(pl.col("level") == "item")
    by_department = {
        str(d): {int(y) for y in years}
        for d, years in items.group_by("department").agg(pl.col("year").unique()).iter_rows()
    }
    latest = max((max(years) for years in by_department.values()), default=None)
    if latest is None:
        return None
    starts = [min(years) for years in by_department.values() if latest in years and min(years) < latest]
    return (min(starts), latest) if starts else None

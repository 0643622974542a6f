"""Science popularisation: its share of project spending, and the mix of its sub-codes."""

from __future__ import annotations

import altair as alt
import polars as pl

from analytics.analysis.science import SUBCODE_NAMES
from analytics.charts.theme import DEPARTMENT, YEAR


def science_share_chart(
    funding: pl.DataFrame,
    *,
    source: str = "lines",
    title: str | None = None,
    width: int = 480,
    height: int = 280,
) -> alt.Chart:
    """Science popularisation as a share of project expenditure (%), per department and year, from
    `science_funding()`: `source="lines"` uses the 20607 classification lines, `source="activities"`
    the 科普 performance-goal activities (budget documents).

    >>> science_share_chart(science_funding(db))  # doctest: +SKIP
    """
    if source not in ("lines", "activities"):
        raise ValueError("source is 'lines' or 'activities'")
    share = "share_of_project_pct" if source == "lines" else "activities_share_pct"
    amount = "science_total" if source == "lines" else "activities_budget"
    data = funding.filter(pl.col(share).is_not_null()).select(
        "department",
        pl.col("year").cast(pl.Int32),
        pl.col(amount).alias("science_total"),
        "expenditure_project",
        pl.col(share).alias("share_of_project_pct"),
    )
    label = "科普经费" if source == "lines" else "科普工作活动预算"
    amount_title = "科学技术普及（万元）" if source == "lines" else "科普工作活动预算（万元）"
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=50))
        .encode(
            x=alt.X(
                "year:Q",
                title=YEAR,
                axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(zero=False, nice=False),
            ),
            y=alt.Y("share_of_project_pct:Q", title=f"{label}占项目支出比重（%）"),
            color=alt.Color("department:N", title=DEPARTMENT),
            tooltip=[
                alt.Tooltip("department:N", title=DEPARTMENT),
                alt.Tooltip("year:Q", title=YEAR, format="d"),
                alt.Tooltip("science_total:Q", title=amount_title, format=",.2f"),
                alt.Tooltip("expenditure_project:Q", title="项目支出（万元）", format=",.2f"),
                alt.Tooltip("share_of_project_pct:Q", title="占比（%）", format=".1f"),
            ],
        )
    )
    chart.title, chart.width, chart.height = (
        title or ("科普经费占项目支出的比重" if source == "lines" else "科普工作活动预算占项目支出的比重"),
        width,
        height,
    )
    return chart


def science_subcode_chart(
    lines: pl.DataFrame,
    *,
    department: str | None = None,
    title: str | None = None,
    width: int = 480,
    height: int = 280,
) -> alt.Chart:
    """The mix of 20607 sub-codes per year (stacked to 100 %), from `science_lines()`: which of
    科普活动, 青少年科技活动, 学术交流活动 … gained or lost share. `department` picks one department;
    by default all departments in `lines` are summed (pass a fixed panel's lines for a fair view).

    >>> science_subcode_chart(science_lines(db), department="廊坊市科学技术协会")  # doctest: +SKIP
    """
    items = lines.filter(pl.col("level") == "item")
    if department is not None:
        items = items.filter(pl.col("department") == department)
    data = (
        items.group_by("year", "code")
        .agg(pl.col("total").sum(), pl.col("name").first())
        .with_columns(
            pl.col("year").cast(pl.Int32),
            (
                pl.col("code") + " " + pl.col("code").replace_strict(SUBCODE_NAMES, default=pl.col("name"))
            ).alias("科目"),
            (pl.col("total") / pl.col("total").sum().over("year") * 100).alias("share_pct"),
        )
        .sort("year", "code")
    )
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=YEAR, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("total:Q", stack="normalize", title="构成", axis=alt.Axis(format="%")),
            color=alt.Color("科目:N", title="科学技术普及（20607）"),
            order=alt.Order("code:N"),
            tooltip=[
                alt.Tooltip("year:O", title=YEAR),
                alt.Tooltip("科目:N"),
                alt.Tooltip("total:Q", title="金额（万元）", format=",.2f"),
                alt.Tooltip("share_pct:Q", title="占比（%）", format=".1f"),
            ],
        )
    )
    heading = title or f"科学技术普及支出构成{('：' + department) if department else ''}"
    titled: alt.Chart = chart.properties(title=heading, width=width, height=height)
    return titled


__all__ = ["science_share_chart", "science_subcode_chart"]

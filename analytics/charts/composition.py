""" "三公"经费 composition over the years, stacked."""

from __future__ import annotations

import altair as alt
import polars as pl

from analytics.analysis.composition import COMPONENTS
from analytics.analysis.panel import PanelResult
from analytics.charts.theme import YEAR
from analytics.labels import metric_name


def three_public_chart(
    composition: PanelResult,
    *,
    title: str | None = None,
    normalize: bool = False,
    width: int = 480,
    height: int = 300,
) -> alt.Chart:
    """Stacked bars of the "三公" components per year, from `three_public_composition()`; the
    subtitle says which fixed panel of departments is summed and which years hold derived figures
    only: their bars are pale and their year is marked * (推算). `normalize=True` stacks shares (100 %).

    >>> chart = three_public_chart(three_public_composition(db, years="best"))
    >>> chart.title.subtitle
    '固定样本：2014–2018年每年均有数据的3个部门（另有0个部门未纳入）'
    """
    order = [metric_name(c) for c in COMPONENTS]
    derived = list(composition.derived_years)
    data = composition.frame.with_columns(
        composition.frame["component"]
        .replace_strict({c: i for i, c in enumerate(COMPONENTS)})
        .alias("order"),
        pl.col("year").is_in(derived).alias("derived"),
    )
    y_title = "构成（%）" if normalize else "金额（万元）"
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "year:O",
                title=YEAR,
                axis=alt.Axis(
                    labelAngle=0,
                    labelExpr=f"indexof({derived}, datum.value) >= 0 ? datum.label + '*' : datum.label",
                ),
            ),
            opacity=alt.condition("datum.derived", alt.value(0.45), alt.value(1.0)),
            y=alt.Y(
                "value:Q",
                title=y_title,
                stack="normalize" if normalize else "zero",
                axis=alt.Axis(format="%") if normalize else alt.Axis(),
            ),
            color=alt.Color("name_zh:N", title="“三公”经费构成", sort=order),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("year:O", title=YEAR),
                alt.Tooltip("name_zh:N", title="项目"),
                alt.Tooltip("value:Q", title="金额（万元）", format=",.2f"),
                alt.Tooltip("share_pct:Q", title="占比（%）", format=".1f"),
            ],
        )
    )
    chart.title = alt.Title(title or "“三公”经费构成", subtitle=composition.describe_zh())
    chart.width = width
    chart.height = height
    return chart


__all__ = ["three_public_chart"]

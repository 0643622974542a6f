"""Budget execution as a heat map: departments by year, coloured by final / budget."""

from __future__ import annotations

import altair as alt
import polars as pl

from analytics.charts.theme import DEPARTMENT, YEAR, metric_name


def execution_heatmap(
    rates: pl.DataFrame,
    metric: str = "expenditure_total",
    *,
    title: str | None = None,
    width: int = 480,
    cell_height: int = 26,
) -> alt.LayerChart:
    """Execution rate (决算/预算, %) of one metric per department and year, from `execution_rates()`.
    Blue below 100 %, red above, white at 100 %; each cell prints its rate.

    >>> execution_heatmap(execution_rates(db), "expenditure_project")  # doctest: +SKIP
    """
    data = rates.filter(pl.col("metric") == metric).select(
        "department", pl.col("year").cast(pl.Int32), "budget", "final", "rate_pct"
    )
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title=YEAR, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("department:N", title=None),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "rate_pct:Q",
            title="执行率（%）",
            scale=alt.Scale(scheme="redblue", reverse=True, domainMid=100, clamp=True, domain=[50, 150]),
        ),
        tooltip=[
            alt.Tooltip("department:N", title=DEPARTMENT),
            alt.Tooltip("year:O", title=YEAR),
            alt.Tooltip("budget:Q", title="预算数（万元）", format=",.2f"),
            alt.Tooltip("final:Q", title="决算数（万元）", format=",.2f"),
            alt.Tooltip("rate_pct:Q", title="执行率（%）", format=".1f"),
        ],
    )
    labels = base.mark_text(fontSize=10).encode(
        text=alt.Text("rate_pct:Q", format=".0f"),
        color=alt.condition(
            "datum.rate_pct > 130 || datum.rate_pct < 70", alt.value("white"), alt.value("black")
        ),
    )
    height = max(cell_height * data["department"].n_unique(), cell_height)
    heading = title or f"预算执行率：{metric_name(metric)}（决算数 / 预算数）"
    return alt.LayerChart(layer=[cells, labels], title=heading, width=width, height=height)


__all__ = ["execution_heatmap"]

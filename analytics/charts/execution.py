"""Budget execution as a heat map: departments by year, coloured by final / budget."""

from __future__ import annotations

from typing import Any

import altair as alt
import polars as pl

from analytics.analysis.inputs import FrameLike, as_frame
from analytics.analysis.names import resolve_metric
from analytics.charts.theme import DEPARTMENT, YEAR
from analytics.labels import EXECUTION_CELL_ZH, metric_name

NO_RATE_COLOR = "#d9d9d9"


def execution_heatmap(
    rates: FrameLike,
    metric: str = "expenditure_total",
    *,
    title: str | None = None,
    width: int = 480,
    cell_height: int = 26,
) -> alt.LayerChart:
    """Execution rate (决算/预算, %) of one metric per department and year, from `execution_rates()`.
    Blue below 100 %, red above, white at 100 %; each cell prints its rate, with `*` when either
    figure is derived rather than printed in a document.

    From `execution_rates(..., with_gaps=True)` the cells without a rate are drawn too, in grey, and
    say why: 预算0 (a budget of zero: no rate), 缺决算, 缺预算; a department-year inside the span of
    years with neither figure says 无数据.

    >>> chart = execution_heatmap(execution_rates(db, with_gaps=True), "expenditure_total")
    >>> chart.data.filter(pl.col("department") == "廊坊市财政局")["label"].to_list()
    ['99', '101', '98', '100', '101']
    """
    metric = resolve_metric(metric)
    frame = as_frame(
        rates, needs=("department", "year", "metric", "budget", "final", "rate_pct"), what="rates"
    )
    with_gaps = "status" in frame.columns
    data = _cells(frame if with_gaps else frame.with_columns(pl.lit("compared").alias("status")), metric)
    years = sorted(int(y) for y in data["year"].drop_nulls().unique())
    if with_gaps and years:
        data = _with_empty_years(data, years)
    data = data.sort("department", "year")
    x = alt.X(
        "year:O",
        title=YEAR,
        axis=alt.Axis(labelAngle=0),
        scale=alt.Scale(domain=list(range(years[0], years[-1] + 1)) if years else []),
    )
    base = alt.Chart(data).encode(x=x, y=alt.Y("department:N", title=None))
    height = max(cell_height * data["department"].n_unique(), cell_height)
    heading = title or f"预算执行率：{metric_name(metric)}（决算数 / 预算数）"
    notes = _notes(data)
    return alt.LayerChart(
        layer=_layers(base),
        title=alt.Title(heading, subtitle="；".join(notes)) if notes else heading,
        width=width,
        height=height,
    )


def _cells(frame: pl.DataFrame, metric: str) -> pl.DataFrame:
    """One row per department-year of `metric`: its figures, rate, and what its cell prints
    (`label`: the rounded rate, with `*` when a figure is derived; else why there is no rate, also
    as `why`)."""
    derived = pl.lit(False)
    for column in ("budget_basis", "final_basis"):
        if column in frame.columns:
            derived = derived | (pl.col(column).fill_null("stated") != "stated")
    return (
        frame.filter(pl.col("metric") == metric)
        .with_columns(
            pl.col("year").cast(pl.Int32),
            pl.when(pl.col("rate_pct").is_not_null())
            .then(
                pl.col("rate_pct").round(0).cast(pl.Int64).cast(pl.String)
                + pl.when(derived).then(pl.lit("*")).otherwise(pl.lit(""))
            )
            .otherwise(_no_rate(default="—"))
            .alias("label"),
            pl.when(pl.col("rate_pct").is_not_null())
            .then(pl.lit(None, pl.String))
            .otherwise(_no_rate(default=None))
            .alias("why"),
        )
        .select("department", "year", "budget", "final", "rate_pct", "label", "why")
    )


def _no_rate(default: str | None) -> pl.Expr:
    """Why a cell has no rate, short (预算0, 缺决算, 缺预算), from its `status`."""
    return pl.col("status").replace_strict(EXECUTION_CELL_ZH, default=default, return_dtype=pl.String)


def _with_empty_years(data: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """Every department-year of the span has a cell: one with neither figure says 无数据."""
    grid = pl.DataFrame({"department": data["department"].unique().to_list()}).join(
        pl.DataFrame({"year": list(range(years[0], years[-1] + 1))}, schema={"year": pl.Int32}),
        how="cross",
    )
    nothing = EXECUTION_CELL_ZH["no figures"]
    return grid.join(data, on=["department", "year"], how="left").with_columns(
        pl.when(pl.col("label").is_null()).then(pl.lit(nothing)).otherwise(pl.col("why")).alias("why"),
        pl.col("label").fill_null(nothing),
    )


def _layers(base: alt.Chart) -> list[Any]:
    """The coloured cells with a rate, the grey cells without one, and every cell's text."""
    tooltip = [
        alt.Tooltip("department:N", title=DEPARTMENT),
        alt.Tooltip("year:O", title=YEAR),
        alt.Tooltip("budget:Q", title="预算数（万元）", format=",.2f"),
        alt.Tooltip("final:Q", title="决算数（万元）", format=",.2f"),
        alt.Tooltip("rate_pct:Q", title="执行率（%）", format=".1f"),
    ]
    cells = (
        base.transform_filter("datum.rate_pct != null")
        .mark_rect()
        .encode(
            color=alt.Color(
                "rate_pct:Q",
                title="执行率（%）",
                scale=alt.Scale(scheme="redblue", reverse=True, domainMid=100, clamp=True, domain=[50, 150]),
            ),
            tooltip=tooltip,
        )
    )
    gaps = (
        base.transform_filter("datum.rate_pct == null")
        .mark_rect(color=NO_RATE_COLOR)
        .encode(tooltip=[*tooltip[:4], alt.Tooltip("why:N", title="没有执行率的原因")])
    )
    labels = base.mark_text(fontSize=10).encode(
        text=alt.Text("label:N"),
        color=alt.condition(
            "datum.rate_pct != null && (datum.rate_pct > 130 || datum.rate_pct < 70)",
            alt.value("white"),
            alt.value("black"),
        ),
    )
    return [cells, gaps, labels]


def _notes(data: pl.DataFrame) -> list[str]:
    """The subtitle: what `*` and the grey cells mean, when the chart has them."""
    notes = ["* 由推算数计算"] if data["label"].str.ends_with("*").any() else []
    if data["why"].drop_nulls().len():
        notes.append("灰格：预算0＝预算为零无法计算执行率，缺决算 / 缺预算＝只有一方的数，无数据＝两方都没有")
    return notes


__all__ = ["execution_heatmap"]

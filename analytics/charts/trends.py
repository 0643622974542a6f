"""Trend lines: one metric over the years per department, with the vehicle-reform year marked."""

from __future__ import annotations

import altair as alt
import polars as pl

from analytics.charts.theme import BASIS_LABELS, DEPARTMENT, YEAR, metric_label, metric_name

REFORM_LABEL = "公车改革"


def _basis_label() -> pl.Expr:
    return pl.col("basis").replace_strict(BASIS_LABELS, default=pl.col("basis"), return_dtype=pl.String)


def trend_chart(
    series: pl.DataFrame,
    *,
    metric: str | None = None,
    reform_years: pl.DataFrame | int | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    width: int = 520,
    height: int = 300,
) -> alt.LayerChart:
    """Lines of `value` by year, one per department, from a series frame (`metric_series`, or a
    panel's `.frame`). The point's shape shows how each figure was obtained: ● 公开数 (stated),
    ▲ 推算数 (derived by the extractor), ◆ 补齐数 (filled from the next year's stated change).

    `reform_years` marks the reform: an int draws one dashed rule for everyone; a frame with
    `department` and `reform_year` (e.g. `reform_years(db)`) draws a rule per department in its colour.
    `subtitle` is the place for a panel's `describe()`. A series of a single year has no line to
    draw: the chart shows that year's points on an axis holding only that year, and a reform rule
    only when the reform falls in it.

    >>> trend_chart(metric_series(db, "vehicle_operation"), reform_years=reform_years(db))  # doctest: +SKIP
    """
    key = metric or (series["metric"][0] if "metric" in series.columns and series.height else "")
    data = series.select(
        "department",
        pl.col("year").cast(pl.Int32),
        pl.col("value").cast(pl.Float64),
        (_basis_label() if "basis" in series.columns else pl.lit(BASIS_LABELS["stated"])).alias("来源"),
    ).sort("department", "year")
    years = sorted(data["year"].drop_nulls().unique().to_list())
    single = years[0] if len(years) == 1 else None
    if single is None:
        x = alt.X(
            "year:Q",
            title=YEAR,
            axis=alt.Axis(format="d", tickMinStep=1),
            scale=alt.Scale(zero=False, nice=False),
        )
    else:  # one year: a domain of zero width draws a broken axis; half a year each side, one tick
        x = alt.X(
            "year:Q",
            title=YEAR,
            axis=alt.Axis(format="d", values=[single]),
            scale=alt.Scale(domain=[single - 0.5, single + 0.5], nice=False, zero=False),
        )
    color = alt.Color("department:N", title=DEPARTMENT)
    base = alt.Chart(data)
    y = alt.Y("value:Q", title=metric_label(key))
    lines = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=color)
    points = base.mark_point(size=50 if single is None else 80, filled=True, opacity=1).encode(
        x=x,
        y=y if single is not None else "value:Q",  # the axis title comes from the lines when drawn
        color=color,
        shape=alt.Shape(
            "来源:N",
            title="数据来源",
            sort=list(BASIS_LABELS.values()),
            scale=alt.Scale(domain=list(BASIS_LABELS.values()), range=["circle", "triangle-up", "diamond"]),
        ),
        tooltip=[
            alt.Tooltip("department:N", title=DEPARTMENT),
            alt.Tooltip("year:Q", title=YEAR, format="d"),
            alt.Tooltip("value:Q", title=metric_name(key), format=",.2f"),
            alt.Tooltip("来源:N"),
        ],
    )
    layers: list[alt.Chart] = [lines, points] if single is None else [points]
    if single is not None and isinstance(reform_years, int) and reform_years != single:
        reform_years = None  # outside the one year shown
    if isinstance(reform_years, int):
        marker = pl.DataFrame({"reform_year": [reform_years], "label": [f"{REFORM_LABEL} {reform_years}"]})
        rule = alt.Chart(marker).mark_rule(strokeDash=[5, 4], color="#666666").encode(x="reform_year:Q")
        text = (
            alt.Chart(marker)
            .mark_text(align="left", baseline="top", dx=4, dy=2, color="#444444", fontSize=11)
            .encode(x="reform_year:Q", y=alt.value(0), text="label:N")
        )
        layers += [rule, text]
    elif isinstance(reform_years, pl.DataFrame):
        shown = set(data["department"].unique().to_list())
        in_view = pl.lit(True) if single is None else pl.col("reform_year") == single
        marker = (
            reform_years.filter(
                pl.col("department").is_in(list(shown)) & pl.col("reform_year").is_not_null() & in_view
            )
            .select("department", pl.col("reform_year").cast(pl.Int32))
            .unique()
            .sort("department")
        )
        rule = (
            alt.Chart(marker)
            .mark_rule(strokeDash=[5, 4], strokeWidth=1.5, opacity=0.8)
            .encode(
                x="reform_year:Q",
                color=color,
                tooltip=[
                    alt.Tooltip("department:N", title=DEPARTMENT),
                    alt.Tooltip("reform_year:Q", title=f"{REFORM_LABEL}年度", format="d"),
                ],
            )
        )
        label = pl.DataFrame(
            {
                "reform_year": [min(marker["reform_year"].to_list())] if marker.height else [],
                "label": [f"虚线：{REFORM_LABEL}年度"] if marker.height else [],
            },
            schema={"reform_year": pl.Int32, "label": pl.String},
        )
        text = (
            alt.Chart(label)
            .mark_text(align="left", baseline="top", dx=4, dy=2, color="#444444", fontSize=11)
            .encode(x="reform_year:Q", y=alt.value(0), text="label:N")
        )
        layers += [rule, text]
    heading = title or f"{metric_name(key)}（按部门）"
    return alt.LayerChart(
        layer=layers,
        title=alt.Title(heading, subtitle=subtitle) if subtitle else heading,
        width=width,
        height=height,
    )


__all__ = ["trend_chart"]

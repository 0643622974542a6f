"""The vehicle reform: a before/after slope chart per department."""

from __future__ import annotations

from typing import Any

import altair as alt
import polars as pl

from analytics.analysis import ReformResult
from analytics.charts.layout import MAX_END_LABELS, nice_domain, short_names, with_end_labels
from analytics.charts.theme import DEPARTMENT
from analytics.charts.trends import DIMMED, HIGHLIGHT
from analytics.labels import KIND_ZH, metric_label, metric_name

BEFORE = "改革前"
AFTER = "改革后"


def reform_slope_chart(
    result: ReformResult,
    metric: str = "vehicle_operation",
    *,
    title: str | None = None,
    width: int = 300,
    height: int = 320,
) -> alt.LayerChart:
    """Each panel department's mean before and after its reform year, joined by a line: falling
    lines are cuts. The subtitle gives the pooled mean change with its bootstrap interval. Click a
    department in the legend to highlight its line; each line is labelled at its end.

    >>> chart = reform_slope_chart(reform_effects(db), "vehicle_operation")
    >>> chart.title.subtitle
    ['各部门改革前2年与改革当年起2年的均值（决算数）', '3个部门平均变化 -51.6%，95%区间 -54.8%～-50.0%']
    """
    data = _before_after(result.frame.filter(pl.col("metric") == metric))
    x = alt.X(
        "period:N",
        title=None,
        sort=[BEFORE, AFTER],
        axis=alt.Axis(labelAngle=0),
        scale=alt.Scale(paddingInner=0.3, paddingOuter=0.15),
    )
    color = alt.Color("department:N", title=DEPARTMENT)
    # one selection per metric: two slope charts side by side each keep their own
    highlight = alt.selection_point(name=f"{HIGHLIGHT}_{metric}", fields=["department"], bind="legend")
    dim = alt.condition(highlight, alt.value(1.0), alt.value(DIMMED))
    base = alt.Chart(data)
    lines = (
        base.mark_line(strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=metric_label(metric)),
            color=color,
            detail="department:N",
            opacity=dim,
        )
        .add_params(highlight)
    )
    points = base.mark_point(filled=True, size=60).encode(
        x=x,
        y=alt.Y("value:Q", title=metric_label(metric)),
        color=color,
        opacity=dim,
        tooltip=_tooltip(metric),
    )
    layers: list[alt.Chart] = [lines, points]
    after = data.filter((pl.col("period") == AFTER) & pl.col("value").is_not_null()).sort("department")
    if 0 < after.height <= MAX_END_LABELS:
        values = data["value"].drop_nulls().to_list()
        domain = nice_domain(min([0.0, *values]), max([0.0, *values]))
        y = alt.Y("value:Q", title=metric_label(metric), scale=alt.Scale(domain=list(domain)))
        labels = with_end_labels(after, short_names(after["department"].to_list()), domain, height)
        end_y = alt.Y("label_value:Q", title=metric_label(metric), scale=alt.Scale(domain=list(domain)))
        layers = [
            lines.encode(y=y),
            points.encode(y=y),
            alt.Chart(labels)
            .mark_text(align="left", baseline="middle", dx=8, fontSize=11)
            .encode(x=x, y=end_y, text="label:N", color=color, opacity=dim),
        ]
    heading = title or f"公车改革前后：{metric_name(metric)}"
    return alt.LayerChart(
        layer=layers, title=alt.Title(heading, subtitle=_subtitle(result, metric)), width=width, height=height
    )


def _before_after(rows: pl.DataFrame) -> pl.DataFrame:
    """Two rows per department, `period` 改革前 and 改革后, with the mean of that period as `value`."""
    return pl.concat(
        [
            rows.select(
                "department",
                "reform_year",
                "change_pct",
                pl.lit(period).alias("period"),
                pl.col(mean).alias("value"),
            )
            for period, mean in ((BEFORE, "before"), (AFTER, "after"))
        ]
    )


def _tooltip(metric: str) -> list[Any]:
    return [
        alt.Tooltip("department:N", title=DEPARTMENT),
        alt.Tooltip("reform_year:Q", title="改革年度", format="d"),
        alt.Tooltip("period:N", title="时期"),
        alt.Tooltip("value:Q", title=metric_name(metric), format=",.2f"),
        alt.Tooltip("change_pct:Q", title="变化（%）", format="+.1f"),
    ]


def _subtitle(result: ReformResult, metric: str) -> list[str]:
    """What the means are, and the pooled mean change with its interval (when there is one)."""
    kind = KIND_ZH.get(result.kind, result.kind)
    subtitle = [f"各部门改革前{result.window}年与改革当年起{result.window}年的均值（{kind}数）"]
    pooled = result.pooled.filter(pl.col("metric") == metric)
    if pooled.height and pooled["mean_change_pct"][0] is not None:
        mean = pooled["mean_change_pct"][0]
        low, high = pooled["ci_low"][0], pooled["ci_high"][0]
        band = f"，{int(result.confidence * 100)}%区间 {low:+.1f}%～{high:+.1f}%" if low is not None else ""
        subtitle.append(f"{pooled['departments'][0]}个部门平均变化 {mean:+.1f}%{band}")
    return subtitle


__all__ = ["reform_slope_chart"]

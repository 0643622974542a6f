"""The vehicle reform: a before/after slope chart per department."""

from __future__ import annotations

import altair as alt
import polars as pl

from analytics.analysis.reform import ReformResult
from analytics.charts.theme import DEPARTMENT, metric_label, metric_name

KIND_LABELS = {"final": "决算", "budget": "预算"}
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
    lines are cuts. The subtitle gives the pooled mean change with its bootstrap interval.

    >>> reform_slope_chart(reform_effects(db), "vehicle_operation")  # doctest: +SKIP
    """
    rows = result.frame.filter(pl.col("metric") == metric)
    data = pl.concat(
        [
            rows.select(
                "department",
                "reform_year",
                "change_pct",
                pl.lit(BEFORE).alias("period"),
                pl.col("before").alias("value"),
            ),
            rows.select(
                "department",
                "reform_year",
                "change_pct",
                pl.lit(AFTER).alias("period"),
                pl.col("after").alias("value"),
            ),
        ]
    )
    x = alt.X(
        "period:N",
        title=None,
        sort=[BEFORE, AFTER],
        axis=alt.Axis(labelAngle=0),
        scale=alt.Scale(padding=0.3),
    )
    y = alt.Y("value:Q", title=metric_label(metric))
    color = alt.Color("department:N", title=DEPARTMENT)
    tooltip = [
        alt.Tooltip("department:N", title=DEPARTMENT),
        alt.Tooltip("reform_year:Q", title="改革年度", format="d"),
        alt.Tooltip("period:N", title="时期"),
        alt.Tooltip("value:Q", title=metric_name(metric), format=",.2f"),
        alt.Tooltip("change_pct:Q", title="变化（%）", format="+.1f"),
    ]
    base = alt.Chart(data)
    lines = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=color, detail="department:N")
    points = base.mark_point(filled=True, size=60, opacity=1).encode(x=x, y=y, color=color, tooltip=tooltip)
    pooled = result.pooled.filter(pl.col("metric") == metric)
    subtitle = f"各部门改革前{result.window}年与改革当年起{result.window}年的均值（{KIND_LABELS.get(result.kind, result.kind)}数）"
    if pooled.height and pooled["mean_change_pct"][0] is not None:
        mean = pooled["mean_change_pct"][0]
        low, high = pooled["ci_low"][0], pooled["ci_high"][0]
        band = f"，{int(result.confidence * 100)}%区间 {low:+.1f}%～{high:+.1f}%" if low is not None else ""
        subtitle += f"；{pooled['departments'][0]}个部门平均变化 {mean:+.1f}%{band}"
    heading = title or f"公车改革前后：{metric_name(metric)}"
    return alt.LayerChart(
        layer=[lines, points], title=alt.Title(heading, subtitle=subtitle), width=width, height=height
    )


__all__ = ["reform_slope_chart"]

"""Trend lines: one metric over the years per department, with the vehicle-reform year marked.

Honest about where each number comes from and where there is none:

- a point printed in a document is filled (● 公开数); a point worked back from the next year's stated
  change is hollow (△ 推算数, ◇ 补齐数), and a segment touching one is dotted;
- a year missing inside a department's series leaves a gap in its line, with a × in the department's
  colour where the line would have passed (its tooltip says 无数据);
- the subtitle is the place for a panel's `describe_zh()`, which says which years hold derived
  figures only.

Interactive where a browser draws it (the report, notebooks, `save(.html)`): click a department in
the legend to highlight it (the others dim; shift-click adds more), pick one in the 部门 menu below
the chart to show it alone, zoom the years with the mouse wheel and drag to pan (double-click resets).
Line-end labels name each line when there are few enough to tell apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import altair as alt
import polars as pl

from analytics.analysis.inputs import FrameLike, as_frame
from analytics.charts.theme import DEPARTMENT, YEAR
from analytics.labels import BASIS_ZH, metric_label, metric_name

REFORM_LABEL = "公车改革"
ALL_DEPARTMENTS = "全部"
HIGHLIGHT = "highlight"
"""The legend-bound selection: the departments clicked in the legend (empty: all shown alike)."""
DEPARTMENT_FILTER = "department_filter"
"""The 部门 menu: one department shown alone, or ALL_DEPARTMENTS."""
ZOOM = "zoom"
"""The interval bound to the x scale: wheel to zoom the years, drag to pan."""
LINES = "lines"
"""The name of the layer drawing the lines (its SVG group has the class `lines_marks`)."""

DIMMED = 0.15
MAX_END_LABELS = 15
"""More lines than this get no line-end labels (they could not be told apart); the legend names them."""
LABEL_GAP = 13  # pixels between two line-end labels
MISSING = "无数据"
CROSS = "M-1,-1L1,1M-1,1L1,-1"  # an ×, as an SVG path
BASIS_SHAPES = {"stated": "circle", "derived": "triangle-up", "filled": "diamond", "corrected": "square"}
"""The shape of a point by its figure's basis."""


def _basis_label() -> pl.Expr:
    return pl.col("basis").replace_strict(BASIS_ZH, default=pl.col("basis"), return_dtype=pl.String)


def short_names(departments: Sequence[str]) -> dict[str, str]:
    """Department names without the region they all share, for labels (廊坊市财政局 -> 财政局).

    >>> short_names(["廊坊市财政局", "廊坊市教育局"])
    {'廊坊市财政局': '财政局', '廊坊市教育局': '教育局'}
    >>> short_names(["廊坊市财政局", "三河市财政局"])
    {'廊坊市财政局': '廊坊市财政局', '三河市财政局': '三河市财政局'}
    """
    names = list(departments)
    prefix = ""
    if len(names) > 1:
        first, last = min(names), max(names)  # the shared start of all is that of the extremes
        prefix = first[
            : next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), len(first))
        ]
    cut = max((prefix.rfind(c) for c in "省市县区州盟旗"), default=-1)
    shared = prefix[: cut + 1] if cut >= 0 else ""
    return {d: d[len(shared) :] if shared and len(d) > len(shared) else d for d in departments}


def nice_domain(low: float, high: float, ticks: int = 5) -> tuple[float, float]:
    """`low`–`high` widened to round numbers (steps of 1, 2, 2.5 or 5 times a power of ten).

    >>> nice_domain(0, 51.6), nice_domain(0, 0), nice_domain(-3, 7.5)
    ((0.0, 60.0), (0.0, 1.0), (-5.0, 7.5))
    """
    if high <= low:
        return (float(low), float(low) + 1.0)
    raw = (high - low) / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return (float(math.floor(low / step) * step), float(math.ceil(high / step) * step))


def dodge(
    values: Sequence[float], domain: tuple[float, float], height: int, gap: float = LABEL_GAP
) -> list[float]:
    """Label positions (in data units) near `values` but at least `gap` pixels apart, inside the chart:
    labels that would overlap are spread evenly around where their lines end.

    >>> [round(v, 2) for v in dodge([10.0, 10.5, 40.0], (0.0, 50.0), 300)]
    [9.17, 11.33, 40.0]
    """
    low, high = domain
    span = (high - low) or 1.0
    pixels = [height * (1 - (v - low) / span) for v in values]
    order = sorted(range(len(values)), key=lambda i: pixels[i])
    blocks: list[list[float]] = []  # runs of labels placed together, centred on their lines' ends
    for i in order:
        blocks.append([pixels[i]])
        while len(blocks) > 1 and _end(blocks[-2], gap) + gap > _start(blocks[-1], gap):
            last = blocks.pop()
            blocks[-1].extend(last)
    placed = [_start(block, gap) + k * gap for block in blocks for k in range(len(block))]
    for k in range(len(placed)):  # keep inside the chart, top then bottom
        placed[k] = max(placed[k], gap / 2, placed[k - 1] + gap if k else gap / 2)
    for k in reversed(range(len(placed))):
        limit = height - gap / 2 if k == len(placed) - 1 else placed[k + 1] - gap
        placed[k] = min(placed[k], limit)
    result = [0.0] * len(values)
    for position, i in zip(placed, order, strict=True):
        result[i] = low + (1 - position / height) * span
    return result


def _start(block: list[float], gap: float) -> float:
    return sum(block) / len(block) - gap * (len(block) - 1) / 2


def _end(block: list[float], gap: float) -> float:
    return _start(block, gap) + gap * (len(block) - 1)


def _segments(points: pl.DataFrame) -> pl.DataFrame:
    """One row per pair of consecutive years of a department: where its line is drawn."""
    following = points.select(
        "department",
        (pl.col("year") - 1).alias("year"),
        pl.col("year").alias("year_next"),
        pl.col("value").alias("value_next"),
        pl.col("stated").alias("stated_next"),
    )
    return (
        points.join(following, on=["department", "year"], how="inner")
        .with_columns((~(pl.col("stated") & pl.col("stated_next"))).alias("derived"))
        .select("department", "year", "year_next", "value", "value_next", "derived")
    )


def _missing(points: pl.DataFrame) -> pl.DataFrame:
    """The years without a value between a department's first and last year, each placed on the
    straight line between the years around it (where the line would run: the gap stays a gap)."""
    spans = points.group_by("department").agg(
        pl.col("year").min().alias("first"), pl.col("year").max().alias("last")
    )
    every = spans.select(
        "department", pl.int_ranges("first", pl.col("last") + 1, dtype=pl.Int32).alias("year")
    ).explode("year")
    gaps = every.join(points.select("department", "year"), on=["department", "year"], how="anti")
    if gaps.is_empty():
        return gaps.with_columns(pl.lit(None, pl.Float64).alias("value"))
    known = points.select("department", "year", "value").sort("year")
    before = known.rename({"year": "year_before", "value": "value_before"})
    after = known.rename({"year": "year_after", "value": "value_after"})
    placed = (
        gaps.sort("year")
        .join_asof(
            before,
            left_on="year",
            right_on="year_before",
            by="department",
            strategy="backward",
            check_sortedness=False,
        )
        .join_asof(
            after,
            left_on="year",
            right_on="year_after",
            by="department",
            strategy="forward",
            check_sortedness=False,
        )
    )
    share = (pl.col("year") - pl.col("year_before")) / (pl.col("year_after") - pl.col("year_before"))
    return placed.select(
        "department",
        "year",
        (pl.col("value_before") + (pl.col("value_after") - pl.col("value_before")) * share).alias("value"),
    ).sort("department", "year")


def trend_chart(
    series: FrameLike,
    *,
    metric: str | None = None,
    reform_years: pl.DataFrame | int | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    width: int = 520,
    height: int = 300,
    interactive: bool = True,
    end_labels: bool | None = None,
) -> alt.LayerChart:
    """Lines of `value` by year, one per department, from a series frame (`metric_series`, a panel's
    `.frame`, or the `PanelResult` itself, whose `describe_zh()` then becomes the subtitle). See the
    module docstring for how derived figures, gaps and interaction are shown.

    `reform_years` marks the reform: an int draws one dashed rule for everyone; a frame with
    `department` and `reform_year` (e.g. `reform_years(db)`) draws a grey rule per reform year, and
    the rule of a department highlighted in the legend in its colour. `interactive=False` leaves out
    the legend selection, the 部门 menu and the zoom; `end_labels` (default: up to 15 departments)
    names each line at its last point. A series of a single year has no line to draw: the chart
    shows that year's points on an axis holding only that year.

    >>> chart = trend_chart(fixed_panel(series, years="best"), reform_years=reform_years(db))
    >>> chart.title.subtitle
    '固定样本：2013–2018年每年均有数据的3个部门（另有0个部门未纳入）；2013年的数均为推算数（由次年文档所述增减倒推，非文档印出）'
    >>> sorted(p["name"] for p in chart.to_dict()["params"])  # the menu, the legend selection, the zoom
    ['department_filter', 'highlight', 'zoom']
    """
    if (
        subtitle is None
        and hasattr(series, "describe_zh")
        and isinstance(getattr(series, "frame", None), pl.DataFrame)
    ):
        subtitle = series.describe_zh()
    frame = as_frame(series, needs=("department", "year", "value"), what="a series")
    key = metric or (frame["metric"][0] if "metric" in frame.columns and frame.height else "")
    points = (
        frame.filter(pl.col("value").is_not_null() & pl.col("department").is_not_null())
        .select(
            "department",
            pl.col("year").cast(pl.Int32),
            pl.col("value").cast(pl.Float64),
            (_basis_label() if "basis" in frame.columns else pl.lit(BASIS_ZH["stated"])).alias("来源"),
        )
        .with_columns(pl.col("来源").is_in([BASIS_ZH["stated"], BASIS_ZH["corrected"]]).alias("stated"))
        .unique(["department", "year"], keep="first")
        .sort("department", "year")
    )
    departments = sorted(points["department"].unique().to_list())
    years = sorted(points["year"].unique().to_list())
    single = years[0] if len(years) == 1 else None
    values = points["value"].to_list()
    domain = nice_domain(min([0.0, *values]), max([0.0, *values]))
    scale = alt.Scale(domain=departments)
    highlight = alt.selection_point(name=HIGHLIGHT, fields=["department"], bind="legend")
    chosen = alt.param(
        name=DEPARTMENT_FILTER,
        value=ALL_DEPARTMENTS,
        bind=alt.binding_select(options=[ALL_DEPARTMENTS, *departments], name="部门："),
    )
    shown = f"{DEPARTMENT_FILTER} == '{ALL_DEPARTMENTS}' || datum.department == {DEPARTMENT_FILTER}"
    zoom = alt.selection_interval(name=ZOOM, bind="scales", encodings=["x"])
    dim = alt.condition(highlight, alt.value(1.0), alt.value(DIMMED)) if interactive else alt.value(1.0)

    def layer(data: pl.DataFrame) -> alt.Chart:
        chart = alt.Chart(data)
        return chart.transform_filter(shown) if interactive else chart

    labelled = (
        bool(departments)
        and single is None
        and (end_labels if end_labels is not None else len(departments) <= MAX_END_LABELS)
    )
    names = short_names(departments)
    if single is None:
        # half a year's margin each side keeps the first and last points whole; on the right, room
        # for the line-end labels inside the plot (marks outside it are clipped while zooming)
        room = (max(len(n) for n in names.values()) * 11 + 12) if labelled else 0
        span = years[-1] - years[0] + 0.6
        extra = room * span / max(width - room, 1)
        x = alt.X(
            "year:Q",
            title=YEAR,
            axis=alt.Axis(
                format="d",
                values=list(range(years[0], years[-1] + 1)) if span <= 26 else alt.Undefined,
                tickMinStep=1,
                grid=True,
            ),
            scale=alt.Scale(domain=[years[0] - 0.3, years[-1] + 0.3 + extra], nice=False, zero=False),
        )
    else:  # one year: a domain of zero width draws a broken axis; half a year each side, one tick
        x = alt.X(
            "year:Q",
            title=YEAR,
            axis=alt.Axis(format="d", values=[single]),
            scale=alt.Scale(domain=[single - 0.5, single + 0.5], nice=False, zero=False),
        )
    y = alt.Y("value:Q", title=metric_label(key), scale=alt.Scale(domain=list(domain)))
    color = alt.Color(
        "department:N",
        title=DEPARTMENT,
        scale=scale,
        legend=alt.Legend(symbolType="stroke" if single is None else "circle"),
    )
    layers: list[alt.Chart] = []
    missing = _missing(points) if single is None else pl.DataFrame()
    corrected = BASIS_ZH["corrected"] in points.get_column("来源").to_list()
    basis_labels, shapes = _basis_shapes(with_missing=bool(missing.height), with_corrected=corrected)
    if single is None:
        segments = (
            layer(_segments(points))
            .mark_rule(strokeWidth=2, strokeCap="round")
            .encode(
                x=x,
                x2="year_next:Q",
                y=y,
                y2="value_next:Q",
                color=color,
                strokeDash=alt.condition("datum.derived", alt.value([2, 3]), alt.value([1, 0])),
                opacity=dim,
            )
        )
        layers.append(segments.properties(name=LINES))
    points_layer = (
        layer(points)
        .mark_point(size=50 if single is None else 80, strokeWidth=1.5, opacity=1)
        .encode(
            x=x,
            y=y,
            color=color,
            fill=alt.condition(
                "datum.stated", alt.Fill("department:N", scale=scale, legend=None), alt.value("white")
            ),
            shape=alt.Shape("来源:N", scale=shapes, legend=None),
            opacity=dim,
            tooltip=[
                alt.Tooltip("department:N", title=DEPARTMENT),
                alt.Tooltip("year:Q", title=YEAR, format="d"),
                alt.Tooltip("value:Q", title=metric_name(key), format=",.2f"),
                alt.Tooltip("来源:N"),
            ],
        )
    )
    if interactive:
        # the legend's selection belongs to the first layer drawing the departments' colours (a
        # legend merged from several layers is interactive only then)
        if single is None:
            layers[0] = layers[0].add_params(highlight)
            points_layer = points_layer.add_params(zoom)
        else:
            points_layer = points_layer.add_params(highlight)
    layers.append(points_layer)
    if missing.height:
        layers.append(
            layer(missing)
            .mark_point(shape=CROSS, size=60, strokeWidth=2, filled=False)
            .encode(
                x=x,
                y=y,
                color=alt.Color("department:N", scale=scale, legend=None),
                opacity=dim,
                tooltip=[
                    alt.Tooltip("department:N", title=DEPARTMENT),
                    alt.Tooltip("year:Q", title=f"{YEAR}（{MISSING}）", format="d"),
                ],
            )
        )
    if labelled:
        last = points.sort("year").group_by("department", maintain_order=True).last().sort("department")
        last = last.with_columns(
            pl.Series("label_value", dodge(last["value"].to_list(), domain, height), dtype=pl.Float64),
            pl.col("department").replace_strict(names, return_dtype=pl.String).alias("label"),
        )
        layers.append(
            layer(last)
            .mark_text(align="left", baseline="middle", dx=7, fontSize=11)
            .encode(
                x=x,
                y=alt.Y("label_value:Q", title=metric_label(key), scale=alt.Scale(domain=list(domain))),
                text="label:N",
                color=alt.Color("department:N", scale=scale, legend=None),
                opacity=dim,
            )
        )
    layers += _reform_layers(reform_years, departments, single, scale, highlight if interactive else None)
    layers.append(_basis_key(basis_labels, shapes))
    heading = title or f"{metric_name(key)}（按部门）"
    chart: alt.LayerChart = (
        alt.LayerChart(
            layer=layers,
            title=alt.Title(heading, subtitle=subtitle) if subtitle else heading,
            width=width,
            height=height,
        )
        .resolve_scale(fill="independent")
        .resolve_legend(shape="independent", fill="independent")
    )
    if interactive:
        chart = chart.add_params(chosen)
    return chart


def _basis_shapes(*, with_missing: bool, with_corrected: bool = False) -> tuple[list[str], alt.Scale]:
    """● 公开数, △ 推算数, ◇ 补齐数, ■ 更正数 when a figure was corrected by hand, and × 无数据 when
    a series has a gap: the labels and their scale."""
    shapes = {**{BASIS_ZH[basis]: shape for basis, shape in BASIS_SHAPES.items()}, MISSING: CROSS}
    labels = [label for key, label in BASIS_ZH.items() if key != "corrected" or with_corrected]
    labels += [MISSING] if with_missing else []
    return labels, alt.Scale(domain=labels, range=[shapes[label] for label in labels])


_KEY_FILL = {BASIS_ZH["stated"]: "#555555", BASIS_ZH["corrected"]: "#555555"}
"""The legend symbols drawn filled (printed figures); the others are hollow."""


def _basis_key(labels: list[str], shapes: alt.Scale) -> alt.Chart:
    """The 数据来源 legend: ● 公开数 and ■ 更正数 filled, △ 推算数 and ◇ 补齐数 hollow, as the points are
    drawn, and × 无数据 when a series has a gap.

    An invisible layer of its own: a legend drawn from the points would take their colours, which
    are the departments'."""
    legend = alt.Legend(symbolOpacity=1, orient="right")
    key: alt.Chart = (
        alt.Chart(pl.DataFrame({"来源": labels}))
        .mark_point(opacity=0, strokeWidth=1.5, color="#555555")
        .encode(
            shape=alt.Shape("来源:N", title="数据来源", scale=shapes, legend=legend),
            fill=alt.Fill(
                "来源:N",
                title="数据来源",
                scale=alt.Scale(domain=labels, range=[_KEY_FILL.get(label, "white") for label in labels]),
                legend=legend,
            ),
        )
    )
    return key


def _reform_layers(
    reform_years: pl.DataFrame | int | None,
    departments: Sequence[str],
    single: int | None,
    scale: alt.Scale,
    highlight: Any,
) -> list[alt.Chart]:
    """Dashed rules at the reform years: grey, one per year (its departments in the tooltip), and
    the rule of each department highlighted in the legend in its colour."""
    if reform_years is None:
        return []
    if isinstance(reform_years, int):
        marker = pl.DataFrame(
            {"department": [None], "reform_year": [reform_years]},
            schema={"department": pl.String, "reform_year": pl.Int32},
        )
    else:
        marker = (
            reform_years.filter(
                pl.col("department").is_in(list(departments)) & pl.col("reform_year").is_not_null()
            )
            .select("department", pl.col("reform_year").cast(pl.Int32))
            .unique()
            .sort("reform_year", "department")
        )
    if single is not None:
        marker = marker.filter(pl.col("reform_year") == single)
    if marker.is_empty():
        return []
    by_year = (
        marker.group_by("reform_year")
        .agg(pl.col("department").drop_nulls().sort().alias("departments"))
        .with_columns(
            pl.col("departments").list.len().alias("count"),
            pl.col("departments").list.join("、").alias("who"),
        )
        .with_columns(
            pl.when(pl.col("count") > 0)
            .then(pl.format(f"{REFORM_LABEL} {{}}（{{}}个部门）", "reform_year", "count"))
            .otherwise(pl.format(f"{REFORM_LABEL} {{}}", "reform_year"))
            .alias("label")
        )
        .drop("departments")
        .sort("reform_year")
        .with_columns((pl.int_range(pl.len()) * 14).alias("offset"))  # adjacent years' labels stacked
    )
    rule_x = alt.X("reform_year:Q")
    rules = (
        alt.Chart(by_year)
        .mark_rule(strokeDash=[6, 4], color="#777777", strokeWidth=1.2)
        .encode(
            x=rule_x,
            tooltip=[
                alt.Tooltip("reform_year:Q", title=f"{REFORM_LABEL}年度", format="d"),
                alt.Tooltip("who:N", title=DEPARTMENT),
            ],
        )
    )
    text = (
        alt.Chart(by_year)
        .mark_text(align="left", baseline="top", dx=4, dy=2, color="#444444", fontSize=11)
        .encode(x=rule_x, y=alt.value(0), yOffset=alt.YOffset("offset:Q", scale=None), text="label:N")
    )
    layers = [rules, text]
    own = marker.filter(pl.col("department").is_not_null())
    if highlight is not None and own.height:
        layers.append(
            alt.Chart(own)
            .mark_rule(strokeDash=[6, 4], strokeWidth=2.5)
            .encode(
                x=rule_x,
                color=alt.Color("department:N", scale=scale, legend=None),
                opacity=alt.condition(highlight, alt.value(0.9), alt.value(0.0), empty=False),
            )
        )
    return layers


__all__ = [
    "ALL_DEPARTMENTS",
    "DEPARTMENT_FILTER",
    "HIGHLIGHT",
    "ZOOM",
    "dodge",
    "nice_domain",
    "short_names",
    "trend_chart",
]

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

from dataclasses import dataclass
from typing import Any

import altair as alt
import polars as pl

from analytics.analysis.inputs import FrameLike, as_frame
from analytics.charts.basis_legend import CROSS, MISSING, basis_key, basis_shapes
from analytics.charts.layout import MAX_END_LABELS, nice_domain, short_names, with_end_labels
from analytics.charts.reform_rules import reform_rules
from analytics.charts.theme import DEPARTMENT, YEAR
from analytics.charts.trend_data import SOURCE, missing_years, segments, trend_points
from analytics.labels import BASIS_ZH, metric_label, metric_name

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
    points = trend_points(frame)
    departments = sorted(points["department"].unique().to_list())
    years = sorted(points["year"].unique().to_list())
    single = years[0] if len(years) == 1 else None
    labelled = (
        bool(departments)
        and single is None
        and (end_labels if end_labels is not None else len(departments) <= MAX_END_LABELS)
    )
    names = short_names(departments)
    # on the right, room for the line-end labels inside the plot (marks outside it are clipped while
    # zooming)
    room = (max(len(n) for n in names.values()) * 11 + 12) if labelled else 0
    plot = _plot(
        points, key, departments, years, width, room, _Interaction.of(departments) if interactive else None
    )
    missing = missing_years(points) if single is None else pl.DataFrame()
    corrected = BASIS_ZH["corrected"] in points.get_column(SOURCE).to_list()
    legend_labels, shapes = basis_shapes(with_missing=bool(missing.height), with_corrected=corrected)
    layers = _data_layers(plot, points, missing, shapes, key)
    if labelled:
        layers.append(_end_labels(plot, points, names, height, key))
    layers += reform_rules(
        reform_years,
        departments,
        single,
        plot.scale,
        plot.interaction.highlight if plot.interaction else None,
    )
    layers.append(basis_key(legend_labels, shapes))
    return _layered(
        layers, title or f"{metric_name(key)}（按部门）", subtitle, width, height, plot.interaction
    )


@dataclass(frozen=True)
class _Interaction:
    """A trend chart's interaction: the legend selection, the zoom of the years, and the 部门 menu
    with the filter it applies to every layer of the departments."""

    highlight: Any
    zoom: Any
    menu: Any
    shown: str

    @classmethod
    def of(cls, departments: list[str]) -> _Interaction:
        menu = alt.param(
            name=DEPARTMENT_FILTER,
            value=ALL_DEPARTMENTS,
            bind=alt.binding_select(options=[ALL_DEPARTMENTS, *departments], name="部门："),
        )
        return cls(
            highlight=alt.selection_point(name=HIGHLIGHT, fields=["department"], bind="legend"),
            zoom=alt.selection_interval(name=ZOOM, bind="scales", encodings=["x"]),
            menu=menu,
            shown=f"{DEPARTMENT_FILTER} == '{ALL_DEPARTMENTS}' || datum.department == {DEPARTMENT_FILTER}",
        )


@dataclass(frozen=True)
class _Plot:
    """What the layers of one trend chart share: the axes, the departments' colours, the single year
    of a one-year series (None otherwise), and the interaction (None: a still chart)."""

    x: alt.X
    y: alt.Y
    domain: tuple[float, float]
    scale: alt.Scale
    single: int | None
    interaction: _Interaction | None

    def chart(self, data: pl.DataFrame) -> alt.Chart:
        """A layer of the departments' marks: the 部门 menu filters it."""
        chart = alt.Chart(data)
        return chart.transform_filter(self.interaction.shown) if self.interaction else chart

    @property
    def dim(self) -> Any:
        """Opacity: the departments not highlighted in the legend are dimmed."""
        if self.interaction is None:
            return alt.value(1.0)
        return alt.condition(self.interaction.highlight, alt.value(1.0), alt.value(DIMMED))

    @property
    def color(self) -> alt.Color:
        return alt.Color(
            "department:N",
            title=DEPARTMENT,
            scale=self.scale,
            legend=alt.Legend(symbolType="stroke" if self.single is None else "circle"),
        )


def _plot(
    points: pl.DataFrame,
    key: str,
    departments: list[str],
    years: list[int],
    width: int,
    room: int,
    interaction: _Interaction | None,
) -> _Plot:
    values = points["value"].to_list()
    domain = nice_domain(min([0.0, *values]), max([0.0, *values]))
    single = years[0] if len(years) == 1 else None
    y = alt.Y("value:Q", title=metric_label(key), scale=alt.Scale(domain=list(domain)))
    x = _year_axis(years, width, room) if single is None else _one_year_axis(single)
    return _Plot(x, y, domain, alt.Scale(domain=departments), single, interaction)


def _year_axis(years: list[int], width: int, room: int) -> alt.X:
    """Every year ticked (while there are 26 or fewer), with half a year's margin each side, which
    keeps the first and last points whole, and `room` pixels on the right for the line-end labels."""
    span = years[-1] - years[0] + 0.6
    extra = room * span / max(width - room, 1)
    return alt.X(
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


def _one_year_axis(year: int) -> alt.X:
    """One year: a domain of zero width draws a broken axis; half a year each side, one tick."""
    return alt.X(
        "year:Q",
        title=YEAR,
        axis=alt.Axis(format="d", values=[year]),
        scale=alt.Scale(domain=[year - 0.5, year + 0.5], nice=False, zero=False),
    )


def _data_layers(
    plot: _Plot, points: pl.DataFrame, missing: pl.DataFrame, shapes: alt.Scale, key: str
) -> list[alt.Chart]:
    """The lines (a series of more than one year), the points, and the × of the years without a
    value, with the legend selection and the zoom on the layers that carry them."""
    lines = _lines(plot, points) if plot.single is None else None
    dots = _points(plot, points, shapes, key)
    if plot.interaction is not None:
        # the legend's selection belongs to the first layer drawing the departments' colours (a
        # legend merged from several layers is interactive only then)
        if lines is not None:
            lines = lines.add_params(plot.interaction.highlight)
            dots = dots.add_params(plot.interaction.zoom)
        else:
            dots = dots.add_params(plot.interaction.highlight)
    layers = [dots] if lines is None else [lines, dots]
    if missing.height:
        layers.append(_gap_marks(plot, missing))
    return layers


def _lines(plot: _Plot, points: pl.DataFrame) -> alt.Chart:
    """A segment per pair of consecutive years, dotted where either end is not a printed figure."""
    layer: alt.Chart = (
        plot.chart(segments(points))
        .mark_rule(strokeWidth=2, strokeCap="round")
        .encode(
            x=plot.x,
            x2="year_next:Q",
            y=plot.y,
            y2="value_next:Q",
            color=plot.color,
            strokeDash=alt.condition("datum.derived", alt.value([2, 3]), alt.value([1, 0])),
            opacity=plot.dim,
        )
        .properties(name=LINES)
    )
    return layer


def _points(plot: _Plot, points: pl.DataFrame, shapes: alt.Scale, key: str) -> alt.Chart:
    """A point per figure: filled in the department's colour when printed, hollow when worked out,
    shaped by its basis."""
    layer: alt.Chart = (
        plot.chart(points)
        .mark_point(size=50 if plot.single is None else 80, strokeWidth=1.5, opacity=1)
        .encode(
            x=plot.x,
            y=plot.y,
            color=plot.color,
            fill=alt.condition(
                "datum.stated", alt.Fill("department:N", scale=plot.scale, legend=None), alt.value("white")
            ),
            shape=alt.Shape(f"{SOURCE}:N", scale=shapes, legend=None),
            opacity=plot.dim,
            tooltip=[
                alt.Tooltip("department:N", title=DEPARTMENT),
                alt.Tooltip("year:Q", title=YEAR, format="d"),
                alt.Tooltip("value:Q", title=metric_name(key), format=",.2f"),
                alt.Tooltip(f"{SOURCE}:N"),
            ],
        )
    )
    return layer


def _gap_marks(plot: _Plot, missing: pl.DataFrame) -> alt.Chart:
    """An × in the department's colour where its line would have passed a year without a value."""
    layer: alt.Chart = (
        plot.chart(missing)
        .mark_point(shape=CROSS, size=60, strokeWidth=2, filled=False)
        .encode(
            x=plot.x,
            y=plot.y,
            color=alt.Color("department:N", scale=plot.scale, legend=None),
            opacity=plot.dim,
            tooltip=[
                alt.Tooltip("department:N", title=DEPARTMENT),
                alt.Tooltip("year:Q", title=f"{YEAR}（{MISSING}）", format="d"),
            ],
        )
    )
    return layer


def _end_labels(plot: _Plot, points: pl.DataFrame, names: dict[str, str], height: int, key: str) -> alt.Chart:
    """Each department's short name at the end of its line, spread apart where the ends are close."""
    last = points.sort("year").group_by("department", maintain_order=True).last().sort("department")
    layer: alt.Chart = (
        plot.chart(with_end_labels(last, names, plot.domain, height))
        .mark_text(align="left", baseline="middle", dx=7, fontSize=11)
        .encode(
            x=plot.x,
            y=alt.Y("label_value:Q", title=metric_label(key), scale=alt.Scale(domain=list(plot.domain))),
            text="label:N",
            color=alt.Color("department:N", scale=plot.scale, legend=None),
            opacity=plot.dim,
        )
    )
    return layer


def _layered(
    layers: list[alt.Chart],
    heading: str,
    subtitle: str | None,
    width: int,
    height: int,
    interaction: _Interaction | None,
) -> alt.LayerChart:
    """The layers as one chart, with the 部门 menu when interactive; the legends of the basis key
    and of the points' fills kept apart from the departments'."""
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
    if interaction is not None:
        chart = chart.add_params(interaction.menu)
    return chart


__all__ = ["ALL_DEPARTMENTS", "DEPARTMENT_FILTER", "HIGHLIGHT", "LINES", "ZOOM", "trend_chart"]

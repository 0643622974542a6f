"""The trend chart read for what it shows: where figures come from (filled points printed in a document,
hollow ones derived, dotted segments to them), gaps left as gaps and marked, line-end labels that do
not overlap, the reform years, and the interaction (legend highlight, department menu, zoom)."""

from __future__ import annotations

import itertools
import json
from typing import Any

import altair as alt
import polars as pl
import pytest

from analytics.analysis import fixed_panel, metric_series, reform_years
from analytics.charts import to_png, to_svg, trend_chart
from analytics.charts.layout import dodge, nice_domain, short_names
from analytics.load import Store

PNG = b"\x89PNG\r\n\x1a\n"


def round_trip(chart: alt.TopLevelMixin) -> dict[str, Any]:
    spec = chart.to_dict()
    again = type(chart).from_dict(json.loads(json.dumps(spec, ensure_ascii=False)))
    assert again.to_dict() == spec
    return spec


def layer_rows(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    name = (layer.get("data") or spec["data"])["name"]
    return list(spec["datasets"][name])


def find(
    spec: dict[str, Any], mark: str, *, has: str | None = None, name: str | None = None
) -> dict[str, Any]:
    """The first layer of `mark` type (with encoding channel `has`, or the given layer name)."""
    for layer in spec["layer"]:
        kind = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        if (
            kind == mark
            and (has is None or has in layer.get("encoding", {}))
            and (name is None or layer.get("name") == name)
        ):
            return layer
    raise AssertionError(f"no {mark} layer with {has or name}")


def series_frame(rows: list[tuple[str, int, float, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["department", "year", "value", "basis"], orient="row").with_columns(
        pl.lit("vehicle_operation").alias("metric")
    )


SERIES = series_frame(
    [
        ("廊坊市财政局", 2013, 42.0, "derived"), ("廊坊市财政局", 2014, 40.0, "stated"),
        ("廊坊市财政局", 2015, 44.0, "stated"), ("廊坊市财政局", 2016, 20.0, "stated"),
        ("廊坊市教育局", 2014, 30.0, "stated"), ("廊坊市教育局", 2016, 15.0, "stated"),  # 2015 missing
        ("廊坊市科学技术协会", 2014, 20.0, "filled"), ("廊坊市科学技术协会", 2015, 21.0, "stated"),
        ("廊坊市科学技术协会", 2016, 20.5, "stated"),
    ]
)  # fmt: skip


def test_points_say_where_a_figure_comes_from_and_segments_to_derived_ones_are_dotted() -> None:
    spec = round_trip(trend_chart(SERIES))
    points = find(spec, "point", has="fill")
    assert points["encoding"]["fill"]["condition"]["test"] == "datum.stated"  # filled only if printed
    assert points["encoding"]["fill"]["value"] == "white"
    rows = {(r["department"], r["year"]): r["来源"] for r in layer_rows(spec, points)}
    assert rows[("廊坊市财政局", 2013)] == "推算数" and rows[("廊坊市科学技术协会", 2014)] == "补齐数"
    assert rows[("廊坊市财政局", 2014)] == "公开数"
    lines = find(spec, "rule", name="lines")
    segments = {(r["department"], r["year"], r["year_next"]): r["derived"] for r in layer_rows(spec, lines)}
    assert segments[("廊坊市财政局", 2013, 2014)] is True  # touches a derived point
    assert segments[("廊坊市财政局", 2014, 2015)] is False
    assert segments[("廊坊市科学技术协会", 2014, 2015)] is True
    assert lines["encoding"]["strokeDash"]["condition"] == {"test": "datum.derived", "value": [2, 3]}
    # the 数据来源 legend shows the filled and hollow symbols, and × for a gap
    key = spec["layer"][-1]
    assert key["encoding"]["fill"]["scale"]["range"] == ["#555555", "white", "white", "white"]
    assert key["encoding"]["shape"]["scale"]["domain"] == ["公开数", "推算数", "补齐数", "无数据"]


def test_a_corrected_figure_is_drawn_filled_and_named_in_the_legend_only_when_present() -> None:
    frame = series_frame([("廊坊市审计局", 2018, 2.0, "stated"), ("廊坊市审计局", 2019, 2.55, "corrected")])
    spec = round_trip(trend_chart(frame))
    points = find(spec, "point", has="fill")
    rows = {r["year"]: (r["来源"], r["stated"]) for r in layer_rows(spec, points)}
    assert rows == {2018: ("公开数", True), 2019: ("更正数", True)}
    key = spec["layer"][-1]
    assert key["encoding"]["shape"]["scale"]["domain"] == ["公开数", "推算数", "补齐数", "更正数"]
    assert key["encoding"]["fill"]["scale"]["range"] == ["#555555", "white", "white", "#555555"]
    assert key["encoding"]["shape"]["scale"]["range"] == ["circle", "triangle-up", "diamond", "square"]


def test_a_missing_year_is_a_gap_with_a_mark_where_the_line_would_pass() -> None:
    spec = round_trip(trend_chart(SERIES))
    segments = layer_rows(spec, find(spec, "rule", name="lines"))
    jiaoyu = [(r["year"], r["year_next"]) for r in segments if r["department"] == "廊坊市教育局"]
    assert jiaoyu == []  # 2014 and 2016 are not joined across the missing 2015
    missing = layer_rows(spec, _missing_layer(spec))
    assert [(r["department"], r["year"], r["value"]) for r in missing] == [("廊坊市教育局", 2015, 22.5)]
    svg = to_svg(trend_chart(SERIES))
    assert "年度（无数据）: 2015" in svg  # its tooltip says so


def _missing_layer(spec: dict[str, Any]) -> dict[str, Any]:
    for layer in spec["layer"]:
        if isinstance(layer["mark"], dict) and layer["mark"].get("shape") == "M-1,-1L1,1M-1,1L1,-1":
            return layer
    raise AssertionError("no layer marks the missing years")


def test_line_end_labels_name_each_line_apart_from_the_others() -> None:
    close = series_frame(
        [(f"廊坊市局{i}", year, 20.0 + i * 0.2, "stated") for i in range(4) for year in (2015, 2016)]
    )
    spec = round_trip(trend_chart(close, height=300))
    labels = layer_rows(spec, find(spec, "text", has="text"))
    assert [r["label"] for r in labels] == ["局0", "局1", "局2", "局3"]  # the shared 廊坊市 left out
    domain = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    pixels = sorted(300 * (1 - (r["label_value"] - domain[0]) / (domain[1] - domain[0])) for r in labels)
    assert all(b - a >= 12.9 for a, b in itertools.pairwise(pixels))
    assert "text" not in [
        layer["mark"]["type"] for layer in trend_chart(close, end_labels=False).to_dict()["layer"][:3]
    ]


def test_the_chart_is_interactive_unless_asked_not_to_be(reform_db: Store) -> None:
    panel = fixed_panel(metric_series(reform_db, "vehicle_operation"), years=range(2014, 2018))
    spec = round_trip(trend_chart(panel, reform_years=reform_years(reform_db)))
    params = {p["name"]: p for p in spec["params"]}
    menu = params["department_filter"]
    assert menu["value"] == "全部" and menu["bind"]["options"] == ["全部", *panel.departments]
    # the legend selection lives on the lines (the layer whose legend is interactive)
    assert params["highlight"]["bind"] == "legend" and params["highlight"]["views"] == ["lines"]
    assert params["highlight"]["select"]["fields"] == ["department"]
    lines = find(spec, "rule", name="lines")
    assert lines["encoding"]["opacity"]["condition"] == {"param": "highlight", "value": 1.0}
    assert lines["encoding"]["opacity"]["value"] == 0.15
    assert "department_filter == '全部'" in lines["transform"][0]["filter"]
    assert params["zoom"]["bind"] == "scales" and params["zoom"]["select"] == {
        "type": "interval",
        "encodings": ["x"],
    }
    assert spec["title"]["subtitle"] == panel.describe_zh()  # a PanelResult brings its own description
    still = round_trip(trend_chart(panel, interactive=False))
    assert "params" not in still and all("params" not in layer for layer in still["layer"])
    assert to_png(trend_chart(panel, reform_years=reform_years(reform_db))).startswith(PNG)


def test_reform_years_are_one_rule_per_year_and_the_highlighted_departments_own(reform_db: Store) -> None:
    panel = fixed_panel(metric_series(reform_db, "vehicle_operation"), years=range(2014, 2018))
    spec = round_trip(trend_chart(panel.frame, reform_years=reform_years(reform_db)))
    grey = find(spec, "rule", has="tooltip")
    assert [(r["reform_year"], r["label"]) for r in layer_rows(spec, grey)] == [
        (2016, "公车改革 2016（2个部门）"), (2017, "公车改革 2017（2个部门）"),
    ]  # fmt: skip
    own = [
        layer
        for layer in spec["layer"]
        if layer["mark"] == {"type": "rule", "strokeDash": [6, 4], "strokeWidth": 2.5}
    ]
    assert own and own[0]["encoding"]["opacity"]["condition"]["empty"] is False  # only when highlighted
    one = round_trip(trend_chart(panel.frame, reform_years=2016))
    assert [r["label"] for r in layer_rows(one, find(one, "rule", has="tooltip"))] == ["公车改革 2016"]


def test_a_single_year_draws_points_on_an_axis_of_that_year(reform_db: Store) -> None:
    """One year has no line: the points stand on an axis holding that year only (a scale of zero width
    would be drawn from whatever the renderer makes of it); a reform outside the year is not drawn."""
    panel = fixed_panel(metric_series(reform_db, "vehicle_operation"), years=[2017])
    chart = trend_chart(panel.frame, reform_years=reform_years(reform_db))
    spec = round_trip(chart)
    points = spec["layer"][0]
    assert points["mark"]["type"] == "point"
    assert [(p["name"], p["bind"]) for p in spec["params"][:1]] == [("highlight", "legend")]
    assert points["encoding"]["x"]["scale"]["domain"] == [2016.5, 2017.5]
    assert points["encoding"]["x"]["axis"]["values"] == [2017]
    assert points["encoding"]["y"]["title"] == "公务用车运行维护费（万元）"
    rules = layer_rows(spec, find(spec, "rule", has="tooltip"))
    assert [r["reform_year"] for r in rules] == [2017]  # the 2016 reforms are outside the year shown
    assert "rule" not in [
        layer["mark"]["type"] for layer in trend_chart(panel.frame, reform_years=2016).to_dict()["layer"]
    ]
    svg = to_svg(chart)
    assert svg.count('aria-roledescription="point"') == panel.included + 3  # and the legend key's three
    assert ">2017</text>" in svg and ">2016</text>" not in svg


def test_lazy_frames_are_drawn_too() -> None:
    assert trend_chart(SERIES.lazy()).to_dict() == trend_chart(SERIES).to_dict()
    with pytest.raises(ValueError, match="a series needs the column"):
        trend_chart(SERIES.drop("value"))


def test_label_helpers() -> None:
    assert short_names(["廊坊市财政局", "廊坊市科学技术协会"]) == {
        "廊坊市财政局": "财政局",
        "廊坊市科学技术协会": "科学技术协会",
    }
    assert short_names(["河北省廊坊市财政局"]) == {"河北省廊坊市财政局": "河北省廊坊市财政局"}
    assert nice_domain(0, 47.4) == (0.0, 50.0)
    placed = dodge([5.0, 5.0, 5.0], (0.0, 60.0), 300)
    assert len(set(placed)) == 3 and min(placed) > 0

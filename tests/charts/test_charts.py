"""Chart builders: plain functions returning Altair charts. Each is checked through `to_dict()` (marks,
encodings, Chinese titles), the JSON round trip, and a PNG render."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import polars as pl

from analytics.analysis import (
    execution_rates,
    reform_effects,
    three_public_composition,
)
from analytics.charts import (
    FONT_STACK,
    enable_theme,
    execution_heatmap,
    metric_label,
    reform_slope_chart,
    theme_config,
    three_public_chart,
    to_png,
)
from analytics.load import Store
from tests.analysis.builders import Doc, fact

PNG = b"\x89PNG\r\n\x1a\n"


def round_trip(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The spec survives JSON and Altair's own parser unchanged."""
    spec = chart.to_dict()
    again = type(chart).from_dict(json.loads(json.dumps(spec, ensure_ascii=False)))
    assert again.to_dict() == spec
    return spec


def marks(spec: dict[str, Any]) -> list[str]:
    layers = spec.get("layer", [spec])
    return [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in layers]


def title_text(spec: dict[str, Any]) -> str:
    title = spec["title"]
    return title["text"] if isinstance(title, dict) else title


def test_metric_labels_come_from_the_vocabulary() -> None:
    assert metric_label("expenditure_project") == "项目支出（万元）"
    assert metric_label("vehicles_count") == "车辆数"
    assert metric_label("not_a_metric") == "not_a_metric"


def test_reform_slope_chart(reform_db: Store) -> None:
    result = reform_effects(reform_db, n_boot=100)
    chart = reform_slope_chart(result, "vehicle_operation")
    spec = round_trip(chart)
    assert marks(spec) == ["line", "point", "text"]  # the text names each line at its end
    assert title_text(spec) == "公车改革前后：公务用车运行维护费"
    assert spec["title"]["subtitle"][1].startswith("4个部门平均变化 -50.6%")
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["改革前", "改革后"]
    assert [(p["name"], p["bind"]) for p in spec["params"]] == [("highlight_vehicle_operation", "legend")]
    assert spec["layer"][0]["encoding"]["opacity"]["condition"]["param"] == "highlight_vehicle_operation"
    labels = spec["datasets"][spec["layer"][2]["data"]["name"]]
    assert sorted(r["label"] for r in labels) == sorted(result.frame["department"].unique().to_list())
    assert to_png(chart).startswith(PNG)


def test_three_public_chart(make_db: Any) -> None:
    docs = [
        Doc("廊坊市财政局", year, "final", [fact("overseas_travel", "1"), fact("vehicle_purchase", "0"),
                                          fact("vehicle_operation", str(20 - year + 2014)), fact("reception", "2")])
        for year in (2014, 2015, 2016)
    ]  # fmt: skip
    db = make_db(docs)
    composition = three_public_composition(db, years=[2014, 2015, 2016])
    assert composition.frame.filter(pl.col("year") == 2014).select("name_zh", "value").rows() == [
        ("因公出国(境)费", 1.0),
        ("公务用车购置费", 0.0),
        ("公务用车运行维护费", 20.0),
        ("公务接待费", 2.0),
    ]
    chart = three_public_chart(composition)
    spec = round_trip(chart)
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["color"]["title"] == "“三公”经费构成"
    assert spec["encoding"]["color"]["sort"] == [
        "因公出国(境)费",
        "公务用车购置费",
        "公务用车运行维护费",
        "公务接待费",
    ]
    assert three_public_chart(composition, normalize=True).to_dict()["encoding"]["y"]["stack"] == "normalize"
    assert to_png(chart).startswith(PNG)


def test_three_public_chart_marks_the_years_of_derived_figures_only(make_db: Any) -> None:
    parts = ("overseas_travel", "vehicle_purchase", "vehicle_operation", "reception")
    docs = [
        Doc("廊坊市财政局", 2015, "final",
            [fact(m, "2") for m in parts] + [fact(m, "3", 2014, basis="derived") for m in parts]),
    ]  # fmt: skip
    composition = three_public_composition(make_db(docs), years=[2014, 2015])
    assert composition.derived_years == (2014,)
    spec = round_trip(three_public_chart(composition))
    assert "2014年的数均为推算数" in spec["title"]["subtitle"]
    assert spec["encoding"]["opacity"]["condition"] == {"test": "datum.derived", "value": 0.45}
    assert "indexof([2014], datum.value) >= 0" in spec["encoding"]["x"]["axis"]["labelExpr"]


def test_execution_heatmap(make_db: Any) -> None:
    db = make_db(
        [
            Doc("廊坊市民政局", 2020, "budget", [fact("expenditure_project", "1000")]),
            Doc("廊坊市民政局", 2020, "final", [fact("expenditure_project", "2850")]),
        ]
    )
    chart = execution_heatmap(execution_rates(db), "expenditure_project")
    spec = round_trip(chart)
    assert marks(spec) == ["rect", "rect", "text"]
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domainMid"] == 100
    assert title_text(spec) == "预算执行率：项目支出（决算数 / 预算数）"
    assert to_png(chart).startswith(PNG)


def test_execution_heatmap_says_why_a_cell_has_no_rate(make_db: Any) -> None:
    """A budget of 0 gives no rate, nor does a year with one of the two figures, or neither: each such
    cell is grey and says why instead of staying blank; a rate from a derived figure carries a *."""
    db = make_db(
        [
            Doc("廊坊市审计局", 2019, "budget", [fact("reception", "2")]),
            Doc("廊坊市审计局", 2019, "final", [fact("reception", "1.5"), fact("reception", "2.5", 2018, basis="derived")]),
            Doc("廊坊市审计局", 2018, "budget", [fact("reception", "2.4")]),
            Doc("廊坊市审计局", 2021, "budget", [fact("reception", "0")]),
            Doc("廊坊市审计局", 2021, "final", [fact("reception", "0")]),
            Doc("廊坊市审计局", 2022, "budget", [fact("reception", "0")]),
        ]
    )  # fmt: skip
    spec = round_trip(execution_heatmap(execution_rates(db, "reception", with_gaps=True), "reception"))
    cells = (
        spec["datasets"][spec["data"]["name"]]
        if "data" in spec
        else spec["datasets"][spec["layer"][0]["data"]["name"]]
    )
    assert [(c["year"], c["label"]) for c in cells] == [
        (2018, "104*"), (2019, "75"), (2020, "无数据"), (2021, "预算0"), (2022, "缺决算"),
    ]  # fmt: skip
    assert "预算0＝预算为零" in spec["title"]["subtitle"] and "* 由推算数计算" in spec["title"]["subtitle"]


def test_theme_sets_a_chinese_font_stack() -> None:
    config = theme_config()
    assert config["font"] == FONT_STACK
    assert FONT_STACK.startswith('"Noto Sans CJK SC"')
    assert config["axis"]["labelFont"] == FONT_STACK
    with alt.theme.enable("default"):
        enable_theme()
        assert alt.theme.active == "analytics"
        assert (
            alt.Chart(pl.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").to_dict()["config"]["font"]
            == FONT_STACK
        )

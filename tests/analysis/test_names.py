"""Names an analyst types are checked: a wrong metric, kind or department raises an error listing the
valid ones instead of giving an empty frame; Chinese kinds and names and unambiguous short department
names are accepted. LazyFrames are accepted wherever frames are, and results show in a notebook."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from analytics.analysis import (
    UnknownNameError,
    cagr,
    execution_rates,
    facts,
    fixed_panel,
    flag_outliers,
    index_to,
    metric_series,
    panel_trend,
    panel_years,
    rank_departments,
    reform_effects,
    three_public_composition,
    to_float,
    year_on_year,
)
from analytics.analysis.names import match_departments, resolve_kind, resolve_metric
from analytics.load import Store
from tests.analysis.builders import Doc, fact
from tests.analysis.conftest import CAIZHENG, KEXIE, SHENJI

MakeDb = Callable[[list[Doc]], Store]


def test_kinds_in_english_and_chinese() -> None:
    assert [resolve_kind(k) for k in ("budget", "final", "预算", "决算", "预算数", "决算数")] == [
        "budget", "final", "budget", "final", "budget", "final",
    ]  # fmt: skip
    with pytest.raises(
        UnknownNameError, match=r"unknown kind 'actual': use 'budget' \(预算\) or 'final' \(决算\)"
    ):
        resolve_kind("actual")


def test_metrics_by_key_chinese_name_or_printed_label() -> None:
    assert resolve_metric("vehicle_operation") == "vehicle_operation"
    assert resolve_metric("公务用车运行维护费") == "vehicle_operation"
    assert resolve_metric("“三公”经费") == "three_public_total"
    assert resolve_metric("本年支出合计") == "expenditure_total"
    with pytest.raises(UnknownNameError) as error:
        resolve_metric("vehicle_operations")
    message = str(error.value)
    assert message.startswith("unknown metric 'vehicle_operations'; did you mean 'vehicle_operation'")
    assert "income_grand_total (收入总计)" in message and "analytics.reference.metrics()" in message


def test_short_department_names_when_unambiguous() -> None:
    names = ["廊坊市财政局", "三河市财政局", "廊坊市教育局"]
    assert match_departments(["教育局"], names) == ["廊坊市教育局"]
    assert match_departments("廊坊市财政局", names) == ["廊坊市财政局"]
    with pytest.raises(
        UnknownNameError, match="'财政局' is ambiguous: it could be 三河市财政局, 廊坊市财政局"
    ):
        match_departments("财政局", names)
    with pytest.raises(
        UnknownNameError, match=r"unknown department '民政局' Departments \(3\): 三河市财政局"
    ):
        match_departments("民政局", names)


def test_the_readers_check_names_against_the_database(reform_db: Store) -> None:
    # a kind in Chinese, a short department name, a metric by its Chinese name
    series = metric_series(reform_db, "公务用车运行维护费", kind="决算", departments=["财政局"])
    assert series.select("department", "year", "value").rows() == [
        (CAIZHENG, 2014, 40.0), (CAIZHENG, 2015, 44.0), (CAIZHENG, 2016, 20.0), (CAIZHENG, 2017, 18.0),
    ]  # fmt: skip
    # a department type names its one department; a county's bureau by its short name
    assert facts(reform_db, "vehicles_count", departments="科协").height == 4
    assert facts(reform_db, "vehicles_count", departments="审计局")["department"].unique().to_list() == [
        SHENJI
    ]
    with pytest.raises(UnknownNameError, match="unknown department '公安局'"):
        metric_series(reform_db, "vehicle_operation", departments=["公安局"])
    with pytest.raises(UnknownNameError, match="unknown kind '决'"):
        facts(reform_db, ["vehicle_operation"], kinds=["决"])
    with pytest.raises(UnknownNameError, match="unknown metric 'vehicle'"):
        facts(reform_db, ["vehicle"])
    with pytest.raises(UnknownNameError, match="unknown measure"):
        facts(reform_db, ["vehicle_operation"], measure="change")
    with pytest.raises(UnknownNameError, match="unknown metric"):
        execution_rates(reform_db, ["spending"])
    with pytest.raises(UnknownNameError, match="unknown kind"):
        three_public_composition(reform_db, kind="actual")
    result = reform_effects(reform_db, kind="决算", departments=["财政局", "教育局"], n_boot=50)
    assert sorted(result.frame["department"].unique()) == sorted([CAIZHENG, "廊坊市教育局"])


def test_a_printed_name_stands_for_its_department(make_db: MakeDb) -> None:
    db = make_db([Doc(KEXIE, 2017, "final", [fact("vehicle_operation", "12")], printed="市科协")])
    assert metric_series(db, "vehicle_operation", departments="市科协")["department"].to_list() == [KEXIE]


def test_lazy_frames_are_accepted_wherever_frames_are(reform_db: Store) -> None:
    series = metric_series(reform_db, "vehicle_operation")
    lazy = series.lazy()
    assert fixed_panel(lazy, years=[2016, 2017]).frame.equals(fixed_panel(series, years=[2016, 2017]).frame)
    assert panel_trend(lazy, years="best").frame.equals(panel_trend(series, years="best").frame)
    assert panel_years(lazy) == panel_years(series)
    assert year_on_year(lazy).equals(year_on_year(series))
    assert index_to(lazy, 2016).equals(index_to(series, 2016))
    assert cagr(lazy).equals(cagr(series))
    assert rank_departments(lazy).equals(rank_departments(series))
    assert flag_outliers(year_on_year(series).lazy()).height == series.height
    assert to_float(facts(reform_db, ["vehicle_operation"]).lazy())["value"].dtype == pl.Float64
    with pytest.raises(UnknownNameError, match="a series needs the column"):
        fixed_panel(series.drop("value").lazy())


def test_results_show_in_a_notebook(reform_db: Store) -> None:
    panel = fixed_panel(metric_series(reform_db, "vehicle_operation"), years=range(2014, 2018))
    page = panel._repr_html_()
    assert page.count("<table") == 1
    assert panel.describe_zh() in page and "未纳入：廊坊市民政局" in page
    assert repr(panel).startswith("<PanelResult fixed panel: 4 departments")
    reform = reform_effects(reform_db, n_boot=50)
    page = reform._repr_html_()
    assert reform.describe_zh() in page and page.count("<table") == 3  # pooled, did, left out
    assert "廊坊市民政局" in page

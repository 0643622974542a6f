"""The vehicle reform: reform years from documents and the reference, before/after on a fixed panel,
pooled changes with a seeded bootstrap, and a difference-in-differences against not-yet-reformed
departments. Expected values are worked out by hand from `reform_corpus()` in conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from analytics.analysis import (
    reform_effects,
    reform_reference,
    reform_years,
    stated_reform_years,
)
from analytics.load import Store
from tests.analysis.builders import Doc, fact

MakeDb = Callable[[list[Doc]], Store]


def test_reference_defaults_follow_the_national_schedule() -> None:
    defaults = reform_reference().filter(pl.col("province") == "*")
    assert dict(defaults.select("level", "reform_year").rows()) == {
        "central": 2015,
        "province": 2016,
        "prefecture": 2016,
        "county": 2017,
    }


def test_reform_years_from_documents_then_the_reference(reform_db: Store) -> None:
    years = reform_years(reform_db)
    assert years.select("department", "level", "stated_year", "reform_year", "source").rows() == [
        ("三河市审计局", "county", None, 2017, "reference"),
        ("廊坊市教育局", "prefecture", None, 2016, "reference"),
        ("廊坊市民政局", "prefecture", None, 2016, "reference"),
        ("廊坊市科学技术协会", "prefecture", 2017, 2017, "document"),
        ("廊坊市财政局", "prefecture", 2016, 2016, "document"),
    ]
    ignored = reform_years(reform_db, from_documents=False)
    assert ignored.filter(pl.col("department") == "廊坊市科学技术协会")["reform_year"][0] == 2016


def test_a_province_row_overrides_the_default(reform_db: Store, tmp_path: Path) -> None:
    reference = tmp_path / "reform.csv"
    reference.write_text(
        "province,level,reform_year,note\n*,prefecture,2016,\n河北省,county,2016,local\n", encoding="utf-8"
    )
    years = reform_years(reform_db, reference=reference)
    assert years.filter(pl.col("department") == "三河市审计局")["reform_year"][0] == 2016


def test_only_stated_figures_date_the_reform(make_db: MakeDb) -> None:
    """A derived prior-year amount carries the next year's sentence: it must not date the reform."""
    sentence = "公务用车运行维护费比上年减少5万元，主要原因是公车改革车辆减少"
    db = make_db(
        [
            Doc("廊坊市财政局", 2017, "final", [
                fact("vehicle_operation", "-5", measure="yoy_change", reason="公车改革车辆减少", quote=sentence),
                fact("vehicle_operation", "25", 2016, basis="derived", quote=sentence),
            ]),
            Doc("廊坊市财政局", 2019, "final", [fact("vehicle_operation", "18", quote="因车改后车辆减少")]),
        ]
    )  # fmt: skip
    stated = stated_reform_years(db)
    assert stated.select("department", "stated_year", "stated_reason").rows() == [
        ("廊坊市财政局", 2017, "公车改革车辆减少")
    ]


def test_before_and_after_per_department(reform_db: Store) -> None:
    result = reform_effects(reform_db, n_boot=200)
    vehicles = result.frame.filter(pl.col("metric") == "vehicle_operation").sort("department")
    assert vehicles.select("department", "reform_year", "before", "after", "n_before", "n_after").rows() == [
        ("三河市审计局", 2017, 10.0, 5.0, 2, 1),
        ("廊坊市教育局", 2016, 30.0, 15.0, 2, 2),
        ("廊坊市科学技术协会", 2017, 23.0, 12.0, 2, 1),
        ("廊坊市财政局", 2016, 42.0, 19.0, 2, 2),
    ]
    assert vehicles["change_pct"].to_list() == pytest.approx([-50.0, -50.0, -11 / 23 * 100, -23 / 42 * 100])
    # 科协 states no personnel costs: basic expenditure stands in
    personnel = result.frame.filter(pl.col("metric") == "expenditure_personnel")
    assert (
        dict(personnel.select("department", "measured_by").rows())["廊坊市科学技术协会"]
        == "expenditure_basic"
    )
    assert (personnel["change"] > 0).all()


def test_departments_without_enough_years_are_left_out_and_counted(reform_db: Store) -> None:
    result = reform_effects(reform_db, n_boot=200)
    assert result.excluded == 1
    assert result.excluded_departments == ("廊坊市民政局",)
    left_out = result.departments.filter(~pl.col("in_panel"))
    assert set(left_out["excluded_because"]) == {"vehicle_operation: too few figures before the reform"}
    assert set(left_out["excluded_because_zh"]) == {"公务用车运行维护费：改革前数据不足"}
    assert result.frame["excluded_because_zh"].is_null().all()
    assert "4 departments" in result.describe() and "1 left out" in result.describe()
    assert result.describe_zh() == (
        "比较 4 个部门在各自公车改革年度之前 2 年与改革年度起 2 年的决算数据的平均值（固定面板），"
        "1 个部门因缺少改革年度或数据不足未纳入。"
    )
    # requiring both window years on each side drops 科协 and 审计 too (one year after their 2017 reform)
    assert reform_effects(reform_db, min_years=2, n_boot=200).excluded == 3


def test_pooled_change_with_a_deterministic_bootstrap(reform_db: Store) -> None:
    first = reform_effects(reform_db, n_boot=500, seed=7)
    again = reform_effects(reform_db, n_boot=500, seed=7)
    other = reform_effects(reform_db, n_boot=500, seed=8)
    row = first.pooled.filter(pl.col("metric") == "vehicle_operation").row(0, named=True)
    expected = (-50.0 - 50.0 - 11 / 23 * 100 - 23 / 42 * 100) / 4
    assert row["departments"] == 4
    assert row["mean_change_pct"] == pytest.approx(expected)
    assert row["ci_low"] <= expected <= row["ci_high"]
    assert row["total_change_pct"] == pytest.approx((51 / 105 - 1) * 100)
    assert row["share_decreased"] == 1.0
    assert first.pooled.equals(again.pooled)
    assert not first.pooled.equals(other.pooled)
    personnel = first.pooled.filter(pl.col("metric") == "expenditure_personnel").row(0, named=True)
    assert personnel["mean_change_pct"] > 0


def test_difference_in_differences_against_departments_not_yet_reformed(reform_db: Store) -> None:
    did = reform_effects(reform_db, n_boot=300).did.filter(pl.col("metric") == "vehicle_operation")
    # cohort 2016 (财政 44->20, 教育 30->15) against 2017 reformers (科协 22->24, 审计 10->10), 2015 -> 2016;
    # the 2017 cohort has nobody left to compare with, so only 2016 and the pooled row remain
    assert did["cohort"].to_list() == [2016, None]
    row = did.row(0, named=True)
    treated = (-24 / 44 * 100 - 50.0) / 2
    control = (2 / 22 * 100 + 0.0) / 2
    assert (row["treated"], row["control"]) == (2, 2)
    assert row["treated_change_pct"] == pytest.approx(treated)
    assert row["control_change_pct"] == pytest.approx(control)
    assert row["did_pp"] == pytest.approx(treated - control)
    assert row["ci_low"] <= row["did_pp"] <= row["ci_high"]
    assert did.row(1, named=True)["did_pp"] == pytest.approx(treated - control)


def test_series_carry_relative_years(reform_db: Store) -> None:
    series = reform_effects(reform_db, n_boot=100).series
    caizheng = series.filter(
        (pl.col("department") == "廊坊市财政局") & (pl.col("metric") == "vehicle_operation")
    )
    assert caizheng.select("year", "relative_year", "period").rows() == [
        (2014, -2, "before"),
        (2015, -1, "before"),
        (2016, 0, "after"),
        (2017, 1, "after"),
    ]


def test_bad_arguments(reform_db: Store) -> None:
    with pytest.raises(ValueError, match="window"):
        reform_effects(reform_db, window=0)
    with pytest.raises(ValueError, match="unknown metric"):
        reform_effects(reform_db, metrics=["cars"])

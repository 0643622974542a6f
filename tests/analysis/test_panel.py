"""Fixed panels: departments missing a year are left out, and the result says how many."""

from __future__ import annotations

import polars as pl
import pytest

from analytics.analysis import fixed_panel, metric_series, panel_trend
from analytics.load import Store


def test_fixed_panel_leaves_out_departments_missing_a_year(reform_db: Store) -> None:
    series = metric_series(reform_db, "vehicle_operation")
    panel = fixed_panel(series, years=range(2014, 2018))
    assert panel.excluded == 1
    assert panel.excluded_departments == ("廊坊市民政局",)
    assert panel.included == 4
    assert set(panel.frame["department"]) == set(panel.departments)
    # over 2016-2017 everybody is present
    assert fixed_panel(series, years=[2016, 2017]).excluded == 0


def test_panel_trend_sums_the_panel_only(reform_db: Store) -> None:
    trend = panel_trend(metric_series(reform_db, "vehicle_operation"), years=range(2014, 2018))
    # 财政 40/44/20/18, 科协 20/22/24/12, 教育 30/30/15/15, 审计 10/10/10/5; 民政 (from 2016) is left out
    assert trend.frame.select("year", "departments", "value").rows() == [
        (2014, 4, 100.0),
        (2015, 4, 106.0),
        (2016, 4, 69.0),
        (2017, 4, 50.0),
    ]
    assert trend.frame["index"].to_list() == pytest.approx([100.0, 106.0, 69.0, 50.0])
    assert trend.frame["change_pct"][1] == pytest.approx(6.0)
    assert trend.describe() == "fixed panel: 4 departments present in every year 2014–2017; 1 left out"
    assert trend.describe_zh() == "固定样本：2014–2017年每年均有数据的4个部门（另有1个部门未纳入）"


def test_panel_trend_by_group(reform_db: Store) -> None:
    trend = panel_trend(
        metric_series(reform_db, "vehicle_operation"), years=[2016, 2017], by=["department_type"]
    )
    assert trend.excluded == 0
    civil = trend.frame.filter(pl.col("department_type") == "民政")
    assert civil.select("year", "value").rows() == [(2016, 30.0), (2017, 12.0)]

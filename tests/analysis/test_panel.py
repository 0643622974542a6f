"""Fixed panels: departments missing a year are left out, and the result says how many; which years a
panel should span; sums that do not depend on the order of the rows."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from analytics.analysis import fixed_panel, metric_series, panel_trend, panel_years
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


def presence(rows: dict[str, list[int]], metric: str = "vehicle_operation") -> pl.DataFrame:
    """A series frame with a value for each department in each of its years."""
    pairs = [(d, y) for d, years in rows.items() for y in years]
    return pl.DataFrame(
        {
            "department": [d for d, _ in pairs],
            "metric": [metric] * len(pairs),
            "year": [y for _, y in pairs],
            "value": [1.0] * len(pairs),
        },
        schema_overrides={"year": pl.Int32},
    )


@pytest.mark.parametrize(
    ("years_of", "expected"),
    [
        # one department missing 2014 would empty a panel over every year: 2015-2017 keeps both (6)
        ({"a": [2014, 2015, 2016, 2017], "b": [2015, 2016, 2017]}, (2015, 2016, 2017)),
        # a first year that only one department reaches back to: 2016-2017 keeps three (6 > 2014-2017's 4)
        ({"a": [2014, 2015, 2016, 2017], "b": [2016, 2017], "c": [2016, 2017]}, (2016, 2017)),
        # a gap splits the runs: 2014-2015 and 2017-2018 keep 2 x 2 each; the later wins the tie
        ({"a": [2014, 2015, 2017, 2018], "b": [2014, 2015, 2017, 2018]}, (2017, 2018)),
        # a single department: all of its run
        ({"a": [2019]}, (2019,)),
        ({}, ()),
    ],
)
def test_panel_years_keeps_the_most_department_years(
    years_of: dict[str, list[int]], expected: tuple[int, ...]
) -> None:
    assert panel_years(presence(years_of)) == expected


def test_panel_years_needs_every_metric_of_the_frame() -> None:
    # b and c state running costs every year but their "三公" total only from 2016: for both metrics
    # 2016-2017 keeps three departments (6 department-years), 2014-2017 only a (4)
    every = [2014, 2015, 2016, 2017]
    series = pl.concat(
        [
            presence({"a": every, "b": every, "c": every}),
            presence({"a": every, "b": [2016, 2017], "c": [2016, 2017]}, "three_public_total"),
        ]
    )
    assert panel_years(series) == (2016, 2017)
    assert panel_years(series.filter(pl.col("metric") == "vehicle_operation")) == (2014, 2015, 2016, 2017)


def test_years_best_uses_panel_years(reform_db: Store) -> None:
    series = metric_series(reform_db, "vehicle_operation")
    # 4 departments x 2014-2017 (16) beat 5 departments x 2016-2017 (10)
    assert panel_years(series) == (2014, 2015, 2016, 2017)
    best, given = fixed_panel(series, years="best"), fixed_panel(series, years=range(2014, 2018))
    assert (best.years, best.departments, best.excluded_departments) == (
        given.years,
        given.departments,
        ("廊坊市民政局",),
    )
    assert best.frame.equals(given.frame)
    assert panel_trend(series, years="best").frame.equals(panel_trend(series, years=range(2014, 2018)).frame)
    # without 2014-2015 of 财政 and 科协, every year (None) keeps 2 departments x 4 years (8);
    # "best" keeps all five over 2016-2017 (10)
    late = pl.col("department").is_in(["廊坊市财政局", "廊坊市科学技术协会"])
    gappy = series.filter(~late | (pl.col("year") >= 2016))
    assert fixed_panel(gappy).included == 2
    assert (fixed_panel(gappy, years="best").years, fixed_panel(gappy, years="best").included) == (
        (2016, 2017),
        5,
    )


def test_years_must_be_years_none_or_best(reform_db: Store) -> None:
    with pytest.raises(ValueError, match="'best'"):
        fixed_panel(metric_series(reform_db, "vehicle_operation"), years="all")  # type: ignore[arg-type]


def test_panel_trend_gives_the_same_bits_on_every_run() -> None:
    """polars sums a large group's Float64 values in threads, in an order that varies: a plain
    `sum()` over these 300,000 rows gives a different last digit in about half the runs. The sums are
    exact, so every run, and every order of the rows, gives the same frame, bit for bit."""
    departments = 150_000
    series = pl.DataFrame({"i": pl.int_range(departments * 2, eager=True)}).select(
        ("d" + (pl.col("i") // 2).cast(pl.String)).alias("department"),
        pl.lit("vehicle_operation").alias("metric"),
        (2016 + pl.col("i") % 2).cast(pl.Int32).alias("year"),
        ((pl.col("i") * 7919 % 100003) / 10_000 + 0.1).round(4).alias("value"),
    )
    first = panel_trend(series).frame
    for seed in range(3):
        assert_frame_equal(panel_trend(series).frame, first, check_exact=True)
        shuffled = series.sample(fraction=1.0, shuffle=True, seed=seed)
        assert_frame_equal(panel_trend(shuffled).frame, first, check_exact=True)
    # the total is the exact decimal sum, rounded to Float64 once
    exact = sum(Decimal(f"{v:.4f}") for v in series.filter(pl.col("year") == 2016)["value"])
    assert first["value"][0] == float(exact)
    assert first["departments"][0] == departments

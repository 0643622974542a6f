"""Integration: the analyses on the bundled samples find what the corpus's truth says
(data/samples/README.md, "Planted effects"): the reform years, the direction of every change around
them, and the shift of 科协's science-popularisation lines towards 2060702 科普活动; and that the
analyses that add departments up give the same bits on every run."""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable, Iterator

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from analytics.analysis import (
    execution_rates,
    flag_outliers,
    metric_series,
    panel_trend,
    reform_effects,
    reform_years,
    science_activities,
    science_lines,
    science_shift,
    three_public_composition,
)
from analytics.load import Store, open_store
from tests.analysis.samples import SAMPLES, samples_database

# data/samples/README.md: "Vehicle reform (2016; 科协 and 民政 2017)"
REFORM_YEARS = {
    "廊坊市科学技术协会": 2017,
    "廊坊市教育局": 2016,
    "廊坊市财政局": 2016,
    "廊坊市审计局": 2016,
    "廊坊市民政局": 2017,
}
KEXIE = "廊坊市科学技术协会"


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(samples_database(tmp_path_factory), read_only=True) as store:
        yield store


def test_reform_years_are_the_planted_ones(samples: Store) -> None:
    years = dict(reform_years(samples).select("department", "reform_year").rows())
    for department, year in REFORM_YEARS.items():
        assert years[department] == year, department
    # every one of them is dated by its own documents (主要原因是公车改革车辆减少)
    sources = dict(reform_years(samples).select("department", "source").rows())
    assert {sources[d] for d in REFORM_YEARS} == {"document"}


def test_reform_cuts_costs_and_fleets_and_raises_personnel_costs(samples: Store) -> None:
    result = reform_effects(samples, seed=0)
    panel = set(result.frame["department"])
    assert set(REFORM_YEARS) <= panel
    by_metric = {m: result.frame.filter(pl.col("metric") == m) for m in result.metrics}
    # running costs fall to 38-55 % of the year before the reform: every department cuts them by a third or more
    assert (by_metric["vehicle_operation"]["change_pct"] < -30).all()
    assert (by_metric["vehicles_count"]["change"] < 0).all()
    assert (by_metric["three_public_total"]["change"] < 0).all()
    assert (by_metric["expenditure_personnel"]["change"] > 0).all()
    pooled = {row["metric"]: row for row in result.pooled.iter_rows(named=True)}
    assert pooled["vehicle_operation"]["ci_high"] < -30
    assert pooled["expenditure_personnel"]["ci_low"] > 0
    # the 2016 cohort against the 2017 reformers (科协, 民政), 2015 -> 2016
    did = result.did.filter((pl.col("metric") == "vehicle_operation") & (pl.col("cohort") == 2016)).row(
        0, named=True
    )
    assert did["control"] == 2
    assert did["did_pp"] < -30 and did["ci_high"] < 0


def test_science_popularisation_shifts_to_2060702(samples: Store) -> None:
    truth = [row for row in csv.DictReader((SAMPLES / "truth_budget_lines.csv").open(encoding="utf-8"))
             if KEXIE in row["path"] and row["kind"] == "budget" and row["code"] in ("2060702", "2060799")]  # fmt: skip
    true_share = {}
    for year in {int(r["year"]) for r in truth}:
        amounts = {r["code"]: float(r["total"]) for r in truth if int(r["year"]) == year}
        true_share[year] = amounts["2060702"] / (amounts["2060702"] + amounts["2060799"]) * 100
    lines = science_lines(samples).filter(
        (pl.col("department") == KEXIE) & pl.col("code").is_in(["2060702", "2060799"])
    )
    found = lines.pivot(on="code", index="year", values="total").drop_nulls().sort("year")
    assert found.height >= 2, "科协's 20607 lines should be extracted for at least two years"
    for year, kepu, other in found.select("year", "2060702", "2060799").iter_rows():
        assert kepu / (kepu + other) * 100 == pytest.approx(true_share[year], abs=0.01), year
    first, last = found["year"][0], found["year"][-1]
    shift = science_shift(samples, first, last, by_department=True).frame.filter(
        pl.col("department") == KEXIE
    )
    direction = dict(shift.select("code", "direction").rows())
    assert direction["2060702"] == "gained"
    assert direction["2060799"] == "lost"


def test_science_activity_budget_grows_from_30_to_100(samples: Store) -> None:
    activities = science_activities(samples).filter(
        (pl.col("department") == KEXIE) & (pl.col("activity") == "科学技术普及")
    )
    budgets = dict(activities.select("year", "budget").rows())
    assert budgets[2014] == 30.0
    assert budgets[2023] == 100.0


def test_the_execution_outlier_stands_out(samples: Store) -> None:
    """民政局 2020 final accounts: project spending 2.85 times its budget (truth_checks.csv, severity info)."""
    rates = flag_outliers(execution_rates(samples, ["expenditure_project"]), "rate_pct", within=["metric"])
    outliers = rates.filter(pl.col("outlier")).select("department", "year").rows()
    assert outliers == [("廊坊市民政局", 2020)]


def frames_of(result: object) -> dict[str, pl.DataFrame]:
    """Every polars frame a result (PanelResult, ReformResult) holds, by field name."""
    return {
        f.name: value
        for f in dataclasses.fields(result)  # type: ignore[arg-type]
        if isinstance(value := getattr(result, f.name), pl.DataFrame)
    }


@pytest.mark.parametrize(
    "analysis",
    [
        lambda db: panel_trend(metric_series(db, "three_public_total"), years="best"),
        lambda db: panel_trend(metric_series(db, "vehicle_operation", kind="budget"), by=["department_type"]),
        lambda db: three_public_composition(db, years="best"),
        lambda db: science_shift(db, 2014, 2023),
        lambda db: science_shift(db, 2014, 2023, by_department=True),
        lambda db: reform_effects(db, n_boot=200),
    ],
    ids=[
        "panel_trend",
        "panel_trend_by",
        "three_public_composition",
        "science_shift",
        "science_shift_by",
        "reform_effects",
    ],
)
def test_two_runs_give_the_same_frames_bit_for_bit(
    samples: Store, analysis: Callable[[Store], object]
) -> None:
    first, second = frames_of(analysis(samples)), frames_of(analysis(samples))
    assert first and first.keys() == second.keys()
    for name, frame in first.items():
        assert frame.height, name
        assert_frame_equal(second[name], frame, check_exact=True)

"""Execution rate = final / budget for the same department, year and metric."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from analytics.analysis import execution_rates
from analytics.load import Store
from tests.analysis.builders import Doc, fact

MakeDb = Callable[[list[Doc]], Store]


def test_rates_where_both_kinds_exist(make_db: MakeDb) -> None:
    db = make_db(
        [
            Doc(
                "廊坊市民政局", 2020, "budget", [fact("expenditure_project", "1000"), fact("reception", "0")]
            ),
            Doc(
                "廊坊市民政局",
                2020,
                "final",
                [
                    fact("expenditure_project", "2850"),
                    fact("reception", "1.5"),
                    fact("expenditure_total", "5000"),
                ],
            ),
        ]
    )
    rates = execution_rates(db)
    # reception has a zero budget: reported, without a rate; expenditure_total has no budget: no row
    assert rates.select("metric", "name_zh", "budget", "final", "difference", "rate_pct", "note").rows() == [
        ("expenditure_project", "项目支出", 1000.0, 2850.0, 1850.0, pytest.approx(285.0), None),
        ("reception", "公务接待费", 0.0, 1.5, 1.5, None, "budget is zero"),
    ]
    assert execution_rates(db, ["reception"]).height == 1
    assert execution_rates(db, None).height == 2
    with pytest.raises(ValueError, match="unknown metric"):
        execution_rates(db, ["spending"])


def test_with_gaps_says_why_a_rate_is_missing(make_db: MakeDb) -> None:
    db = make_db(
        [
            Doc("廊坊市审计局", 2021, "budget", [fact("reception", "0"), fact("expenditure_project", "90")]),
            Doc("廊坊市审计局", 2021, "final", [fact("reception", "0"), fact("expenditure_total", "700")]),
        ]
    )
    rows = (
        execution_rates(db, None, with_gaps=True).select("metric", "rate_pct", "status", "status_zh").rows()
    )
    assert rows == [
        ("expenditure_project", None, "no final", "缺决算数"),
        ("expenditure_total", None, "no budget", "缺预算数"),
        ("reception", None, "zero budget", "预算为0，无法计算执行率"),
    ]
    # without gaps only the zero budget stays, without a rate
    assert execution_rates(db, None).select("metric", "rate_pct", "note").rows() == [
        ("reception", None, "budget is zero")
    ]


def test_original_and_adjusted_budgets_where_both_are_stated(make_db: MakeDb) -> None:
    """The budget document states 1000 (年初预算); the final accounts print 1200 beside the final 1150
    (the adjusted budget), and, for reception, a 年初预算 of 2 in their text."""
    db = make_db(
        [
            Doc("廊坊市民政局", 2020, "budget", [fact("expenditure_project", "1000")]),
            Doc(
                "廊坊市民政局",
                2020,
                "final",
                [
                    fact("expenditure_project", "1200", kind="budget", quote="二、项目支出 | 1200 | 1150"),
                    fact("expenditure_project", "1150", quote="二、项目支出 | 1200 | 1150"),
                    fact("reception", "2", kind="budget", quote="公务接待费年初预算2万元,决算1.8万元"),
                    fact("reception", "1.8", quote="公务接待费年初预算2万元,决算1.8万元"),
                ],
            ),
        ]
    )
    rates = execution_rates(db, ["expenditure_project", "reception"])
    columns = ("metric", "budget", "final", "rate_pct", "budget_original", "budget_adjusted",
               "rate_original_pct", "rate_adjusted_pct")  # fmt: skip
    assert rates.select(columns).rows() == [
        ("expenditure_project", 1000.0, 1150.0, pytest.approx(115.0), 1000.0, 1200.0, pytest.approx(115.0),
         pytest.approx(95.8333, abs=1e-4)),
        ("reception", 2.0, 1.8, pytest.approx(90.0), 2.0, None, pytest.approx(90.0), None),
    ]  # fmt: skip


def test_figures_that_failed_a_check_are_left_out_and_counted(make_db: MakeDb) -> None:
    from analytics.analysis.quality import FailedFiguresLeftOut
    from analytics.model import Check

    db = make_db(
        [
            Doc("廊坊市民政局", 2020, "budget", [fact("expenditure_project", "1000")]),
            Doc(
                "廊坊市民政局",
                2020,
                "final",
                [fact("expenditure_project", "2850")],
                checks=[
                    Check(
                        "sum:expenditure_total", "error", False, "…", metric="expenditure_project", year=2020
                    )
                ],
            ),
        ]
    )
    with pytest.warns(FailedFiguresLeftOut, match="execution_rates: 1 figure left out for a failed check"):
        assert execution_rates(db, ["expenditure_project"]).is_empty()
    assert execution_rates(db, ["expenditure_project"], include_failed=True).height == 1

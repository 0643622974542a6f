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
    # reception has a zero budget and expenditure_total no budget: no rate for them
    assert rates.select("metric", "name_zh", "budget", "final", "difference", "rate_pct").rows() == [
        ("expenditure_project", "项目支出", 1000.0, 2850.0, 1850.0, pytest.approx(285.0)),
    ]
    assert execution_rates(db, ["reception"]).is_empty()
    assert execution_rates(db, None).height == 1
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
    assert execution_rates(db, None).is_empty()

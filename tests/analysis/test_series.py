"""Series: stated / derived / filled figures, year-on-year changes without bridging gaps, index, CAGR, shares."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from analytics.analysis import cagr, index_to, metric_series, share_of_parent, year_on_year
from analytics.load import Store
from tests.analysis.builders import Doc, fact

MakeDb = Callable[[list[Doc]], Store]
DEPT = "廊坊市财政局"


def test_basis_says_stated_derived_or_filled(make_db: MakeDb) -> None:
    db = make_db(
        [
            # 2017 states its amount and the change: the extractor derived 2016 from it
            Doc(
                DEPT,
                2017,
                "final",
                [
                    fact("vehicle_operation", "20"),
                    fact("vehicle_operation", "-5", measure="yoy_change"),
                    fact("vehicle_operation", "25", 2016, basis="derived"),
                ],
            ),
            # 2019 states an amount and a percentage only: 2018 is filled here (24 / 1.2 = 20)
            Doc(
                DEPT,
                2019,
                "final",
                [fact("vehicle_operation", "24"), fact("vehicle_operation", "20", measure="yoy_pct")],
            ),
        ]
    )
    series = metric_series(db, "vehicle_operation")
    assert series.select("year", "value", "basis").rows() == [
        (2016, 25.0, "derived"),
        (2017, 20.0, "stated"),
        (2018, 20.0, "filled"),
        (2019, 24.0, "stated"),
    ]
    assert metric_series(db, "vehicle_operation", fill=False)["basis"].to_list() == [
        "derived",
        "stated",
        "stated",
    ]
    assert metric_series(db, "vehicle_operation", years=[2017])["year"].to_list() == [2017]


def test_fallback_kind_fills_years_with_the_other_kinds_figure(make_db: MakeDb) -> None:
    db = make_db(
        [
            Doc(DEPT, 2016, "final", [fact("vehicles_count", "10")]),
            Doc(
                DEPT, 2018, "budget", [fact("vehicles_count", "4", 2017)]
            ),  # a budget states the prior year-end count
        ]
    )
    series = metric_series(db, "vehicles_count", kind="final", fallback_kind="budget")
    assert series.select("year", "value", "kind", "source_kind").rows() == [
        (2016, 10.0, "final", "final"),
        (2017, 4.0, "final", "budget"),
    ]


def test_unknown_metric_is_an_error(reform_db: Store) -> None:
    with pytest.raises(ValueError, match="unknown metric"):
        metric_series(reform_db, "vehicle_costs")


def test_year_on_year_does_not_bridge_gaps() -> None:
    series = pl.DataFrame(
        {
            "department": ["a"] * 3,
            "metric": ["m"] * 3,
            "kind": ["final"] * 3,
            "year": [2014, 2015, 2017],
            "value": [10.0, 12.0, 6.0],
        },
        schema_overrides={"year": pl.Int32},
    )
    changes = year_on_year(series)
    assert changes.select("year", "prior_value", "change", "change_pct").rows() == [
        (2014, None, None, None),
        (2015, 10.0, 2.0, pytest.approx(20.0)),
        (2017, None, None, None),
    ]


def test_index_and_cagr(reform_db: Store) -> None:
    series = metric_series(reform_db, "vehicle_operation", departments=["廊坊市财政局"])
    assert index_to(series, 2014)["index"].to_list() == pytest.approx([100.0, 110.0, 50.0, 45.0])
    growth = cagr(series, 2014, 2017)
    assert growth.select("start_value", "end_value").rows() == [(40.0, 18.0)]
    assert growth["cagr_pct"][0] == pytest.approx(((18 / 40) ** (1 / 3) - 1) * 100)
    with pytest.raises(ValueError, match="after start"):
        cagr(series, 2017, 2014)


def test_share_of_parent_uses_the_vocabulary_parent(make_db: MakeDb) -> None:
    db = make_db([Doc(DEPT, 2017, "final", [fact("vehicle_operation", "15"), fact("vehicle_total", "20")])])
    share = share_of_parent(db, "vehicle_operation")
    assert share.select("parent", "value", "parent_value", "share_pct").rows() == [
        ("vehicle_total", 15.0, 20.0, 75.0)
    ]
    with pytest.raises(ValueError, match="no parent"):
        share_of_parent(db, "three_public_total")

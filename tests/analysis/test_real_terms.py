"""Real terms (the national CPI, chained) and per-staff figures."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from analytics.analysis import cpi, deflate, metric_series, per_staff, staff_counts
from analytics.load import Store
from analytics.reference import read_csv
from tests.analysis.builders import Doc, fact

MakeDb = Callable[[list[Doc]], Store]


def test_the_cpi_reference_names_its_source_and_covers_the_disclosure_years() -> None:
    rows = read_csv("cpi.csv")
    assert all("国家统计局" in r["source"] and "上年=100" in r["source"] for r in rows)
    years = [int(r["year"]) for r in rows]
    assert years == list(range(2000, 2025))
    # the figures the statistical communiqués give: 2015 +1.4 %, 2020 +2.5 %, 2023 +0.2 %
    index = dict(cpi().select("year", "cpi").rows())
    assert (index[2015], index[2020], index[2023]) == (101.4, 102.5, 100.2)


def test_the_level_is_the_chained_index() -> None:
    levels = dict(cpi().select("year", "level").rows())
    assert levels[2000] == 100.0
    assert levels[2002] == pytest.approx(100 * 1.007 * 0.992)


def test_deflate_to_a_base_year() -> None:
    frame = pl.DataFrame(
        {
            "year": [2014, 2015, 2016, 2017],
            "metric": ["reception", "reception", "vehicles_count", "reception"],
            "measure": ["amount", "amount", "amount", "yoy_pct"],
            "value": [100.0, 100.0, 5.0, 3.0],
        }
    )
    real = deflate(frame, base_year=2015)
    assert real["price_index"].to_list() == pytest.approx([100 / 1.014, 100.0, 102.0, 102.0 * 1.016])
    # 2014's 100 is worth 101.4 in 2015 prices; a count and a percentage are not money
    assert real["value_real"].to_list() == pytest.approx([101.4, 100.0, None, None], nan_ok=True)


def test_deflate_refuses_a_base_year_the_index_lacks() -> None:
    with pytest.raises(ValueError, match="base_year 1990 is not in the price index"):
        deflate(pl.DataFrame({"year": [2015], "value": [1.0]}), base_year=1990)
    with pytest.raises(ValueError, match="no column 'value_real'"):
        deflate(pl.DataFrame({"year": [2015], "value": [1.0]}), base_year=2015, columns=["value_real"])


def test_deflate_takes_another_index() -> None:
    mine = pl.DataFrame({"year": [2019, 2020], "cpi": [100.0, 110.0]})
    real = deflate(pl.DataFrame({"year": [2019, 2020], "value": [10.0, 11.0]}), base_year=2019, series=mine)
    assert real["value_real"].to_list() == pytest.approx([10.0, 10.0])
    with pytest.raises(ValueError, match="without gaps"):
        cpi(pl.DataFrame({"year": [2019, 2021], "cpi": [100.0, 101.0]}))


def test_per_staff_takes_staff_in_post_of_the_same_kind_first(make_db: MakeDb) -> None:
    db = make_db(
        [
            Doc("廊坊市审计局", 2019, "budget", [fact("staff_actual", 40), fact("staff_authorised", 45)]),
            Doc("廊坊市审计局", 2019, "final", [fact("three_public_total", 20), fact("staff_actual", 38)]),
            Doc("廊坊市审计局", 2020, "final", [fact("three_public_total", 18)]),
            Doc("廊坊市审计局", 2020, "budget", [fact("staff_authorised", 36)]),
            Doc("廊坊市民政局", 2019, "final", [fact("three_public_total", 30)]),
        ]
    )
    staff = staff_counts(db)
    assert staff.rows() == [
        ("廊坊市审计局", 2019, "budget", 40.0, 45.0),
        ("廊坊市审计局", 2019, "final", 38.0, None),
        ("廊坊市审计局", 2020, "budget", None, 36.0),
    ]
    series = metric_series(db, "three_public_total")
    out = per_staff(series, staff).select(
        "department", "year", "value", "staff", "staff_metric_used", "staff_kind", "value_per_staff"
    )
    assert out.rows() == [
        ("廊坊市审计局", 2019, 20.0, 38.0, "staff_actual", "final", pytest.approx(20 / 38)),
        ("廊坊市审计局", 2020, 18.0, 36.0, "staff_authorised", "budget", pytest.approx(0.5)),
        ("廊坊市民政局", 2019, 30.0, None, None, None, None),
    ]


def test_per_staff_needs_the_columns() -> None:
    with pytest.raises(ValueError, match="no column 'value'"):
        per_staff(pl.DataFrame({"department": ["a"], "year": [2019]}), pl.DataFrame())

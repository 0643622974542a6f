"""The change between any two years."""

from __future__ import annotations

import polars as pl
import pytest

from analytics.analysis import change


def series() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "department": ["a", "a", "a", "b", "b", "c"],
            "metric": ["vehicle_operation"] * 6,
            "kind": ["final"] * 6,
            "year": [2014, 2016, 2019, 2014, 2019, 2019],
            "value": [40.0, 30.0, 20.0, 0.0, 5.0, 7.0],
            "quality": ["ok", "ok", "corrected", "ok", "ok", "ok"],
        }
    )


def test_change_between_two_years_skips_what_lies_between() -> None:
    out = change(series(), 2014, 2019)
    assert out.columns == [
        "department", "metric", "kind", "from_year", "to_year", "from_value", "to_value", "change",
        "change_pct", "from_quality", "to_quality",
    ]  # fmt: skip
    # c has no 2014 value: no row; b's change from zero has no percentage
    assert out.select(
        "department", "from_value", "to_value", "change", "change_pct", "to_quality"
    ).rows() == [
        ("a", 40.0, 20.0, -20.0, -50.0, "corrected"),
        ("b", 0.0, 5.0, 5.0, None, "ok"),
    ]


def test_change_backwards_and_on_another_column() -> None:
    frame = series().with_columns((pl.col("value") * 2).alias("value_real"))
    out = change(frame, 2019, 2014, value="value_real")
    assert out.filter(pl.col("department") == "a")["change_pct"].to_list() == [pytest.approx(100.0)]


def test_change_refuses_what_it_cannot_tell_apart() -> None:
    with pytest.raises(ValueError, match="same year"):
        change(series(), 2014, 2014)
    with pytest.raises(ValueError, match="several rows per series"):
        change(series(), 2014, 2019, keys=["metric"])
    with pytest.raises(ValueError, match="no column 'value_real'"):
        change(series(), 2014, 2019, value="value_real")

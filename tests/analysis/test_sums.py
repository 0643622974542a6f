"""Exact sums: the same bits whatever the order in which polars' threads add the values."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from analytics.analysis import exact_mean, exact_sum


def amounts(rows: int) -> pl.DataFrame:
    """Amounts in 万元 with 4 decimals, as the database holds them, in two years."""
    return pl.DataFrame({"i": pl.int_range(rows, eager=True)}).select(
        (2016 + pl.col("i") % 2).alias("year"),
        ((pl.col("i") * 7919 % 100003) / 7 + 0.1).round(4).alias("value"),
    )


def test_a_large_group_by_sums_to_the_same_bits_every_run() -> None:
    """A plain `sum()` over one key and 300,000 rows differs in its last bits in some runs."""
    frame = amounts(300_000)
    runs = {
        tuple(frame.group_by("year").agg(exact_sum("value")).sort("year")["value"].to_list())
        for _ in range(10)
    }
    assert len(runs) == 1
    exact = [
        sum(Decimal(f"{v:.4f}") for v in frame.filter(pl.col("year") == y)["value"]) for y in (2016, 2017)
    ]
    assert runs.pop() == (float(exact[0]), float(exact[1]))


@pytest.mark.parametrize(
    ("values", "total", "mean"),
    [
        ([0.1, 0.2, 0.3], 0.6, 0.2),  # a plain float sum in this order gives 0.6000000000000001
        ([0.1, None, 0.2], 0.3, 0.15000000000000002),  # null skipped, as sum() and mean()
        ([None, None], 0.0, None),  # no value: sum 0, mean null
        ([1.0, float("nan")], float("nan"), float("nan")),  # NaN is not hidden
        ([1.0, float("inf")], float("inf"), float("inf")),
    ],
)
def test_exact_sum_and_mean_treat_nulls_and_nan_as_sum_and_mean_do(
    values: list[float | None], total: float, mean: float | None
) -> None:
    frame = pl.DataFrame({"value": values}, schema={"value": pl.Float64})
    got = frame.select(exact_sum("value"), exact_mean("value").alias("mean")).row(0)
    assert got == pytest.approx((total, mean), nan_ok=True)
    assert (got[0] == total) or (total != total and got[0] != got[0])


def test_exact_sum_works_over_a_window() -> None:
    frame = pl.DataFrame({"year": [2016, 2016, 2017], "value": [0.1, 0.2, 0.3]})
    shares = frame.select(pl.col("value") / exact_sum("value").over("year") * 100)["value"].to_list()
    assert shares == pytest.approx([100 / 3, 200 / 3, 100.0])

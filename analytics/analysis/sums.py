"""Sums that give the same bits on every run.

polars adds Float64 values in whatever order its threads meet them, and floating-point addition is
not associative: the same group can sum to 69.00000000000001 in one run and 69.0 in the next. Cast to
a decimal first, the addition is integer arithmetic, which is exact in any order; the total is cast
back to Float64 once. Money enters as `DECIMAL(18,4)` and comes back unchanged from the round trip.

>>> frame = pl.DataFrame({"year": [2016, 2016, 2016], "value": [0.1, 0.2, 0.3]})
>>> frame.group_by("year").agg(exact_sum("value")).item(0, "value")
0.6
"""

from __future__ import annotations

import polars as pl

EXACT = pl.Decimal(38, 10)
"""The decimal the values are summed as: 10 places (a Float64 of 万元 has fewer that mean anything),
28 digits before the point."""


def exact_sum(column: str | pl.Expr) -> pl.Expr:
    """The sum of a Float64 column, independent of the order of additions (see the module).

    Null values are skipped and an empty sum is 0, as with `sum()`; a NaN or infinite value makes
    the sum what `sum()` gives (NaN or infinite). The result keeps the column's name.

    >>> pl.DataFrame({"value": [0.1, 0.2, None]}).select(exact_sum("value")).item()
    0.3
    """
    values = pl.col(column) if isinstance(column, str) else column
    finite = values.filter(values.is_finite())
    exact = finite.cast(EXACT).sum().cast(pl.Float64)
    return pl.when(values.is_finite().not_().any()).then(values.sum()).otherwise(exact)


def exact_mean(column: str | pl.Expr) -> pl.Expr:
    """The mean of a Float64 column from `exact_sum`; null when the column has no value, as `mean()`.

    >>> pl.DataFrame({"value": [0.5, 2.0, None]}).select(exact_mean("value")).item()
    1.25
    """
    values = pl.col(column) if isinstance(column, str) else column
    count = values.count()
    return pl.when(count > 0).then(exact_sum(values) / count)


__all__ = ["EXACT", "exact_mean", "exact_sum"]

"""The change between any two years, per series: what `year_on_year` does for consecutive years.

>>> change(metric_series(db, "vehicle_operation"), 2014, 2019)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

KEY_CANDIDATES = ("department", "department_type", "region_code", "metric", "kind", "measure")
"""The columns that identify a series, where the frame has them."""


def change(
    frame: pl.DataFrame,
    from_year: int,
    to_year: int,
    *,
    value: str = "value",
    keys: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Per series (`keys`: by default those of department, department_type, region_code, metric,
    kind and measure the frame has), the value in `from_year` and in `to_year` and the change
    between them, where both years have a value.

    Columns: the keys, from_year, to_year, from_value, to_value, change (to - from), change_pct
    (percent of |from_value|, null when it is zero), and from_quality / to_quality when the frame
    has a `quality` column. Works on any frame with a year column: a series, `deflate`'s output
    (`value="value_real"`), `per_staff`'s (`value="value_per_staff"`).

    >>> frame = pl.DataFrame({"department": ["a", "a", "a"], "year": [2014, 2015, 2019],
    ...                       "value": [40.0, 44.0, 20.0]})
    >>> change(frame, 2014, 2019).select("from_value", "to_value", "change", "change_pct").rows()
    [(40.0, 20.0, -20.0, -50.0)]
    """
    if from_year == to_year:
        raise ValueError("from_year and to_year are the same year")
    for column in ("year", value):
        if column not in frame.columns:
            raise ValueError(f"the frame has no column {column!r}")
    chosen = [k for k in KEY_CANDIDATES if k in frame.columns] if keys is None else list(keys)
    extra = ["quality"] if "quality" in frame.columns else []

    def at(year: int, side: str) -> pl.DataFrame:
        rows = frame.filter((pl.col("year") == year) & pl.col(value).is_not_null())
        if rows.select(chosen).is_duplicated().any():
            raise ValueError(
                f"several rows per series in {year}: name the columns that tell them apart with keys="
            )
        return rows.select(
            *chosen,
            pl.col(value).cast(pl.Float64).alias(f"{side}_value"),
            *(pl.col(c).alias(f"{side}_{c}") for c in extra),
        )

    joined = at(from_year, "from").join(at(to_year, "to"), on=chosen, how="inner", nulls_equal=True)
    return (
        joined.with_columns(
            pl.lit(from_year, pl.Int32).alias("from_year"),
            pl.lit(to_year, pl.Int32).alias("to_year"),
            (pl.col("to_value") - pl.col("from_value")).alias("change"),
        )
        .with_columns(
            pl.when(pl.col("from_value") != 0)
            .then(pl.col("change") / pl.col("from_value").abs() * 100)
            .alias("change_pct")
        )
        .select(
            *chosen,
            "from_year",
            "to_year",
            "from_value",
            "to_value",
            "change",
            "change_pct",
            *(f"{side}_{c}" for c in extra for side in ("from", "to")),
        )
        .sort(chosen)
    )


__all__ = ["change"]

"""The frames a trend chart draws, from a series frame: the points (with where each figure comes from),
the segments between a department's consecutive years, and the years missing inside its span.

>>> series = pl.DataFrame({"department": ["财政局"] * 3, "year": [2014, 2015, 2017],
...     "value": [40.0, 44.0, 20.0], "basis": ["stated", "derived", "stated"]})
>>> points = trend_points(series)
>>> points.select("year", "来源", "stated").rows()
[(2014, '公开数', True), (2015, '推算数', False), (2017, '公开数', True)]
>>> segments(points).select("year", "year_next", "derived").rows()
[(2014, 2015, True)]
>>> missing_years(points).rows()
[('财政局', 2016, 32.0)]
"""

from __future__ import annotations

import polars as pl

from analytics.labels import BASIS_ZH

SOURCE = "来源"
"""The column holding each point's basis in Chinese (its tooltip and the 数据来源 legend show it)."""


def _basis_label() -> pl.Expr:
    return pl.col("basis").replace_strict(BASIS_ZH, default=pl.col("basis"), return_dtype=pl.String)


def trend_points(frame: pl.DataFrame) -> pl.DataFrame:
    """One point per department and year with a value: `department`, `year` (Int32), `value`
    (Float64), `来源` (the basis in Chinese; 公开数 without a `basis` column), and `stated` (printed
    in a document, or set by a hand correction: drawn filled)."""
    return (
        frame.filter(pl.col("value").is_not_null() & pl.col("department").is_not_null())
        .select(
            "department",
            pl.col("year").cast(pl.Int32),
            pl.col("value").cast(pl.Float64),
            (_basis_label() if "basis" in frame.columns else pl.lit(BASIS_ZH["stated"])).alias(SOURCE),
        )
        .with_columns(pl.col(SOURCE).is_in([BASIS_ZH["stated"], BASIS_ZH["corrected"]]).alias("stated"))
        .unique(["department", "year"], keep="first")
        .sort("department", "year")
    )


def segments(points: pl.DataFrame) -> pl.DataFrame:
    """One row per pair of consecutive years of a department: where its line is drawn."""
    following = points.select(
        "department",
        (pl.col("year") - 1).alias("year"),
        pl.col("year").alias("year_next"),
        pl.col("value").alias("value_next"),
        pl.col("stated").alias("stated_next"),
    )
    return (
        points.join(following, on=["department", "year"], how="inner")
        .with_columns((~(pl.col("stated") & pl.col("stated_next"))).alias("derived"))
        .select("department", "year", "year_next", "value", "value_next", "derived")
    )


def missing_years(points: pl.DataFrame) -> pl.DataFrame:
    """The years without a value between a department's first and last year, each placed on the
    straight line between the years around it (where the line would run: the gap stays a gap)."""
    spans = points.group_by("department").agg(
        pl.col("year").min().alias("first"), pl.col("year").max().alias("last")
    )
    every = spans.select(
        "department", pl.int_ranges("first", pl.col("last") + 1, dtype=pl.Int32).alias("year")
    ).explode("year")
    gaps = every.join(points.select("department", "year"), on=["department", "year"], how="anti")
    if gaps.is_empty():
        return gaps.with_columns(pl.lit(None, pl.Float64).alias("value"))
    known = points.select("department", "year", "value").sort("year")
    before = known.rename({"year": "year_before", "value": "value_before"})
    after = known.rename({"year": "year_after", "value": "value_after"})
    placed = (
        gaps.sort("year")
        .join_asof(
            before,
            left_on="year",
            right_on="year_before",
            by="department",
            strategy="backward",
            check_sortedness=False,
        )
        .join_asof(
            after,
            left_on="year",
            right_on="year_after",
            by="department",
            strategy="forward",
            check_sortedness=False,
        )
    )
    share = (pl.col("year") - pl.col("year_before")) / (pl.col("year_after") - pl.col("year_before"))
    return placed.select(
        "department",
        "year",
        (pl.col("value_before") + (pl.col("value_after") - pl.col("value_before")) * share).alias("value"),
    ).sort("department", "year")


__all__ = ["SOURCE", "missing_years", "segments", "trend_points"]

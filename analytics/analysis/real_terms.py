"""Real terms and per-staff figures: money deflated by the national consumer price index, and
divided by the department's staff.

**The price index.** `data/reference/cpi.csv` holds the national 居民消费价格指数 (CPI), annual, with
the previous year = 100, as the National Bureau of Statistics (国家统计局) publishes it in the China
Statistical Yearbook (《中国统计年鉴》, prices chapter) and in each year's statistical communiqué
(《国民经济和社会发展统计公报》: 全年居民消费价格比上年上涨…). `cpi()` chains it into a price level;
`deflate(frame, base_year=2015)` expresses money in `base_year` prices:

    value_real = value x level(base_year) / level(year)

Only money is deflated: counts, percentages and changes (`yoy_change`, `yoy_pct`) get null, as do
years the series does not cover. Edit the CSV to extend it (or pass `series=`); a regional CPI can be
passed the same way.

**Per staff.** `staff_counts(db)` gives each department-year's staff (`staff_actual` 实有人数 and
`staff_authorised` 编制人数, see `analytics.extract.staff`); `per_staff(frame, staff)` divides a money
column by them: 万元 per person.

>>> real = deflate(metric_series(db, "three_public_total"), base_year=2015)  # doctest: +SKIP
>>> per_staff(real, staff_counts(db), value="value_real")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import polars as pl

from analytics.analysis.frames import facts, to_float
from analytics.analysis.quality import exclude_failed
from analytics.load import Store
from analytics.reference import metrics, read_csv

CPI_FILE = "cpi.csv"
CPI_SOURCE = (
    "国家统计局 居民消费价格指数（上年=100），《中国统计年鉴》价格章与各年《国民经济和社会发展统计公报》"
)
STAFF_METRICS = ("staff_actual", "staff_authorised")


@cache
def _cpi_rows() -> tuple[tuple[int, float], ...]:
    return tuple((int(r["year"]), float(r["cpi_prior_year_100"])) for r in read_csv(CPI_FILE))


def cpi(series: pl.DataFrame | None = None) -> pl.DataFrame:
    """The price index by year: year, cpi (previous year = 100), level (the first year = 100, chained).

    `series` is another index of the same shape (columns year and cpi); default: the national CPI of
    data/reference/cpi.csv. Raises ValueError when its years are not consecutive.

    >>> cpi().filter(pl.col("year").is_in([2015, 2016])).select("year", "cpi").rows()
    [(2015, 101.4), (2016, 102.0)]
    """
    frame = (
        pl.DataFrame(_cpi_rows(), schema={"year": pl.Int32, "cpi": pl.Float64}, orient="row")
        if series is None
        else series.select(pl.col("year").cast(pl.Int32), pl.col("cpi").cast(pl.Float64))
    ).sort("year")
    years = frame["year"].to_list()
    if years and years != list(range(years[0], years[0] + len(years))):
        raise ValueError("the price index needs one value for every year, without gaps")
    # the level of year t is the product of the yearly indexes after the first year
    return frame.with_columns(
        (
            pl.when(pl.int_range(pl.len()) == 0).then(1.0).otherwise(pl.col("cpi") / 100).cum_prod() * 100
        ).alias("level")
    )


def deflate(
    frame: pl.DataFrame,
    base_year: int,
    *,
    columns: Sequence[str] = ("value",),
    year_column: str = "year",
    series: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """`frame` with `{column}_real` beside each of `columns`: the money in `base_year` prices, and
    `price_index` (the year's price level, `base_year` = 100).

    Rows that are not money stay null: a `metric` whose unit is not money, a `measure` other than
    `amount`; so do years the index does not cover. Raises ValueError when `base_year` is not in the
    index or a column is missing.

    >>> frame = pl.DataFrame({"year": [2015, 2016], "value": [100.0, 100.0]})
    >>> deflate(frame, base_year=2015)["value_real"].round(2).to_list()
    [100.0, 98.04]
    """
    index = cpi(series)
    levels = dict(zip(index["year"].to_list(), index["level"].to_list(), strict=True))
    if base_year not in levels:
        raise ValueError(
            f"base_year {base_year} is not in the price index ({min(levels)}–{max(levels)}); "
            "extend data/reference/cpi.csv or pass series="
        )
    for column in (*columns, year_column):
        if column not in frame.columns:
            raise ValueError(f"the frame has no column {column!r}")
    price = index.select(
        pl.col("year").alias(year_column), (pl.col("level") / levels[base_year] * 100).alias("price_index")
    ).with_columns(pl.col(year_column).cast(frame.schema[year_column]))
    money = pl.lit(True)
    if "metric" in frame.columns:
        units = {m.key: m.unit for m in metrics().values()}
        money = money & (
            pl.col("metric").replace_strict(units, default="money", return_dtype=pl.String) == "money"
        )
    if "measure" in frame.columns:
        money = money & (pl.col("measure") == "amount")
    out = to_float(frame).join(price, on=year_column, how="left", maintain_order="left")
    return out.with_columns(
        pl.when(money).then(pl.col(c) * 100 / pl.col("price_index")).alias(f"{c}_real") for c in columns
    )


def staff_counts(
    store: Store, *, departments: Sequence[str] | None = None, include_failed: bool = False
) -> pl.DataFrame:
    """Staff per department, year and kind: department, year, kind, staff_actual, staff_authorised
    (counts, Float64; null where the documents do not say). From the preferred figures; those that
    failed a check are left out unless `include_failed`.

    >>> staff_counts(db).filter(pl.col("staff_actual").is_not_null())  # doctest: +SKIP
    """
    found = to_float(facts(store, list(STAFF_METRICS), departments=departments))
    found = exclude_failed(found, "staff_counts", include_failed=include_failed)
    found = found.filter(pl.col("department").is_not_null())
    if found.is_empty():
        return pl.DataFrame(
            schema={
                "department": pl.String,
                "year": pl.Int32,
                "kind": pl.String,
                "staff_actual": pl.Float64,
                "staff_authorised": pl.Float64,
            }
        )
    wide = found.pivot(
        on="metric", index=["department", "year", "kind"], values="value", aggregate_function="first"
    )
    for metric in STAFF_METRICS:
        if metric not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.Float64).alias(metric))
    return wide.select("department", pl.col("year").cast(pl.Int32), "kind", *STAFF_METRICS).sort(
        "department", "year", "kind"
    )


def per_staff(
    frame: pl.DataFrame,
    staff: pl.DataFrame,
    *,
    value: str = "value",
    staff_metric: str = "staff_actual",
    fallback_metric: str | None = "staff_authorised",
) -> pl.DataFrame:
    """`frame` (one row per department and year, e.g. a series) with `staff` (the count used),
    `staff_metric_used`, `staff_kind` and `{value}_per_staff` (万元 per person).

    `staff` is `staff_counts(db)`. The count of the frame's own kind (a `kind` column) is taken
    first, else the other kind's for that year; `staff_metric` (default: staff in post) first, else
    `fallback_metric` (default: authorised posts). No count, or a zero count: null per staff.

    >>> per_staff(metric_series(db, "three_public_total"), staff_counts(db))  # doctest: +SKIP
    """
    for column in ("department", "year", value):
        if column not in frame.columns:
            raise ValueError(f"the frame has no column {column!r}")
    wanted = [m for m in (staff_metric, fallback_metric) if m is not None]
    for metric in wanted:
        if metric not in staff.columns:
            raise ValueError(f"the staff frame has no column {metric!r} (use staff_counts(db))")
    long = (
        staff.unpivot(
            index=["department", "year", "kind"],
            on=wanted,
            variable_name="staff_metric_used",
            value_name="staff",
        )
        .filter(pl.col("staff").is_not_null())
        .with_columns(pl.col("year").cast(pl.Int32), pl.col("staff").cast(pl.Float64))
    )
    own_kind = pl.col("staff_kind") == pl.col("kind") if "kind" in frame.columns else pl.lit(True)
    keyed = frame.with_row_index("_row")
    matched = (
        keyed.select(
            "_row",
            "department",
            pl.col("year").cast(pl.Int32),
            *(["kind"] if "kind" in frame.columns else []),
        )
        .join(long.rename({"kind": "staff_kind"}), on=["department", "year"], how="inner")
        .with_columns(
            (pl.col("staff_metric_used") != staff_metric).alias("_fallback"),
            (~own_kind).alias("_other_kind"),
        )
        .sort("_row", "_fallback", "_other_kind")
        .unique("_row", keep="first", maintain_order=True)
        .select("_row", "staff", "staff_metric_used", "staff_kind")
    )
    out = keyed.join(matched, on="_row", how="left", maintain_order="left").drop("_row")
    return out.with_columns(
        pl.when(pl.col("staff") > 0)
        .then(pl.col(value).cast(pl.Float64) / pl.col("staff"))
        .alias(f"{value}_per_staff")
    )


__all__ = ["CPI_SOURCE", "STAFF_METRICS", "cpi", "deflate", "per_staff", "staff_counts"]

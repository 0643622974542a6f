"""A metric over the years, per department, and what analysts compute on it: year-on-year change,
CAGR, an index to a base year, and the share of a parent metric.

A series frame has one row per department and year, for one kind (budget or final) and one metric:

    department, department_type, region, province, metric, kind, year, value, basis, source_kind,
    source_path, quote, region_code, prefecture, county, quality, quality_checks

`value` is Float64 (万元 for money, a count for counts). `basis` says where the figure comes from:

- `stated`: printed in a document;
- `derived`: computed by the extractor from a stated change (the prior-year amount implied by
  "较上年减少5万元"), as the `preferred_facts` view keeps it when no document states the amount;
- `filled`: a gap this module filled from the following year's amount and its stated change
  (`yoy_change`, else `yoy_pct`) when no figure, stated or derived, exists for the year.

`source_kind` is the kind of the document figure used: the requested kind, or the `fallback_kind`
for years that have no figure of the requested kind (useful for year-end counts, which budget and
final documents both state).

`quality` is the figure's flag (`ok`, `corrected`, `derived`; a filled figure is `derived`). Figures
that failed a check (`failed_check`) are left out before anything is filled, with a
`FailedFiguresLeftOut` warning saying how many (`include_failed=True` keeps them). `region_code`,
`prefecture` and `county` place the department (group by them, never by `region`).

>>> s = metric_series(db, "vehicle_operation", kind="final")  # doctest: +SKIP
>>> year_on_year(s).select("department", "year", "value", "change", "change_pct")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from analytics.analysis.frames import facts
from analytics.analysis.quality import exclude_failed
from analytics.load import Store
from analytics.reference import metrics as metric_vocabulary

SERIES_KEYS = ("department", "metric", "kind")
"""The columns that identify one series within a series frame (plus `year` for one point)."""

SERIES_COLUMNS = (
    "department",
    "department_type",
    "region",
    "province",
    "metric",
    "kind",
    "year",
    "value",
    "basis",
    "source_kind",
    "source_path",
    "quote",
    "region_code",
    "prefecture",
    "county",
    "quality",
    "quality_checks",
)

_SCHEMA: dict[str, pl.DataType] = {
    "department": pl.String(),
    "department_type": pl.String(),
    "region": pl.String(),
    "province": pl.String(),
    "metric": pl.String(),
    "kind": pl.String(),
    "year": pl.Int32(),
    "value": pl.Float64(),
    "basis": pl.String(),
    "source_kind": pl.String(),
    "source_path": pl.String(),
    "quote": pl.String(),
    "region_code": pl.String(),
    "prefecture": pl.String(),
    "county": pl.String(),
    "quality": pl.String(),
    "quality_checks": pl.String(),
}


def empty_series() -> pl.DataFrame:
    """A series frame without rows (the columns and types every series function returns)."""
    return pl.DataFrame(schema=_SCHEMA)


def metric_series(
    store: Store,
    metric: str,
    *,
    kind: str = "final",
    departments: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    fill: bool = True,
    fallback_kind: str | None = None,
    include_failed: bool = False,
) -> pl.DataFrame:
    """One metric per department and year (see the module docstring for the columns).

    Amounts come from `preferred_facts` (stated before derived). With `fill=True`, a year without
    any figure is filled from the next year's amount and its stated change, and marked `filled`.
    `fallback_kind` takes the other kind's figure for years that lack one of `kind` (only after
    filling); `source_kind` then says so. `years` limits the result, not the figures used to fill.
    Figures that failed a check are left out (with a warning saying how many) unless `include_failed`.

    >>> metric_series(db, "vehicles_count", kind="final", fallback_kind="budget")  # doctest: +SKIP
    """
    if metric not in metric_vocabulary():
        raise ValueError(f"unknown metric {metric!r}; see analytics.reference.metrics()")
    wanted = [k for k in (kind, fallback_kind) if k is not None]
    found = facts(store, [metric], measure=None, kinds=wanted, departments=departments)
    found = found.filter(pl.col("department").is_not_null())
    found = exclude_failed(found, f"metric_series {metric} {kind}", include_failed=include_failed)
    series = _series_of_kind(found, kind, fill)
    if fallback_kind is not None:
        other = _series_of_kind(found, fallback_kind, fill)
        missing = other.join(series.select("department", "year"), on=["department", "year"], how="anti")
        series = pl.concat([series, missing.with_columns(pl.lit(kind).alias("kind"))])
    if years is not None:
        series = series.filter(pl.col("year").is_in(list(years)))
    return series.select(SERIES_COLUMNS).sort("department", "year")


def _series_of_kind(found: pl.DataFrame, kind: str, fill: bool) -> pl.DataFrame:
    of_kind = found.filter(pl.col("kind") == kind).with_columns(pl.col("value").cast(pl.Float64))
    amounts = of_kind.filter(pl.col("measure") == "amount").with_columns(pl.col("kind").alias("source_kind"))
    if not fill or amounts.is_empty():
        return amounts.select(_SCHEMA.keys()).cast(_SCHEMA)  # type: ignore[arg-type]
    changes = of_kind.filter(pl.col("measure").is_in(["yoy_change", "yoy_pct"])).pivot(
        on="measure", index=["department", "year"], values="value", aggregate_function="first"
    )
    for column in ("yoy_change", "yoy_pct"):
        if column not in changes.columns:
            changes = changes.with_columns(pl.lit(None, pl.Float64).alias(column))
    following = amounts.join(changes, on=["department", "year"], how="inner")
    prior_value = (
        pl.when(pl.col("yoy_change").is_not_null())
        .then(pl.col("value") - pl.col("yoy_change"))
        .when(pl.col("yoy_pct").is_not_null() & (pl.col("yoy_pct") != -100))
        .then(pl.col("value") / (1 + pl.col("yoy_pct") / 100))
    )
    filled = (
        following.with_columns(
            prior_value.round(4).alias("value"),
            (pl.col("year") - 1).cast(pl.Int32).alias("year"),
            pl.lit("filled").alias("basis"),
            pl.lit("derived").alias("quality"),
            pl.lit(None, pl.String).alias("quality_checks"),
        )
        .filter(pl.col("value").is_not_null())
        .join(amounts.select("department", "year"), on=["department", "year"], how="anti")
    )
    combined = pl.concat([amounts.select(_SCHEMA.keys()), filled.select(_SCHEMA.keys())])
    return combined.cast(_SCHEMA)  # type: ignore[arg-type]


def year_on_year(series: pl.DataFrame) -> pl.DataFrame:
    """Add `prior_value`, `change` (value - prior_value) and `change_pct` (percent of prior_value) to a
    series frame; null where the prior year is missing (no gap is bridged) or, for `change_pct`, zero.

    >>> year_on_year(metric_series(db, "three_public_total"))  # doctest: +SKIP
    """
    keys = [k for k in SERIES_KEYS if k in series.columns]
    prior = series.select(
        *keys,
        (pl.col("year") + 1).cast(series.schema["year"]).alias("year"),
        pl.col("value").alias("prior_value"),
    )
    out = series.join(prior, on=[*keys, "year"], how="left")
    return out.with_columns(
        (pl.col("value") - pl.col("prior_value")).alias("change"),
        pl.when(pl.col("prior_value") != 0)
        .then((pl.col("value") - pl.col("prior_value")) / pl.col("prior_value").abs() * 100)
        .alias("change_pct"),
    ).sort(*keys, "year")


def index_to(series: pl.DataFrame, base_year: int) -> pl.DataFrame:
    """Add `index` = value / value in `base_year` x 100 to a series frame (null where the base year
    is missing or zero).

    >>> index_to(metric_series(db, "vehicle_operation"), 2015)  # doctest: +SKIP
    """
    keys = [k for k in SERIES_KEYS if k in series.columns]
    base = series.filter(pl.col("year") == base_year).select(*keys, pl.col("value").alias("base_value"))
    return (
        series.join(base, on=keys, how="left")
        .with_columns(
            pl.when(pl.col("base_value") != 0)
            .then(pl.col("value") / pl.col("base_value") * 100)
            .alias("index")
        )
        .drop("base_value")
    )


def cagr(series: pl.DataFrame, start: int | None = None, end: int | None = None) -> pl.DataFrame:
    """Compound annual growth rate per series between `start` and `end` (default: the frame's first
    and last year), in percent. Only series with a value in both years are returned; the rate is null
    when the start value is not positive or the end value is negative.

    Columns: the series keys, `start_year`, `end_year`, `start_value`, `end_value`, `cagr_pct`.

    >>> cagr(metric_series(db, "expenditure_total"), 2014, 2023)  # doctest: +SKIP
    """
    keys = [k for k in SERIES_KEYS if k in series.columns]
    if series.is_empty():
        return pl.DataFrame(
            schema={
                **{k: series.schema[k] for k in keys},
                "start_year": pl.Int32(),
                "end_year": pl.Int32(),
                "start_value": pl.Float64(),
                "end_value": pl.Float64(),
                "cagr_pct": pl.Float64(),
            }
        )
    first = int(series["year"].min()) if start is None else start  # type: ignore[arg-type]
    last = int(series["year"].max()) if end is None else end  # type: ignore[arg-type]
    if last <= first:
        raise ValueError(f"end ({last}) must be after start ({first})")
    begin = series.filter(pl.col("year") == first).select(*keys, pl.col("value").alias("start_value"))
    finish = series.filter(pl.col("year") == last).select(*keys, pl.col("value").alias("end_value"))
    span = last - first
    return (
        begin.join(finish, on=keys, how="inner")
        .with_columns(
            pl.lit(first, pl.Int32).alias("start_year"),
            pl.lit(last, pl.Int32).alias("end_year"),
            pl.when((pl.col("start_value") > 0) & (pl.col("end_value") >= 0))
            .then(((pl.col("end_value") / pl.col("start_value")) ** (1 / span) - 1) * 100)
            .alias("cagr_pct"),
        )
        .select(*keys, "start_year", "end_year", "start_value", "end_value", "cagr_pct")
        .sort(keys)
    )


def share_of_parent(
    store: Store,
    metric: str,
    *,
    parent: str | None = None,
    kind: str = "final",
    fill: bool = True,
) -> pl.DataFrame:
    """A metric as a share of its parent metric (by default its parent in the vocabulary, e.g.
    `vehicle_operation` of `vehicle_total`), per department and year where both are known.

    Columns: department, department_type, region, province, kind, year, metric, value, basis,
    parent, parent_value, parent_basis, share_pct.

    >>> share_of_parent(db, "expenditure_project", kind="budget")  # doctest: +SKIP
    """
    chosen = parent if parent is not None else metric_vocabulary()[metric].parent
    if chosen is None:
        raise ValueError(f"{metric!r} has no parent metric; name one with parent=")
    part = metric_series(store, metric, kind=kind, fill=fill)
    whole = metric_series(store, chosen, kind=kind, fill=fill).select(
        "department",
        "year",
        pl.lit(chosen).alias("parent"),
        pl.col("value").alias("parent_value"),
        pl.col("basis").alias("parent_basis"),
    )
    return (
        part.join(whole, on=["department", "year"], how="inner")
        .with_columns(
            pl.when(pl.col("parent_value") != 0)
            .then(pl.col("value") / pl.col("parent_value") * 100)
            .alias("share_pct")
        )
        .select(
            "department",
            "department_type",
            "region",
            "province",
            "kind",
            "year",
            "metric",
            "value",
            "basis",
            "parent",
            "parent_value",
            "parent_basis",
            "share_pct",
        )
        .sort("department", "year")
    )


__all__ = [
    "SERIES_COLUMNS",
    "SERIES_KEYS",
    "cagr",
    "empty_series",
    "index_to",
    "metric_series",
    "share_of_parent",
    "year_on_year",
]

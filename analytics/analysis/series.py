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

>>> s = metric_series(db, "vehicle_operation", kind="final", departments="财政局")
>>> s.select("year", "value", "basis").rows()
[(2013, 42.0, 'derived'), (2014, 40.0, 'stated'), (2015, 44.0, 'stated'), (2016, 20.0, 'stated'), (2017, 18.0, 'stated'), (2018, 19.0, 'stated')]
>>> year_on_year(s).filter(pl.col("year") == 2016).select("value", "prior_value", "change", "change_pct").rows()
[(20.0, 44.0, -24.0, -54.54545454545454)]
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from analytics.analysis.frames import facts
from analytics.analysis.inputs import FrameLike, as_frame
from analytics.analysis.names import resolve_departments, resolve_kind, resolve_metric
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
    departments: Iterable[str] | str | None = None,
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
    `metric`, `kind` and `departments` are checked as `facts` checks them (Chinese names, 预算/决算
    and short department names accepted; a wrong one raises `UnknownNameError`).
    Figures that failed a check are left out (with a warning saying how many) unless `include_failed`.

    >>> counts = metric_series(db, "车辆数", kind="决算", fallback_kind="budget", departments="教育局")
    >>> counts.select("year", "value", "source_kind").rows()
    [(2014, 8.0, 'final'), (2015, 8.0, 'final'), (2016, 3.0, 'final'), (2017, 3.0, 'final'), (2018, 3.0, 'final')]
    """
    metric = resolve_metric(metric)
    kind = resolve_kind(kind)
    fallback_kind = None if fallback_kind is None else resolve_kind(fallback_kind)
    wanted = [k for k in (kind, fallback_kind) if k is not None]
    chosen = resolve_departments(store, departments)
    found = facts(store, [metric], measure=None, kinds=wanted, departments=chosen)
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


def year_on_year(series: FrameLike) -> pl.DataFrame:
    """Add `prior_value`, `change` (value - prior_value) and `change_pct` (percent of prior_value) to a
    series frame; null where the prior year is missing (no gap is bridged) or, for `change_pct`, zero.

    >>> changes = year_on_year(metric_series(db, "three_public_total", departments="科协"))
    >>> changes.select("year", "value", "change", pl.col("change_pct").round(1)).rows()
    [(2014, 25.0, None, None), (2015, 27.0, 2.0, 8.0), (2016, 29.0, 2.0, 7.4), (2017, 16.0, -13.0, -44.8), (2018, 15.0, -1.0, -6.2)]
    """
    series = as_frame(series, needs=("year", "value"), what="a series")
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


def index_to(series: FrameLike, base_year: int) -> pl.DataFrame:
    """Add `index` = value / value in `base_year` x 100 to a series frame (null where the base year
    is missing or zero).

    >>> indexed = index_to(metric_series(db, "vehicle_operation", departments="财政局"), 2014)
    >>> indexed.select("year", pl.col("index").round(1)).rows()
    [(2013, 105.0), (2014, 100.0), (2015, 110.0), (2016, 50.0), (2017, 45.0), (2018, 47.5)]
    """
    series = as_frame(series, needs=("year", "value"), what="a series")
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


def cagr(series: FrameLike, start: int | None = None, end: int | None = None) -> pl.DataFrame:
    """Compound annual growth rate per series between `start` and `end` (default: the frame's first
    and last year), in percent. Only series with a value in both years are returned; the rate is null
    when the start value is not positive or the end value is negative.

    Columns: the series keys, `start_year`, `end_year`, `start_value`, `end_value`, `cagr_pct`.

    >>> growth = cagr(metric_series(db, "vehicle_operation"), 2014, 2018)
    >>> growth.select("department", "start_value", "end_value", pl.col("cagr_pct").round(1)).rows()
    [('廊坊市教育局', 30.0, 16.0, -14.5), ('廊坊市科学技术协会', 20.0, 11.0, -13.9), ('廊坊市财政局', 40.0, 19.0, -17.0)]
    """
    series = as_frame(series, needs=("year", "value"), what="a series")
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
    departments: Iterable[str] | str | None = None,
    fill: bool = True,
) -> pl.DataFrame:
    """A metric as a share of its parent metric (by default its parent in the vocabulary, e.g.
    `vehicle_operation` of `vehicle_total`), per department and year where both are known.

    Columns: department, department_type, region, province, kind, year, metric, value, basis,
    parent, parent_value, parent_basis, share_pct.

    >>> shares = share_of_parent(db, "vehicle_operation", parent="“三公”经费", departments="教育局")
    >>> shares.select("year", "value", "parent_value", pl.col("share_pct").round(1)).rows()[:3]
    [(2014, 30.0, 35.0, 85.7), (2015, 30.0, 35.0, 85.7), (2016, 15.0, 20.0, 75.0)]
    """
    metric = resolve_metric(metric)
    chosen = resolve_metric(parent) if parent is not None else metric_vocabulary()[metric].parent
    if chosen is None:
        raise ValueError(f"{metric!r} has no parent metric; name one with parent=")
    part = metric_series(store, metric, kind=kind, departments=departments, fill=fill)
    whole = metric_series(store, chosen, kind=kind, departments=departments, fill=fill).select(
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

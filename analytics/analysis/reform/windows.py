"""Each metric's yearly figures placed around the department's reform year: `relative_year` (year -
reform_year) and `period` (`before`: the `window` years ending the year before the reform; `after`:
the `window` years starting with it; null outside both).

Counts (vehicles_count) take the other kind's year-end figure where the kind compared has none, and
personnel costs fall back to basic expenditure (which contains them) for a department that does not
state them on both sides.
"""

from __future__ import annotations

import polars as pl

from analytics.analysis.series import metric_series
from analytics.load import Store
from analytics.reference import metrics as metric_vocabulary

PERSONNEL_FALLBACK = {"expenditure_personnel": "expenditure_basic"}
"""Where a department does not state personnel costs, basic expenditure stands in (it contains them)."""


def windowed_series(
    store: Store,
    metrics: list[str],
    *,
    kind: str,
    departments: list[str] | None,
    years: pl.DataFrame,
    window: int,
    min_years: int,
) -> pl.DataFrame:
    """The yearly figures of `metrics` of `kind` with each department's reform year (from `years`, as
    `reform_years()` gives them), `relative_year`, `period`, and `measured_by` (the metric the figures
    are of: `expenditure_basic` where it stands in for personnel costs)."""
    vocabulary = metric_vocabulary()
    other = "budget" if kind == "final" else "final"
    parts: list[pl.DataFrame] = []
    for metric in metrics:
        fallback = other if vocabulary[metric].unit == "count" else None
        series = metric_series(store, metric, kind=kind, departments=departments, fallback_kind=fallback)
        frame = with_windows(series, years, window).with_columns(pl.lit(metric).alias("measured_by"))
        substitute = PERSONNEL_FALLBACK.get(metric)
        if substitute is not None:
            alt = with_windows(
                metric_series(store, substitute, kind=kind, departments=departments), years, window
            )
            frame = prefer_complete(
                frame,
                alt.with_columns(pl.lit(substitute).alias("measured_by"), pl.lit(metric).alias("metric")),
                min_years,
            )
        parts.append(frame)
    return pl.concat(parts, how="vertical_relaxed") if parts else pl.DataFrame()


def with_windows(series: pl.DataFrame, years: pl.DataFrame, window: int) -> pl.DataFrame:
    """`series` with its department's reform_year and reform_source, relative_year and period."""
    relative = pl.col("year") - pl.col("reform_year")
    return series.join(
        years.select("department", "reform_year", pl.col("source").alias("reform_source")),
        on="department",
        how="left",
    ).with_columns(
        relative.alias("relative_year"),
        pl.when(relative.is_between(-window, -1))
        .then(pl.lit("before"))
        .when(relative.is_between(0, window - 1))
        .then(pl.lit("after"))
        .alias("period"),
    )


def prefer_complete(primary: pl.DataFrame, substitute: pl.DataFrame, min_years: int) -> pl.DataFrame:
    """Per department, the primary metric where it has enough figures on both sides, else the substitute."""

    def complete(frame: pl.DataFrame) -> set[str]:
        counts = frame.filter(pl.col("period").is_not_null()).group_by("department", "period").len()
        ok = counts.filter(pl.col("len") >= min_years).group_by("department").len()
        return set(ok.filter(pl.col("len") == 2)["department"].to_list())

    use_substitute = complete(substitute) - complete(primary)
    kept = primary.filter(~pl.col("department").is_in(use_substitute))
    replaced = substitute.filter(pl.col("department").is_in(use_substitute))
    return pl.concat([kept, replaced.select(kept.columns)], how="vertical_relaxed")


__all__ = ["PERSONNEL_FALLBACK", "prefer_complete", "windowed_series", "with_windows"]

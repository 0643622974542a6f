"""What the panel says as a whole: the pooled change of each metric (with a seeded percentile
bootstrap interval over departments), and the difference in differences of each reform cohort against
the departments that had not reformed yet (treated and controls resampled separately).

Sums and means are correctly rounded (`math.fsum`) or taken in a fixed order, so two runs give the
same bits.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

import polars as pl

from analytics.analysis.stats import bootstrap_difference, bootstrap_mean

POOLED_SCHEMA = {
    "metric": pl.String,
    "departments": pl.Int32,
    "mean_before": pl.Float64,
    "mean_after": pl.Float64,
    "mean_change_pct": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "median_change_pct": pl.Float64,
    "total_change_pct": pl.Float64,
    "share_decreased": pl.Float64,
}
"""The columns of `ReformResult.pooled`."""

DID_SCHEMA = {
    "metric": pl.String,
    "cohort": pl.Int32,
    "treated": pl.Int32,
    "control": pl.Int32,
    "treated_change_pct": pl.Float64,
    "control_change_pct": pl.Float64,
    "did_pp": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
}
"""The columns of `ReformResult.did`."""

Stratum = tuple[list[float], list[float]]
"""One cohort's changes in percent: the treated departments', the controls'."""


def pooled(
    summary: pl.DataFrame, metrics: list[str], *, n_boot: int, seed: int, confidence: float
) -> pl.DataFrame:
    """Per metric, over the panel's rows of `summary`: departments, mean_before, mean_after,
    mean_change_pct with ci_low/ci_high, median_change_pct, total_change_pct, share_decreased."""
    rows: list[dict[str, object]] = []
    for index, metric in enumerate(metrics):
        part = summary.filter(pl.col("metric") == metric)
        pct = [float(v) for v in part["change_pct"].drop_nulls().to_list()]
        interval = bootstrap_mean(pct, n_boot=n_boot, seed=seed + index, confidence=confidence)
        # math.fsum: correctly rounded whatever the order, so the same bits on every run
        before = [float(v) for v in part["before"].drop_nulls().to_list()]
        after = [float(v) for v in part["after"].drop_nulls().to_list()]
        before_total = math.fsum(before) if part.height else None
        after_total = math.fsum(after) if part.height else None
        rows.append(
            {
                "metric": metric,
                "departments": part.height,
                "mean_before": math.fsum(before) / len(before) if before else None,
                "mean_after": math.fsum(after) / len(after) if after else None,
                "mean_change_pct": math.fsum(pct) / len(pct) if pct else None,
                "ci_low": interval[0] if interval else None,
                "ci_high": interval[1] if interval else None,
                "median_change_pct": statistics.median(pct) if pct else None,
                "total_change_pct": (after_total / before_total - 1) * 100 if before_total else None,  # type: ignore[operator]
                "share_decreased": (part["change"] < 0).sum() / part.height if part.height else None,
            }
        )
    return pl.DataFrame(rows, schema=POOLED_SCHEMA)


def difference_in_differences(
    series: pl.DataFrame, metrics: list[str], *, n_boot: int, seed: int, confidence: float
) -> pl.DataFrame:
    """Per metric and cohort g: the change from g-1 to g for the departments reformed in g against
    those reformed later; then one row (cohort null) pooling the cohorts, weighted by their treated
    departments. `series` holds the panel's yearly figures with their reform_year."""
    rows: list[dict[str, object]] = []
    for index, metric in enumerate(metrics):
        part = series.filter((pl.col("metric") == metric) & pl.col("reform_year").is_not_null())
        strata: list[Stratum] = []
        for cohort, stratum in _strata(part):
            strata.append(stratum)
            interval = bootstrap_difference(
                [stratum], n_boot=n_boot, seed=seed + index, confidence=confidence
            )
            rows.append(_did_row(metric, cohort, *stratum, interval))
        if strata:
            interval = bootstrap_difference(strata, n_boot=n_boot, seed=seed + index, confidence=confidence)
            rows.append(_pooled_did_row(metric, strata, interval))
    return pl.DataFrame(rows, schema=DID_SCHEMA)


def _strata(part: pl.DataFrame) -> list[tuple[int, Stratum]]:
    """Per reform cohort, in order, the treated and control changes in percent (cohorts without
    either are left out)."""
    values = {
        (d, y): v for d, y, v in part.select("department", "year", "value").iter_rows() if v is not None
    }
    reform = dict(sorted(part.select("department", "reform_year").unique().iter_rows()))
    strata: list[tuple[int, Stratum]] = []
    for cohort in sorted(set(reform.values())):
        treated = [
            c for d, g in reform.items() if g == cohort and (c := _pct_change(values, d, cohort)) is not None
        ]
        control = [
            c for d, g in reform.items() if g > cohort and (c := _pct_change(values, d, cohort)) is not None
        ]
        if treated and control:
            strata.append((cohort, (treated, control)))
    return strata


def _pct_change(values: dict[tuple[str, int], float], department: str, year: int) -> float | None:
    """Change in percent from year - 1 to year, None when either is missing or the start is 0."""
    start, end = values.get((department, year - 1)), values.get((department, year))
    if start is None or end is None or start == 0:
        return None
    return (end - start) / abs(start) * 100


def _did_row(
    metric: str,
    cohort: int | None,
    treated: list[float],
    control: list[float],
    interval: tuple[float, float] | None,
) -> dict[str, object]:
    return {
        "metric": metric,
        "cohort": cohort,
        "treated": len(treated),
        "control": len(control),
        "treated_change_pct": _mean(treated),
        "control_change_pct": _mean(control),
        "did_pp": _mean(treated) - _mean(control),
        "ci_low": interval[0] if interval else None,
        "ci_high": interval[1] if interval else None,
    }


def _pooled_did_row(
    metric: str, strata: list[Stratum], interval: tuple[float, float] | None
) -> dict[str, object]:
    """The row with cohort null: the cohorts' estimates weighted by their numbers of treated departments."""
    weights = [len(t) for t, _ in strata]
    row = _did_row(
        metric, None, [v for t, _ in strata for v in t], [v for _, c in strata for v in c], interval
    )
    row["did_pp"] = sum(w * (_mean(t) - _mean(c)) for (t, c), w in zip(strata, weights, strict=True)) / sum(
        weights
    )
    row["treated_change_pct"] = sum(w * _mean(t) for (t, _), w in zip(strata, weights, strict=True)) / sum(
        weights
    )
    row["control_change_pct"] = sum(w * _mean(c) for (_, c), w in zip(strata, weights, strict=True)) / sum(
        weights
    )
    return row


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


__all__ = ["DID_SCHEMA", "POOLED_SCHEMA", "difference_in_differences", "pooled"]

"""`reform_effects`: each department's figures before and after its reform year, on a fixed panel,
pooled, and as a difference in differences (see the package docstring); `ReformResult` holds them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl

from analytics.analysis.display import result_html
from analytics.analysis.names import resolve_departments, resolve_kind, resolve_metrics
from analytics.analysis.reform.estimates import difference_in_differences, pooled
from analytics.analysis.reform.summary import summarise
from analytics.analysis.reform.windows import windowed_series
from analytics.analysis.reform.years import reform_years
from analytics.analysis.stats import DEFAULT_BOOTSTRAP
from analytics.labels import KIND_ZH
from analytics.load import Store

DEFAULT_METRICS = ("vehicle_operation", "vehicles_count", "three_public_total", "expenditure_personnel")
"""Running costs, fleet, "三公" total, and personnel costs beside them."""

SERIES_COLUMNS = (
    "department",
    "department_type",
    "metric",
    "measured_by",
    "kind",
    "year",
    "value",
    "basis",
    "reform_year",
    "relative_year",
    "period",
    "in_panel",
)
"""The columns of `ReformResult.series`, in order."""


@dataclass(frozen=True)
class ReformResult:
    """Before/after the vehicle reform, per department and pooled, with a difference-in-differences.

    - `departments`: one row per department and metric: reform_year, reform_source, measured_by
      (the metric actually used: expenditure_basic where personnel costs are not stated), before and
      after (means over the window), n_before, n_after, change, change_pct, in_panel, and for the
      departments left out excluded_because ('vehicle_operation: too few figures before the
      reform': the first metric that cannot be compared, and why) and excluded_because_zh (the same
      in Chinese: '公务用车运行维护费：改革前数据不足').
    - `pooled`: one row per metric over the panel: departments, mean_before, mean_after,
      mean_change_pct (the mean of the departments' changes in percent) with ci_low/ci_high (seeded
      percentile bootstrap over departments), median_change_pct, total_change_pct (change of the
      summed amounts) and share_decreased.
    - `did`: per metric and reform cohort, the change in percent from the year before the reform to
      the reform year for the cohort (treated) and for the departments that had not reformed yet
      (control), their difference in percentage points (did_pp) with a bootstrap interval; the row
      with cohort null pools the cohorts, weighted by their treated departments.
    - `series`: the yearly figures used, with relative_year (year - reform_year) and period.
    - `reform_years`: as `reform_years()` gives them.

    `frame` is the panel's rows of `departments`; `excluded` the number of departments left out.
    """

    departments: pl.DataFrame
    pooled: pl.DataFrame
    did: pl.DataFrame
    series: pl.DataFrame
    reform_years: pl.DataFrame
    excluded_departments: tuple[str, ...]
    metrics: tuple[str, ...]
    kind: str
    window: int
    seed: int
    n_boot: int
    confidence: float

    @property
    def frame(self) -> pl.DataFrame:
        """Per-department comparison, panel members only."""
        return self.departments.filter(pl.col("in_panel"))

    @property
    def excluded(self) -> int:
        """How many departments with figures were left out of the panel."""
        return len(self.excluded_departments)

    @property
    def included(self) -> int:
        """How many departments the panel keeps."""
        return self.frame["department"].n_unique()

    def describe(self) -> str:
        """One sentence saying what was compared."""
        return (
            f"fixed panel: {self.included} departments with {self.kind} figures in the {self.window} "
            f"year(s) before and from their reform year for {', '.join(self.metrics)}; "
            f"{self.excluded} left out"
        )

    def describe_zh(self) -> str:
        """The same in Chinese, for a report or a chart subtitle.

        >>> reform_effects(db, kind="final", window=2).describe_zh()
        '比较 3 个部门在各自公车改革年度之前 2 年与改革年度起 2 年的决算数据的平均值（固定面板），0 个部门因缺少改革年度或数据不足未纳入。'
        """
        return (
            f"比较 {self.included} 个部门在各自公车改革年度之前 {self.window} 年与改革年度起 {self.window} 年的"
            f"{KIND_ZH.get(self.kind, self.kind)}数据的平均值（固定面板），"
            f"{self.excluded} 个部门因缺少改革年度或数据不足未纳入。"
        )

    def __repr__(self) -> str:
        return f"<ReformResult {self.describe()}>"

    def _repr_html_(self) -> str:
        """The result in a notebook: what was compared, the pooled changes, the difference in
        differences, and the departments left out with the reason."""
        left_out = (
            self.departments.filter(~pl.col("in_panel"))
            .select("department", "excluded_because_zh")
            .unique(maintain_order=True)
        )
        tables = [("pooled：各指标改革前后的平均变化（%）及区间", self.pooled)]
        tables.append(("did：双重差分（百分点）", self.did))
        if left_out.height:
            tables.append(("未纳入的部门", left_out))
        return result_html("ReformResult", [self.describe_zh(), self.describe()], tables)


def reform_effects(
    store: Store,
    *,
    metrics: Sequence[str] | str = DEFAULT_METRICS,
    kind: str = "final",
    window: int = 2,
    min_years: int = 1,
    reference: pl.DataFrame | str | os.PathLike[str] | None = None,
    from_documents: bool = True,
    departments: Iterable[str] | str | None = None,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = 0,
    confidence: float = 0.95,
) -> ReformResult:
    """Compare each department's figures before and after its reform year (see the package docstring).

    `metrics`: what to compare; counts (vehicles_count) take the other kind's year-end figure where
    `kind` has none, and `expenditure_personnel` falls back to `expenditure_basic` per department.
    `window`: years on each side; `min_years`: figures needed on each side to enter the panel.
    `n_boot`, `seed`, `confidence`: the bootstrap (deterministic for a given seed). Means and sums
    are exact (`exact_mean`, `math.fsum`): two runs give the same bits.

    >>> r = reform_effects(db, kind="决算", window=2, seed=0)
    >>> r.frame.filter(pl.col("metric") == "vehicle_operation").select(
    ...     "department", "reform_year", "reform_source", "before", "after", pl.col("change_pct").round(1)).rows()
    [('廊坊市教育局', 2016, 'reference', 30.0, 15.0, -50.0), ('廊坊市科学技术协会', 2017, 'document', 23.0, 11.5, -50.0), ('廊坊市财政局', 2016, 'document', 42.0, 19.0, -54.8)]
    >>> r.frame.filter(pl.col("metric") == "expenditure_personnel")["measured_by"].to_list()  # 科协 states basic expenditure only
    ['expenditure_personnel', 'expenditure_basic', 'expenditure_personnel']
    """
    if window < 1 or min_years < 1 or min_years > window:
        raise ValueError("need window >= 1 and 1 <= min_years <= window")
    chosen = resolve_metrics(metrics) or []
    kind = resolve_kind(kind)
    years = reform_years(store, reference=reference, from_documents=from_documents)
    wanted = resolve_departments(store, departments)
    series = windowed_series(
        store, chosen, kind=kind, departments=wanted, years=years, window=window, min_years=min_years
    )
    summary = summarise(series, years, chosen, min_years)
    panel = sorted(summary.filter(pl.col("in_panel"))["department"].unique().to_list())
    series = series.with_columns(pl.col("department").is_in(panel).alias("in_panel"))
    in_panel = pl.col("in_panel")
    return ReformResult(
        departments=summary,
        pooled=pooled(summary.filter(in_panel), chosen, n_boot=n_boot, seed=seed, confidence=confidence),
        did=difference_in_differences(
            series.filter(in_panel), chosen, n_boot=n_boot, seed=seed, confidence=confidence
        ),
        series=series.select(*SERIES_COLUMNS).sort("metric", "department", "year"),
        reform_years=years,
        excluded_departments=tuple(sorted(set(summary["department"].to_list()) - set(panel))),
        metrics=tuple(chosen),
        kind=kind,
        window=window,
        seed=seed,
        n_boot=n_boot,
        confidence=confidence,
    )


__all__ = ["DEFAULT_METRICS", "KIND_ZH", "ReformResult", "reform_effects"]

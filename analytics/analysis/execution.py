"""Budget execution: final accounts against the budget, for the same department, year and metric.

The budget figure is the one `preferred_facts` keeps for `kind = 'budget'`: the budget document's own
figure (年初预算) before a 预算数 column quoted in the final accounts. Rates are Float64.

>>> rates = execution_rates(db, ["expenditure_total", "expenditure_project"])  # doctest: +SKIP
>>> rates.filter(pl.col("rate_pct") > 150)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from analytics.analysis.frames import facts, to_float
from analytics.analysis.names import resolve_departments, resolve_metrics
from analytics.load import Store
from analytics.reference import metrics as metric_vocabulary

DEFAULT_METRICS = (
    "expenditure_total",
    "expenditure_basic",
    "expenditure_project",
    "three_public_total",
    "vehicle_operation",
    "reception",
)
"""The spending lines an execution table usually shows."""


def execution_rates(
    store: Store,
    metrics: Iterable[str] | str | None = DEFAULT_METRICS,
    *,
    departments: Iterable[str] | str | None = None,
    years: Iterable[int] | None = None,
) -> pl.DataFrame:
    """Final / budget per department, year and metric, where both figures exist and the budget is
    not zero. `metrics=None` takes every money metric.

    Columns: department, department_type, year, metric, name_zh, budget, final, difference
    (final - budget), rate_pct (final / budget x 100), budget_basis, final_basis.

    >>> execution_rates(db, ["expenditure_project"]).sort("rate_pct", descending=True)  # doctest: +SKIP
    """
    vocabulary = metric_vocabulary()
    chosen = resolve_metrics(metrics) or []
    if metrics is None:
        chosen = [m.key for m in vocabulary.values() if m.unit == "money"]
    wanted = resolve_departments(store, departments)
    found = to_float(facts(store, chosen, kinds=["budget", "final"], departments=wanted, years=years))
    found = found.filter(pl.col("department").is_not_null())
    budget = found.filter(pl.col("kind") == "budget").select(
        "department",
        "department_type",
        "year",
        "metric",
        pl.col("value").alias("budget"),
        pl.col("basis").alias("budget_basis"),
    )
    final = found.filter(pl.col("kind") == "final").select(
        "department", "year", "metric", pl.col("value").alias("final"), pl.col("basis").alias("final_basis")
    )
    names = {m.key: m.name_zh for m in vocabulary.values()}
    return (
        budget.join(final, on=["department", "year", "metric"], how="inner")
        .filter(pl.col("budget") != 0)
        .with_columns(
            pl.col("metric").replace_strict(names, return_dtype=pl.String).alias("name_zh"),
            (pl.col("final") - pl.col("budget")).alias("difference"),
            (pl.col("final") / pl.col("budget") * 100).alias("rate_pct"),
            pl.col("year").cast(pl.Int32),
        )
        .select(
            "department",
            "department_type",
            "year",
            "metric",
            "name_zh",
            "budget",
            "final",
            "difference",
            "rate_pct",
            "budget_basis",
            "final_basis",
        )
        .sort("metric", "department", "year")
    )


__all__ = ["DEFAULT_METRICS", "execution_rates"]

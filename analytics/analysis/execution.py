"""Budget execution: final accounts against the budget, for the same department, year and metric.

The budget figure is the one `preferred_facts` keeps for `kind = 'budget'`: the budget document's own
figure (年初预算) before a 预算数 column quoted in the final accounts. Rates are Float64.

>>> rates = execution_rates(db, ["expenditure_total", "expenditure_project"])
>>> rates.filter(pl.col("rate_pct") > 102.05).select("department", "year", pl.col("rate_pct").round(1)).rows()
[('廊坊市科学技术协会', 2014, 102.1)]
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


STATUS_ZH = {
    "compared": "可比",
    "zero budget": "预算为0，无法计算执行率",
    "no final": "缺决算数",
    "no budget": "缺预算数",
}
"""Why a row of `execution_rates(..., with_gaps=True)` has a rate or not, in Chinese (`status_zh`)."""


def execution_rates(
    store: Store,
    metrics: Iterable[str] | str | None = DEFAULT_METRICS,
    *,
    departments: Iterable[str] | str | None = None,
    years: Iterable[int] | None = None,
    with_gaps: bool = False,
) -> pl.DataFrame:
    """Final / budget per department, year and metric, where both figures exist and the budget is
    not zero. `metrics=None` takes every money metric.

    Columns: department, department_type, year, metric, name_zh, budget, final, difference
    (final - budget), rate_pct (final / budget x 100), budget_basis, final_basis, status
    (`compared`), status_zh.

    `with_gaps=True` also keeps the department-years that have only one of the two figures or a
    budget of 0, with rate_pct null and `status` saying why (`zero budget`, `no final`, `no budget`;
    `status_zh` in Chinese), so that a table or heat map can say so instead of leaving a blank.

    >>> rates = execution_rates(db, ["expenditure_total"], departments=["财政局"])
    >>> rates.select("year", "budget", "final", "rate_pct").rows()
    [(2014, 1000.0, 990.0, 99.0), (2015, 1050.0, 1060.0, 100.95238095238095), (2016, 1100.0, 1080.0, 98.18181818181819), (2017, 1150.0, 1150.0, 100.0), (2018, 1200.0, 1210.0, 100.83333333333333)]
    >>> gaps = execution_rates(db, ["vehicle_purchase", "expenditure_project"], departments=["财政局"], with_gaps=True)
    >>> gaps.select("metric", "year", "status").unique(["metric", "status"]).sort("metric").rows()
    [('expenditure_project', 2014, 'no final'), ('vehicle_purchase', 2014, 'no budget')]
    """
    vocabulary = metric_vocabulary()
    chosen = resolve_metrics(metrics) or []
    if metrics is None:
        chosen = [m.key for m in vocabulary.values() if m.unit == "money"]
    wanted = resolve_departments(store, departments)
    found = to_float(facts(store, chosen, kinds=["budget", "final"], departments=wanted, years=years))
    found = found.filter(pl.col("department").is_not_null())
    keys = ["department", "year", "metric"]
    budget = found.filter(pl.col("kind") == "budget").select(
        *keys, pl.col("value").alias("budget"), pl.col("basis").alias("budget_basis")
    )
    final = found.filter(pl.col("kind") == "final").select(
        *keys, pl.col("value").alias("final"), pl.col("basis").alias("final_basis")
    )
    if with_gaps:
        paired = budget.join(final, on=keys, how="full", coalesce=True)
    else:  # the usual case, and the cheap one at national scale
        paired = budget.join(final, on=keys, how="inner").filter(pl.col("budget") != 0)
    types = found.select("department", "department_type").unique("department", keep="first")
    names = {m.key: m.name_zh for m in vocabulary.values()}
    status = (
        pl.when(pl.col("final").is_null())
        .then(pl.lit("no final"))
        .when(pl.col("budget").is_null())
        .then(pl.lit("no budget"))
        .when(pl.col("budget") == 0)
        .then(pl.lit("zero budget"))
        .otherwise(pl.lit("compared"))
    )
    rates = (
        paired.join(types, on="department", how="left")
        .with_columns(status.alias("status"))
        .with_columns(
            pl.col("metric").replace_strict(names, return_dtype=pl.String).alias("name_zh"),
            (pl.col("final") - pl.col("budget")).alias("difference"),
            pl.when(pl.col("status") == "compared")
            .then(pl.col("final") / pl.col("budget") * 100)
            .alias("rate_pct"),
            pl.col("year").cast(pl.Int32),
            pl.col("status").replace_strict(STATUS_ZH, return_dtype=pl.String).alias("status_zh"),
        )
    )
    return rates.select(
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
        "status",
        "status_zh",
    ).sort("metric", "department", "year")


__all__ = ["DEFAULT_METRICS", "STATUS_ZH", "execution_rates"]

"""Budget execution: final accounts against the budget, for the same department, year and metric.

Two budgets can be stated for one year, and they differ when the budget was adjusted during the year:

- the **original** budget (年初预算): the year's budget document's own figure, or a figure the final
  accounts name as 年初预算;
- the **adjusted** budget (调整预算 / 全年预算): the 预算数 the final accounts print beside the
  final figure, which includes the year's adjustments (unless the text calls it 年初预算).

`budget` is the figure `preferred_facts` keeps for `kind = 'budget'` (the budget document's own
first), and `rate_pct` = final / budget; `rate_original_pct` and `rate_adjusted_pct` compare with each
budget where it is stated. A zero budget gives no rate but is kept, with `note` saying so (an
unbudgeted spend is a finding, not a gap). Rates are Float64. Figures that failed a check are left
out (see `analytics.analysis.quality`).

>>> rates = execution_rates(db, ["expenditure_total", "expenditure_project"])  # doctest: +SKIP
>>> rates.filter(pl.col("rate_pct") > 150)  # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import polars as pl

from analytics.analysis.frames import documents, facts, to_float
from analytics.analysis.quality import FailedFiguresLeftOut, left_out_message, without_failed
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

ORIGINAL_WORDS = "年初预算|年初"
"""A final-accounts quote naming its budget figure so gives the original budget, not the adjusted one."""

ZERO_BUDGET = "budget is zero"


def execution_rates(
    store: Store,
    metrics: Iterable[str] | None = DEFAULT_METRICS,
    *,
    departments: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    include_failed: bool = False,
) -> pl.DataFrame:
    """Final / budget per department, year and metric, where both figures exist. `metrics=None` takes
    every money metric.

    Columns: department, department_type, year, metric, name_zh, budget, final, difference
    (final - budget), rate_pct (final / budget x 100, null for a zero budget), budget_basis,
    final_basis, budget_original, budget_adjusted, rate_original_pct, rate_adjusted_pct, note
    (`budget is zero`, else null).

    >>> execution_rates(db, ["expenditure_project"]).sort("rate_pct", descending=True)  # doctest: +SKIP
    """
    vocabulary = metric_vocabulary()
    chosen = [m.key for m in vocabulary.values() if m.unit == "money"] if metrics is None else list(metrics)
    for metric in chosen:
        if metric not in vocabulary:
            raise ValueError(f"unknown metric {metric!r}")
    years = None if years is None else list(years)
    departments = None if departments is None else list(departments)
    found = to_float(facts(store, chosen, kinds=["budget", "final"], departments=departments, years=years))
    found = found.filter(pl.col("department").is_not_null())
    every_budget = to_float(
        facts(store, chosen, kinds=["budget"], departments=departments, years=years, preferred=False)
    ).filter(pl.col("department").is_not_null() & pl.col("basis").is_in(["stated", "corrected"]))
    if not include_failed:
        found, left_out = without_failed(found)
        every_budget, _ = without_failed(every_budget)
        if left_out:
            warnings.warn(left_out_message("execution_rates", left_out), FailedFiguresLeftOut, stacklevel=2)
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
    original, adjusted = _budgets(store, every_budget)
    names = {m.key: m.name_zh for m in vocabulary.values()}
    keys = ["department", "year", "metric"]

    def rate(budget_column: str) -> pl.Expr:
        return pl.when(pl.col(budget_column) != 0).then(pl.col("final") / pl.col(budget_column) * 100)

    return (
        budget.join(final, on=keys, how="inner")
        .join(original, on=keys, how="left")
        .join(adjusted, on=keys, how="left")
        .with_columns(
            pl.col("metric").replace_strict(names, return_dtype=pl.String).alias("name_zh"),
            (pl.col("final") - pl.col("budget")).alias("difference"),
            rate("budget").alias("rate_pct"),
            rate("budget_original").alias("rate_original_pct"),
            rate("budget_adjusted").alias("rate_adjusted_pct"),
            pl.when(pl.col("budget") == 0).then(pl.lit(ZERO_BUDGET)).alias("note"),
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
            "budget_original",
            "budget_adjusted",
            "rate_original_pct",
            "rate_adjusted_pct",
            "note",
        )
        .sort("metric", "department", "year")
    )


def _budgets(store: Store, every_budget: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(original, adjusted) budget figures per department, year and metric, from every stated budget
    figure with the kind and year of the document that states it."""
    source = documents(store).select(
        "source_path", pl.col("kind").alias("document_kind"), pl.col("year").alias("document_year")
    )
    stated = every_budget.join(source, on="source_path", how="inner").filter(
        pl.col("document_year") == pl.col("year")
    )
    says_original = pl.col("quote").str.contains(ORIGINAL_WORDS)
    is_original = (pl.col("document_kind") == "budget") | (
        (pl.col("document_kind") == "final") & says_original
    )
    is_adjusted = (pl.col("document_kind") == "final") & ~says_original
    order = [
        pl.col("basis") != "corrected",
        pl.col("document_kind") != "budget",
        pl.col("method") != "table",
        pl.col("source_path"),
    ]

    def one(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        return (
            frame.sort(order)
            .unique(["department", "year", "metric"], keep="first", maintain_order=True)
            .select("department", pl.col("year").cast(pl.Int32), "metric", pl.col("value").alias(name))
        )

    return one(stated.filter(is_original), "budget_original"), one(
        stated.filter(is_adjusted), "budget_adjusted"
    )


__all__ = ["DEFAULT_METRICS", "ZERO_BUDGET", "execution_rates"]

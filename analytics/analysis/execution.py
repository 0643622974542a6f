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

>>> rates = execution_rates(db, ["expenditure_total", "expenditure_project"])
>>> rates.filter(pl.col("rate_pct") > 102.05).select("department", "year", pl.col("rate_pct").round(1)).rows()
[('廊坊市科学技术协会', 2014, 102.1)]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import polars as pl

from analytics.analysis.frames import facts, query, to_float
from analytics.analysis.names import resolve_departments, resolve_metrics
from analytics.analysis.quality import FailedFiguresLeftOut, left_out_message, without_failed
from analytics.labels import EXECUTION_STATUS_ZH
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
"""The `note` of a row whose budget is 0 (kept, without a rate)."""


def execution_rates(
    store: Store,
    metrics: Iterable[str] | str | None = DEFAULT_METRICS,
    *,
    departments: Iterable[str] | str | None = None,
    years: Iterable[int] | None = None,
    include_failed: bool = False,
    with_gaps: bool = False,
) -> pl.DataFrame:
    """Final / budget per department, year and metric, where both figures exist. `metrics=None` takes
    every money metric.

    Columns: department, department_type, year, metric, name_zh, budget, final, difference
    (final - budget), rate_pct (final / budget x 100, null for a zero budget), budget_basis,
    final_basis, budget_original, budget_adjusted, rate_original_pct, rate_adjusted_pct, note
    (`budget is zero`, else null), status (`compared` or `zero budget`), status_zh.

    `with_gaps=True` also keeps the department-years that have only one of the two figures, with
    rate_pct null and `status` saying why (`no final`, `no budget`; `status_zh` in Chinese), so that
    a table or heat map can say so instead of leaving a blank.

    >>> rates = execution_rates(db, ["expenditure_total"], departments=["财政局"])
    >>> rates.select("year", "budget", "final", "rate_pct").rows()
    [(2014, 1000.0, 990.0, 99.0), (2015, 1050.0, 1060.0, 100.95238095238095), (2016, 1100.0, 1080.0, 98.18181818181819), (2017, 1150.0, 1150.0, 100.0), (2018, 1200.0, 1210.0, 100.83333333333333)]
    >>> gaps = execution_rates(db, ["vehicle_purchase", "expenditure_project"], departments=["财政局"], with_gaps=True)
    >>> gaps.select("metric", "year", "status").unique(["metric", "status"]).sort("metric").rows()
    [('expenditure_project', 2014, 'no final'), ('vehicle_purchase', 2014, 'no budget')]
    """
    chosen = _chosen_metrics(metrics)
    years = None if years is None else list(years)
    wanted = resolve_departments(store, departments)
    found = _figures(store, chosen, wanted, years, include_failed)
    original, adjusted = _budgets(store, chosen, wanted, years, include_failed)
    types = found.select("department", "department_type").unique("department", keep="first")
    keys = ["department", "year", "metric"]
    return (
        _paired(found, with_gaps)
        .join(types, on="department", how="left")
        .join(original, on=keys, how="left")
        .join(adjusted, on=keys, how="left")
        .pipe(_with_rates)
        .select(*COLUMNS)
        .sort("metric", "department", "year")
    )


COLUMNS = (
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
    "status",
    "status_zh",
)
"""The columns of `execution_rates`, in order."""


def _chosen_metrics(metrics: Iterable[str] | str | None) -> list[str]:
    """The metrics asked for, checked; every money metric for None."""
    chosen = resolve_metrics(metrics) or []
    if metrics is None:
        chosen = [m.key for m in metric_vocabulary().values() if m.unit == "money"]
    return chosen


def _figures(
    store: Store,
    metrics: list[str],
    departments: list[str] | None,
    years: list[int] | None,
    include_failed: bool,
) -> pl.DataFrame:
    """The preferred budget and final figures of the departments (Float64), without the failed ones
    unless `include_failed` (a `FailedFiguresLeftOut` warning says how many went)."""
    found = to_float(facts(store, metrics, kinds=["budget", "final"], departments=departments, years=years))
    found = found.filter(pl.col("department").is_not_null())
    if not include_failed:
        found, left_out = without_failed(found)
        if left_out:
            warnings.warn(left_out_message("execution_rates", left_out), FailedFiguresLeftOut, stacklevel=3)
    return found


def _paired(found: pl.DataFrame, with_gaps: bool) -> pl.DataFrame:
    """Each department, year and metric's budget and final figures side by side (with their bases):
    where both exist, or (`with_gaps`) where either does."""
    budget = found.filter(pl.col("kind") == "budget").select(
        "department",
        "year",
        "metric",
        pl.col("value").alias("budget"),
        pl.col("basis").alias("budget_basis"),
    )
    final = found.filter(pl.col("kind") == "final").select(
        "department", "year", "metric", pl.col("value").alias("final"), pl.col("basis").alias("final_basis")
    )
    keys = ["department", "year", "metric"]
    return budget.join(final, on=keys, how="full" if with_gaps else "inner", coalesce=True)


def _with_rates(paired: pl.DataFrame) -> pl.DataFrame:
    """The pairs with name_zh, difference, the three rates, the zero-budget note and the status."""

    def rate(budget_column: str) -> pl.Expr:
        return pl.when(pl.col(budget_column) != 0).then(pl.col("final") / pl.col(budget_column) * 100)

    status = (
        pl.when(pl.col("final").is_null())
        .then(pl.lit("no final"))
        .when(pl.col("budget").is_null())
        .then(pl.lit("no budget"))
        .when(pl.col("budget") == 0)
        .then(pl.lit("zero budget"))
        .otherwise(pl.lit("compared"))
    )
    names = {m.key: m.name_zh for m in metric_vocabulary().values()}
    return paired.with_columns(
        pl.col("metric").replace_strict(names, return_dtype=pl.String).alias("name_zh"),
        (pl.col("final") - pl.col("budget")).alias("difference"),
        rate("budget").alias("rate_pct"),
        rate("budget_original").alias("rate_original_pct"),
        rate("budget_adjusted").alias("rate_adjusted_pct"),
        pl.when(pl.col("budget") == 0).then(pl.lit(ZERO_BUDGET)).alias("note"),
        pl.col("year").cast(pl.Int32),
        status.alias("status"),
    ).with_columns(
        pl.col("status").replace_strict(EXECUTION_STATUS_ZH, return_dtype=pl.String).alias("status_zh")
    )


_BUDGETS = """
    WITH stated AS (
        SELECT f.department, f.year, f.metric, f.value, f.basis, f.method, f.source_path, f.quote,
               d.kind AS document_kind,
               CASE WHEN d.kind = 'budget' OR regexp_matches(f.quote, $2) THEN 'original' ELSE 'adjusted' END
                   AS which
        FROM facts AS f JOIN documents AS d ON d.source_path = f.source_path
        WHERE f.kind = 'budget' AND f.measure = 'amount' AND f.department IS NOT NULL
          AND f.basis IN ('stated', 'corrected') AND d.year = f.year
          AND list_contains($1::VARCHAR[], f.metric) AND ($3 OR f.quality <> 'failed_check') {where}
    )
    SELECT department, year, metric, which, CAST(value AS DOUBLE) AS value FROM stated
    QUALIFY row_number() OVER (
        PARTITION BY department, year, metric, which
        ORDER BY basis = 'corrected' DESC, document_kind = 'budget' DESC, method = 'table' DESC, source_path,
                 quote, value
    ) = 1
"""


def _budgets(
    store: Store,
    metrics: list[str],
    departments: list[str] | None,
    years: list[int] | None,
    include_failed: bool,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(original, adjusted) budget figures per department, year and metric: every stated budget
    figure of a document of its own year, told apart by the kind of that document (and its quote)."""
    parameters: list[object] = [metrics, ORIGINAL_WORDS, include_failed]
    where = ""
    if departments is not None:
        parameters.append(departments)
        where += f" AND list_contains(${len(parameters)}::VARCHAR[], f.department)"
    if years is not None:
        parameters.append(years)
        where += f" AND list_contains(${len(parameters)}::INTEGER[], f.year)"
    rows = query(store, _BUDGETS.format(where=where), parameters)

    def one(which: str, name: str) -> pl.DataFrame:
        return rows.filter(pl.col("which") == which).select(
            "department",
            pl.col("year").cast(pl.Int32),
            "metric",
            pl.col("value").cast(pl.Float64).alias(name),
        )

    return one("original", "budget_original"), one("adjusted", "budget_adjusted")


__all__ = ["DEFAULT_METRICS", "ZERO_BUDGET", "execution_rates"]

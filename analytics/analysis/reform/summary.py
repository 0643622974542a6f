"""Per department and metric: the means before and after the reform, their change, and whether the
department is in the fixed panel (every metric compared has at least `min_years` figures on each
side); a department left out says why, for the first metric that cannot be compared.
"""

from __future__ import annotations

import polars as pl

from analytics.analysis.sums import exact_mean
from analytics.labels import EXCLUSION_REASONS_ZH
from analytics.reference import metrics as metric_vocabulary

COLUMNS = (
    "department",
    "department_type",
    "region",
    "level",
    "reform_year",
    "reform_source",
    "metric",
    "measured_by",
    "before",
    "after",
    "n_before",
    "n_after",
    "change",
    "change_pct",
    "in_panel",
    "excluded_because",
    "excluded_because_zh",
)
"""The columns of `ReformResult.departments`, in order."""


def summarise(series: pl.DataFrame, years: pl.DataFrame, metrics: list[str], min_years: int) -> pl.DataFrame:
    """One row per department and metric of `series` (as `windowed_series` gives it), with its reform
    year from `years`, the means on each side, the change, and the panel membership (see `COLUMNS`)."""
    grid = _with_reasons(_sides(series, years), metrics, min_years)
    panel = _panel(grid, len(metrics))
    in_panel = pl.col("department").is_in(panel)
    grid = grid.join(_first_reasons(grid), on="department", how="left").with_columns(
        in_panel.alias("in_panel"),
        pl.when(in_panel).then(None).otherwise(pl.col("_first")).alias("excluded_because"),
        pl.when(in_panel).then(None).otherwise(pl.col("_first_zh")).alias("excluded_because_zh"),
        (pl.col("after") - pl.col("before")).alias("change"),
        pl.when(pl.col("before") != 0)
        .then((pl.col("after") - pl.col("before")) / pl.col("before").abs() * 100)
        .alias("change_pct"),
    )
    return grid.sort("_order", "department").select(*COLUMNS)


def _sides(series: pl.DataFrame, years: pl.DataFrame) -> pl.DataFrame:
    """Per department and metric present in `series`: the means and numbers of figures before and
    after (0 where there are none), with the department's reform year and where it comes from."""
    windowed = series.filter(pl.col("period").is_not_null())
    sides = windowed.group_by("department", "metric", "measured_by").agg(
        exact_mean(pl.col("value").filter(pl.col("period") == "before")).alias("before"),
        exact_mean(pl.col("value").filter(pl.col("period") == "after")).alias("after"),
        (pl.col("period") == "before").sum().cast(pl.Int32).alias("n_before"),
        (pl.col("period") == "after").sum().cast(pl.Int32).alias("n_after"),
    )
    present = series.select("department", "metric").unique()
    grid = present.join(sides, on=["department", "metric"], how="left").join(
        years.select(
            "department",
            "department_type",
            "region",
            "level",
            "reform_year",
            pl.col("source").alias("reform_source"),
        ),
        on="department",
        how="left",
    )
    return grid.with_columns(
        pl.col("n_before").fill_null(0),
        pl.col("n_after").fill_null(0),
        pl.col("measured_by").fill_null(pl.col("metric")),
    )


def _with_reasons(grid: pl.DataFrame, metrics: list[str], min_years: int) -> pl.DataFrame:
    """`grid` with `_reason` (why the metric cannot be compared for the department, null when it
    can), `_reason_zh` ('公务用车运行维护费：改革前数据不足') and `_order` (the metric's position)."""
    reason = (
        pl.when(pl.col("reform_year").is_null())
        .then(pl.lit("no reform year"))
        .when(pl.col("n_before") < min_years)
        .then(pl.lit("too few figures before the reform"))
        .when(pl.col("n_after") < min_years)
        .then(pl.lit("too few figures from the reform year on"))
    )
    order = {m: i for i, m in enumerate(metrics)}
    names = {key: m.name_zh for key, m in metric_vocabulary().items()}
    return grid.with_columns(
        reason.alias("_reason"),
        pl.col("metric").replace_strict(order, return_dtype=pl.Int32).alias("_order"),
        (
            pl.col("metric").replace_strict(names, default=pl.col("metric"), return_dtype=pl.String)
            + "："
            + reason.replace_strict(EXCLUSION_REASONS_ZH, default=reason, return_dtype=pl.String)
        ).alias("_reason_zh"),
    )


def _panel(grid: pl.DataFrame, metrics: int) -> set[str]:
    """The departments in the panel: every one of the `metrics` metrics can be compared."""
    complete = (
        grid.filter(pl.col("_reason").is_null())
        .group_by("department")
        .agg(pl.col("metric").n_unique().alias("_n"))
    )
    return set(complete.filter(pl.col("_n") == metrics)["department"].to_list())


def _first_reasons(grid: pl.DataFrame) -> pl.DataFrame:
    """Per department, the first metric that cannot be compared and why: `_first`
    ('vehicle_operation: too few figures before the reform') and `_first_zh`."""
    return (
        grid.filter(pl.col("_reason").is_not_null())
        .sort("_order")
        .group_by("department")
        .agg(
            (pl.col("metric") + ": " + pl.col("_reason")).first().alias("_first"),
            pl.col("_reason_zh").first().alias("_first_zh"),
        )
    )


__all__ = ["COLUMNS", "summarise"]

"""Budget execution: final against budget, with outliers flagged."""

from __future__ import annotations

import polars as pl

from analytics.analysis import execution_rates, flag_outliers
from analytics.charts import execution_heatmap
from analytics.labels import metric_name
from analytics.load import Store
from analytics.reference import metrics
from analytics.report.model import ReportFigure, ReportTable, Section
from analytics.report.sections.common import EXECUTION_METRICS, Inventory, Scope, labels, rounded

HEADINGS = labels(
    ("name_zh", "指标"),
    ("budget", "预算数（万元）"),
    ("final", "决算数（万元）"),
    ("difference", "差额（万元）"),
    ("rate_pct", "执行率（%）"),
    ("note", "说明"),
)
"""The execution table's headings."""


def execution(store: Store, where: Scope, found: Inventory) -> Section:
    """Final against budget for the same department, year and metric, with outliers flagged."""
    title = "预算执行"
    money = [m for m in (where.metrics or EXECUTION_METRICS) if metrics()[m].unit == "money"]
    every = rounded(
        execution_rates(store, money, departments=list(where.departments), years=where.years, with_gaps=True)
    )
    rates = every.filter(pl.col("status") == "compared")
    if rates.is_empty():
        return Section(
            "execution", title, empty="所选范围内没有同一部门、同一年度、同一指标的预算数和决算数可以对比。"
        )
    flagged = rounded(flag_outliers(rates, "rate_pct", within=["metric", "year"]))
    zero = every.filter(pl.col("status") == "zero budget")
    shown = "expenditure_total" if "expenditure_total" in set(rates["metric"]) else str(rates["metric"][0])
    figure = ReportFigure(
        f"execution_{shown}",
        f"{metric_name(shown)}执行率（决算 ÷ 预算）",
        execution_heatmap(every, shown),
        caption="蓝色低于预算，红色高于预算，白色约等于预算；格中数字为执行率（%），* 表示由推算数计算；"
        "灰格没有执行率：预算0＝预算为零，缺决算 / 缺预算＝当年只有一方的数，无数据＝两方都没有。",
    )
    table = ReportTable("execution", "预算执行率", _table(flagged, zero), HEADINGS)
    return Section("execution", title, _paragraphs(flagged, zero), (figure,), (table,))


def _paragraphs(flagged: pl.DataFrame, zero: pl.DataFrame) -> tuple[str, ...]:
    """How many rates there are, how many are far from the budget or from other departments', and
    what became of the zero budgets and the years with one figure only."""
    over = flagged.filter(pl.col("rate_pct") > 110).height
    under = flagged.filter(pl.col("rate_pct") < 90).height
    outliers = flagged.filter(pl.col("outlier")).height
    return (
        f"共 {flagged.height} 组预算数与决算数可以对比（同一部门、年度、指标）。执行率 = 决算数 ÷ 预算数；"
        f"超出预算 10% 以上的 {over} 组，低于预算 10% 以上的 {under} 组；"
        f"与同年同指标的其他部门相比明显异常（稳健 z 分数绝对值大于 3.5）的 {outliers} 组。",
        f"另有 {zero.height} 组预算为 0，无法计算执行率（其中决算也为 0 的 "
        f"{zero.filter(pl.col('final') == 0).height} 组），列在表末；只有预算数或只有决算数的年度不计执行率，"
        "在热力图中以灰格标出。"
        if zero.height
        else "只有预算数或只有决算数的年度不计执行率，在热力图中以灰格标出。",
        "下表按执行率偏离 100% 的程度排序；“说明”一栏指出推算数（由次年文档所述增减倒推，非文档印出）。",
    )


def _table(flagged: pl.DataFrame, zero: pl.DataFrame) -> pl.DataFrame:
    """The rates, furthest from 100 % first, then the zero budgets; `note` says why a row has no rate
    or which of its figures are derived."""
    deviation = (pl.col("rate_pct") - 100).abs()
    zero_rows = zero.with_columns(
        pl.lit(None, pl.Float64).alias("robust_z"),
        pl.lit(None, pl.Int32).alias("peers"),
        pl.lit(False).alias("outlier"),
    ).select(flagged.columns)
    return (
        pl.concat([flagged, zero_rows], how="vertical_relaxed")
        .sort(
            [deviation, "department", "year", "metric"],
            descending=[True, False, False, False],
            nulls_last=True,
        )
        .select(
            "department",
            "year",
            "name_zh",
            "budget",
            "final",
            "difference",
            "rate_pct",
            "robust_z",
            "outlier",
            pl.when(pl.col("status") != "compared")
            .then(pl.col("status_zh"))
            .when((pl.col("budget_basis") != "stated") & (pl.col("final_basis") != "stated"))
            .then(pl.lit("预算数和决算数都是推算数"))
            .when(pl.col("budget_basis") != "stated")
            .then(pl.lit("预算数是推算数"))
            .when(pl.col("final_basis") != "stated")
            .then(pl.lit("决算数是推算数"))
            .alias("note"),
        )
        .with_columns(pl.col("outlier").replace_strict({True: "是", False: ""}, return_dtype=pl.String))
    )

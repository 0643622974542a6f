"""Budget execution: final against budget, with outliers flagged."""

from __future__ import annotations

import polars as pl

from analytics.analysis import execution_rates, flag_outliers
from analytics.charts import execution_heatmap
from analytics.load import Store
from analytics.reference import metrics
from analytics.report.model import ReportFigure, ReportTable, Section
from analytics.report.sections.common import EXECUTION_METRICS, Inventory, Scope, labels, metric_zh, rounded


def execution(store: Store, where: Scope, found: Inventory) -> Section:
    """Final against budget for the same department, year and metric, with outliers flagged."""
    title = "预算执行"
    money = [m for m in (where.metrics or EXECUTION_METRICS) if metrics()[m].unit == "money"]
    rates = rounded(execution_rates(store, money, departments=list(where.departments), years=where.years))
    if rates.is_empty():
        return Section(
            "execution", title, empty="所选范围内没有同一部门、同一年度、同一指标的预算数和决算数可以对比。"
        )
    flagged = rounded(flag_outliers(rates, "rate_pct", within=["metric", "year"]))
    over = flagged.filter(pl.col("rate_pct") > 110).height
    under = flagged.filter(pl.col("rate_pct") < 90).height
    outliers = flagged.filter(pl.col("outlier")).height
    paragraphs = (
        f"共 {flagged.height} 组预算数与决算数可以对比（同一部门、年度、指标）。执行率 = 决算数 ÷ 预算数；"
        f"超出预算 10% 以上的 {over} 组，低于预算 10% 以上的 {under} 组；"
        f"与同年同指标的其他部门相比明显异常（稳健 z 分数绝对值大于 3.5）的 {outliers} 组。",
        "下表按执行率偏离 100% 的程度排序。",
    )
    deviation = (pl.col("rate_pct") - 100).abs()
    table = (
        flagged.sort(
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
        )
        .with_columns(pl.col("outlier").replace_strict({True: "是", False: ""}, return_dtype=pl.String))
    )
    shown = "expenditure_total" if "expenditure_total" in set(rates["metric"]) else str(rates["metric"][0])
    figure = ReportFigure(
        f"execution_{shown}",
        f"{metric_zh(shown)}执行率（决算 ÷ 预算）",
        execution_heatmap(rates, shown),
        caption="蓝色低于预算，红色高于预算，白色约等于预算；格中数字为执行率（%）。",
    )
    headers = labels(
        ("name_zh", "指标"),
        ("budget", "预算数（万元）"),
        ("final", "决算数（万元）"),
        ("difference", "差额（万元）"),
        ("rate_pct", "执行率（%）"),
    )
    return Section(
        "execution", title, paragraphs, (figure,), (ReportTable("execution", "预算执行率", table, headers),)
    )

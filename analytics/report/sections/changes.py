"""The largest year-on-year changes, with the reasons the documents state."""

from __future__ import annotations

import polars as pl

from analytics.analysis import facts, flag_outliers, year_on_year
from analytics.labels import BASIS_ZH
from analytics.load import Store
from analytics.reference import metrics
from analytics.report.model import ReportTable, Section
from analytics.report.sections.common import (
    CHANGE_METRICS,
    Inventory,
    Scope,
    labels,
    metric_names,
    rounded,
    translate,
)


def largest_changes(store: Store, where: Scope, found: Inventory) -> Section:
    """The largest year-on-year changes in 万元, with the reason each document states."""
    title = "变化最大的项目及原因"
    chosen = [m for m in (where.metrics or CHANGE_METRICS) if metrics()[m].unit == "money"]
    parts = []
    for metric in chosen:
        series = where.series(store, metric)
        if series.height:
            parts.append(year_on_year(series).filter(pl.col("change").is_not_null()))
    if not parts:
        return Section("changes", title, empty=f"所选范围内没有连续两年的{where.kind_zh}数据。")
    changes = rounded(flag_outliers(pl.concat(parts, how="vertical_relaxed"), "change_pct"))
    stated = (
        facts(store, chosen, measure="yoy_change", kinds=[where.kind], departments=list(where.departments))
        .filter(pl.col("reason").is_not_null())
        .sort("department", "metric", "year", "source_path", "quote")
        .unique(["department", "metric", "year"], keep="first", maintain_order=True)
        .select(
            "department",
            "metric",
            pl.col("year").cast(pl.Int32),
            "reason",
            pl.col("quote").alias("reason_quote"),
        )
    )
    size = pl.col("change").abs()
    top = (
        changes.join(stated, on=["department", "metric", "year"], how="left")
        .sort([size, "department", "metric", "year"], descending=[True, False, False, False])
        .head(where.config.largest_changes)
    )
    with_reason = top.filter(pl.col("reason").is_not_null()).height
    paragraphs = (
        f"{where.kind_zh}数据中比上年增减金额最大的 {top.height} 项（共 {changes.height} 项可比），"
        f"其中 {with_reason} 项在文档中说明了原因。“异常”指与同年同指标其他部门相比增减幅度明显偏离"
        "（稳健 z 分数绝对值大于 3.5）。",
    )
    table = translate(
        metric_names(top).select(
            "department",
            "metric",
            "year",
            "prior_value",
            "value",
            "change",
            "change_pct",
            "reason",
            "reason_quote",
            "outlier",
            "basis",
        ),
        "basis",
        BASIS_ZH,
    ).with_columns(pl.col("outlier").replace_strict({True: "是", False: ""}, return_dtype=pl.String))
    headers = labels(("value", "本年（万元）"), ("reason_quote", "原文"))
    return Section(
        "changes",
        title,
        paragraphs,
        tables=(ReportTable("largest_changes", "增减最大的项目", table, headers),),
    )

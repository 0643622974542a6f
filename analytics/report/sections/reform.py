"""The vehicle reform: before/after each department's reform year, pooled, and a difference-in-differences."""

from __future__ import annotations

import polars as pl

from analytics.analysis import ReformResult, reform_effects, reform_reference
from analytics.analysis.reform import LEVELS
from analytics.charts import reform_slope_chart
from analytics.labels import LEVEL_ZH, REFORM_YEAR_SOURCE_ZH, metric_name
from analytics.load import Store
from analytics.report.model import ReportFigure, ReportTable, Section
from analytics.report.sections.common import (
    Inventory,
    Scope,
    labels,
    metric_names,
    translate,
)

METHOD = (
    "改革年度优先取文档自己的表述（如“主要原因是公车改革”），否则按省份和行政级别取参考表"
    "（data/reference/vehicle_reform.csv）。改革后公务用车运行费下降，但公务交通补贴计入人员经费，"
    "所以同时列出人员经费。区间为按部门重抽样的 95% bootstrap 区间；双重差分把改革当年的变化与"
    "尚未改革的部门同期的变化相比。"
)
"""How the section's numbers are made, after the result's own description."""


POOLED_HEADINGS = labels(
    ("mean_before", "改革前均值"),
    ("mean_after", "改革后均值"),
    ("mean_change_pct", "平均变化（%）"),
    ("ci_low", "区间下限（%）"),
    ("ci_high", "区间上限（%）"),
    ("median_change_pct", "中位数变化（%）"),
    ("total_change_pct", "合计变化（%）"),
    ("share_decreased", "下降部门占比（%）"),
)
"""The pooled table's headings."""

DID_HEADINGS = labels(
    ("cohort", "改革年度"),
    ("treated", "改革部门数"),
    ("control", "对照部门数"),
    ("treated_change_pct", "改革部门变化（%）"),
    ("control_change_pct", "对照部门变化（%）"),
    ("did_pp", "差异（百分点）"),
    ("ci_low", "区间下限"),
    ("ci_high", "区间上限"),
)
"""The difference-in-differences table's headings."""


def vehicle_reform(store: Store, where: Scope, found: Inventory) -> Section:
    """Before/after each department's reform year, pooled with a bootstrap interval, and a
    difference-in-differences against departments not yet reformed."""
    title = "公务用车改革前后"
    reference = _config_reference(where)
    result = reform_effects(
        store,
        kind=where.kind,
        departments=list(where.departments),
        reference=reference if reference is not None else reform_reference(),
        from_documents=reference is None,
        seed=where.config.bootstrap_seed,
    )
    if result.frame.is_empty():
        return Section(
            "vehicle_reform",
            title,
            empty=f"所选范围内没有部门在改革年度前后都有{where.kind_zh}数据，无法比较。",
        )
    return Section(
        "vehicle_reform",
        title,
        (result.describe_zh(), METHOD),
        _figures(result, where),
        _tables(result, where, from_config=reference is not None),
    )


def _config_reference(where: Scope) -> pl.DataFrame | None:
    """The config's reform year as a reference (one year for every level; the documents are then not
    consulted), or None when the config names none."""
    if where.config.reform_year is None:
        return None
    return pl.DataFrame(
        {
            "province": ["*"] * len(LEVELS),
            "level": list(LEVELS),
            "reform_year": [where.config.reform_year] * len(LEVELS),
            "note": ["report config"] * len(LEVELS),
        },
        schema={"province": pl.String, "level": pl.String, "reform_year": pl.Int32, "note": pl.String},
    )


def _figures(result: ReformResult, where: Scope) -> tuple[ReportFigure, ...]:
    """A slope chart of running costs and one of personnel costs, where the panel has them."""
    return tuple(
        ReportFigure(
            f"reform_{metric}",
            f"改革前后的{metric_name(metric)}（{where.kind_zh}，各部门）",
            reform_slope_chart(result, metric),
            caption="每条线连接一个部门改革前与改革后的平均值；向下的线为减少。点击图例中的部门可突出它。",
        )
        for metric in ("vehicle_operation", "expenditure_personnel")
        if result.frame.filter(pl.col("metric") == metric).height
    )


def _reform_years(result: ReformResult, where: Scope, *, from_config: bool) -> pl.DataFrame:
    """Each department's reform year, its level and where the year came from, in Chinese."""
    years = result.reform_years.filter(pl.col("department").is_in(list(where.departments))).select(
        "department", "level", "reform_year", "source", "stated_quote"
    )
    years = translate(translate(years, "source", REFORM_YEAR_SOURCE_ZH), "level", LEVEL_ZH)
    return years.with_columns(
        pl.when(from_config)
        .then(pl.lit(REFORM_YEAR_SOURCE_ZH["config"]))
        .otherwise(pl.col("source"))
        .alias("source")
    )


def _tables(result: ReformResult, where: Scope, *, from_config: bool) -> tuple[ReportTable, ...]:
    """The pooled before/after, the difference-in-differences, the reform years, and the departments
    left out."""
    pooled = metric_names(result.pooled).with_columns(
        (pl.col("share_decreased") * 100).alias("share_decreased")
    )
    did = metric_names(result.did).with_columns(pl.col("cohort").cast(pl.String).fill_null("合计"))
    left_out = metric_names(
        result.departments.filter(~pl.col("in_panel")).select(
            "department", "metric", pl.col("excluded_because_zh").alias("excluded_because")
        )
    ).sort("department", "metric")
    return (
        ReportTable(
            "reform_pooled",
            "改革前后（固定面板）",
            pooled,
            POOLED_HEADINGS,
            note="均值单位：万元（车辆数为辆）。",
        ),
        ReportTable("reform_did", "双重差分（改革当年与上年相比）", did, DID_HEADINGS),
        ReportTable(
            "reform_years",
            "各部门的改革年度",
            _reform_years(result, where, from_config=from_config),
            labels(
                ("level", "行政级别"),
                ("reform_year", "改革年度"),
                ("source", "依据"),
                ("stated_quote", "原文"),
            ),
        ),
        ReportTable("reform_left_out", "未纳入比较的部门", left_out, labels(("excluded_because", "原因"))),
    )

"""The Chinese labels analysts read, in one place: kinds, bases, levels, statuses, measures, check
names, and the metric names (which come from the metric vocabulary in data/reference/metrics.csv).

Each mapping goes from the value the database or an analysis holds (`kind = 'final'`,
`basis = 'derived'`, `status = 'no final'`) to the label the charts, the report and the analyses'
`*_zh` columns print. A value a mapping does not know is shown as it is by every user.

>>> KIND_ZH["final"], BASIS_ZH["derived"], LEVEL_ZH["county"]
('决算', '推算数', '县级')
>>> metric_name("three_public_total"), metric_label("vehicle_operation"), metric_label("vehicles_count")
('“三公”经费', '公务用车运行维护费（万元）', '车辆数')
"""

from __future__ import annotations

from analytics.reference import metrics

# -- what a figure is ------------------------------------------------------------------------------

KIND_ZH = {"budget": "预算", "final": "决算"}
"""The kind of a document or a figure (`kind`): 预算 (budget) or 决算 (final accounts)."""

BASIS_ZH = {"stated": "公开数", "derived": "推算数", "filled": "补齐数", "corrected": "更正数"}
"""How a figure was obtained (`basis`): printed, worked back from a stated change, filled from other
figures, or set by a hand correction."""

MEASURE_ZH = {"amount": "", "yoy_change": "比上年增减额", "yoy_pct": "比上年增减幅度"}
"""What a figure's name adds for its `measure` (nothing for the amount itself)."""

UNIT_ZH = {"money": "万元", "percent": "%"}
"""A metric's unit (`unit` in the vocabulary) as an axis title or a heading gives it; counts have none."""

LEVEL_ZH = {"central": "中央", "province": "省级", "prefecture": "地市级", "county": "县级"}
"""A department's administrative level."""

METADATA_FIELD_ZH = {"department": "部门", "region": "地区", "year": "年度", "kind": "类型（预算或决算）"}
"""The metadata fields of a document that the extract stage must find."""

# -- statuses --------------------------------------------------------------------------------------

DOCUMENT_STATUS_ZH = {"ok": "正常", "error": "失败"}
"""Whether a document was read (`documents.status`)."""

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
"""A check's `severity`."""

CORRECTION_STATUS_ZH = {
    "applied": "已更正",
    "document_changed": "文件已变更，未更正",
    "document_missing": "数据库中无此文件，未更正",
    "no_figure": "文件中无此数字，未更正",
    "invalid": "更正记录有误，未更正",
}
"""What became of a hand correction on the last ingest (`status` of the corrections)."""

EXECUTION_STATUS_ZH = {
    "compared": "可比",
    "zero budget": "预算为0，无法计算执行率",
    "no final": "缺决算数",
    "no budget": "缺预算数",
}
"""Why an execution row has a rate or not (`status` of `execution_rates`; its `status_zh`)."""

EXECUTION_CELL_ZH = {
    "zero budget": "预算0",
    "no final": "缺决算",
    "no budget": "缺预算",
    "no figures": "无数据",
}
"""The same, short enough for a heat-map cell, and `no figures` for a year with neither figure."""

# -- analyses --------------------------------------------------------------------------------------

EXCLUSION_REASONS_ZH = {
    "no reform year": "没有改革年度",
    "too few figures before the reform": "改革前数据不足",
    "too few figures from the reform year on": "改革年度起数据不足",
}
"""Why a department was left out of the reform comparison (`excluded_because`; its
`excluded_because_zh`)."""

REFORM_YEAR_SOURCE_ZH = {"document": "文档表述", "reference": "参考表", "config": "报告配置"}
"""Where a department's reform year came from."""

DIRECTION_ZH = {"gained": "上升", "lost": "下降", "unchanged": "基本不变"}
"""Which way a share moved (`direction` of `science_shift`)."""

CHECK_NAMES_ZH: dict[str, str] = {
    "sum:budget_line": "科目合计",
    "sum:budget_line_children": "科目与下级科目",
    "sum:activities:expenditure_project": "绩效活动与项目支出",
    "sum:activity": "绩效活动与下级活动",
    "sum": "分项之和",
    "repeated": "同一数字前后不一",
    "prior_year": "与上年文档不一",
    "duplicate_row:performance_goals": "绩效指标重复",
    "mixed_units:performance_goals": "绩效标准单位不一",
    "metadata": "文档信息缺失",
    "no_figures": "没有读出数字",
    "unit:assumed": "未标单位",
    "scale": "量级不符",
    "table:unread": "标准表未读出",
    "table:loose_row": "错位行未全读出",
}
"""What each kind of check tests (its name, or the prefix before a `:` part), in a few Chinese words
(the report's 检查项 column; `analytics.report.messages` has each kind's sentence)."""

# -- metrics ---------------------------------------------------------------------------------------


def metric_name(key: str) -> str:
    """The Chinese name of a metric in the vocabulary (the key itself when unknown).

    >>> metric_name("reception"), metric_name("not_a_metric")
    ('公务接待费', 'not_a_metric')
    """
    metric = metrics().get(key)
    return metric.name_zh if metric else key


def metric_label(key: str) -> str:
    """An axis title: the Chinese name with its unit, e.g. 车辆数 for a count, 项目支出（万元）."""
    metric = metrics().get(key)
    if metric is None:
        return key
    unit = UNIT_ZH.get(metric.unit)
    return f"{metric.name_zh}（{unit}）" if unit else metric.name_zh


__all__ = [
    "BASIS_ZH",
    "CHECK_NAMES_ZH",
    "CORRECTION_STATUS_ZH",
    "DIRECTION_ZH",
    "DOCUMENT_STATUS_ZH",
    "EXCLUSION_REASONS_ZH",
    "EXECUTION_CELL_ZH",
    "EXECUTION_STATUS_ZH",
    "KIND_ZH",
    "LEVEL_ZH",
    "MEASURE_ZH",
    "METADATA_FIELD_ZH",
    "REFORM_YEAR_SOURCE_ZH",
    "SEVERITY_ZH",
    "UNIT_ZH",
    "metric_label",
    "metric_name",
]

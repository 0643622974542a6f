"""What every section shares: column headings, the selection and its scope, fixed-panel wording, rounded numbers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import polars as pl

from analytics.analysis import PanelResult, metric_series, panel_years
from analytics.analysis import documents as document_rows
from analytics.analysis.execution import DEFAULT_METRICS as DEFAULT_EXECUTION_METRICS
from analytics.labels import KIND_ZH
from analytics.load import Store
from analytics.reference import family, metrics
from analytics.report.config import ReportConfig, Selection
from analytics.report.model import ReportTable

THREE_PUBLIC = family("three_public_total")
"""The "三公" metrics the trend section follows (the total first)."""

CHANGE_METRICS = (
    "expenditure_total",
    "expenditure_basic",
    "expenditure_personnel",
    "expenditure_public_operating",
    "expenditure_project",
    "operating_expenses",
    "three_public_total",
    "overseas_travel",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
    "meeting_expenses",
    "training_expenses",
    "procurement_total",
)
"""Metrics whose year-on-year changes the largest-changes section ranks, unless the config names some."""

EXECUTION_METRICS = DEFAULT_EXECUTION_METRICS
"""Metrics compared budget against final, unless the config names some."""

LABELS: dict[str, str] = {
    "department": "部门",
    "department_type": "部门类型",
    "region": "地区",
    "province": "省份",
    "year": "年度",
    "kind": "类型",
    "metric": "指标",
    "measure": "度量",
    "value": "数值（万元）",
    "title": "标题",
    "format": "格式",
    "source_path": "来源文件",
    "status": "状态",
    "error": "错误信息",
    "check_name": "检查项",
    "check_zh": "检查项",
    "severity": "级别",
    "check_year": "数据年度",
    "expected": "应为",
    "actual": "实际",
    "message": "说明",
    "quote": "原文",
    "reason": "文档说明的原因",
    "documents": "文档数",
    "departments": "部门数",
    "budget": KIND_ZH["budget"],
    "final": KIND_ZH["final"],
    "total": "合计",
    "budget_years": "预算年度",
    "final_years": "决算年度",
    "years_present": "有数据的年度",
    "years_missing": "缺少的年度",
    "change": "比上年增减（万元）",
    "change_pct": "增减（%）",
    "index": "指数（首年=100）",
    "prior_value": "上年（万元）",
    "basis": "数据来源",
    "outlier": "异常",
    "robust_z": "稳健 z 分数",
}
"""The report tables' column headings (a table adds its own with `labels()`); the labels of the
values in them (kinds, bases, statuses) are in `analytics.labels`."""


# Computed numbers as the page shows them: 6 decimals (33.333333, not 33.33333333333333) in the
# tables and their CSV files, and in rankings, which should treat amounts equal to 6 decimals as equal
# (0.3 - 0.1 is 0.19999999999999998). Not needed for determinism: the analyses' sums are exact.
DECIMALS = 6


def rounded(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with its Float64 columns rounded to DECIMALS places (see above)."""
    floats = [name for name, dtype in frame.schema.items() if dtype == pl.Float64]
    return frame.with_columns(pl.col(floats).round(DECIMALS)) if floats else frame


def labels(*extra: tuple[str, str]) -> dict[str, str]:
    return {**LABELS, **dict(extra)}


def metric_names(frame: pl.DataFrame, column: str = "metric") -> pl.DataFrame:
    """`column` of metric keys replaced by their Chinese names (the CSV keeps the same values)."""
    names = {m.key: m.name_zh for m in metrics().values()}
    return frame.with_columns(
        pl.col(column).replace_strict(names, default=pl.col(column), return_dtype=pl.String)
    )


# A web page's title is often its <title> and its heading run together ("X部门预算公开X部门预算公开"):
# a run of 6 characters or more repeated straight after itself (spaces between allowed) is said once.
_REPEATED_RUN = re.compile(r"(.{6,}?)(?:\s*\1)+")


def display_title(title: str | None) -> str | None:
    """A document title as the page shows it: a part repeated straight after itself said once.

    >>> display_title("廊坊市财政局2022年部门预算信息公开廊坊市财政局2022年部门预算信息公开")
    '廊坊市财政局2022年部门预算信息公开'
    >>> display_title("2016年部门决算 2016年部门决算"), display_title("关于关于")
    ('2016年部门决算', '关于关于')
    """
    if title is None:
        return None
    return _REPEATED_RUN.sub(r"\1", title)


def translate(frame: pl.DataFrame, column: str, names: dict[str, str]) -> pl.DataFrame:
    if column not in frame.columns:
        return frame
    return frame.with_columns(
        pl.col(column).replace_strict(names, default=pl.col(column), return_dtype=pl.String)
    )


# -- what the report covers ----------------------------------------------------------------------


@dataclass(frozen=True)
class Inventory:
    """The documents a report covers: `documents` readable ones in the selection, of
    `total_in_database` rows in `documents` (any status); `frame` is those documents."""

    frame: pl.DataFrame
    documents: int
    total_in_database: int
    years: tuple[int, ...]


def inventory(store: Store, selection: Selection) -> Inventory:
    """The readable documents the selection covers."""
    every = document_rows(store, status=None)
    chosen = select(every.filter(pl.col("status") == "ok"), selection)
    years = tuple(sorted({int(y) for y in chosen["year"].drop_nulls()}))
    return Inventory(chosen, chosen.height, every.height, years)


def select(frame: pl.DataFrame, selection: Selection) -> pl.DataFrame:
    """The rows of `frame` inside the selection's regions, departments, types and years (on the
    columns the frame has)."""
    filters: list[tuple[str, Sequence[object]]] = [
        ("region", selection.regions),
        ("department", selection.departments),
        ("department_type", selection.department_types),
        ("year", selection.years),
    ]
    for column, values in filters:
        if values and column in frame.columns:
            frame = frame.filter(pl.col(column).is_in(list(values)))
    return frame


@dataclass(frozen=True)
class Scope:
    """What the analysis sections work on: the selected departments and years, the kind of figures
    (final accounts unless the selection has none), and the config's metric selection."""

    departments: tuple[str, ...]
    years: tuple[int, ...] | None  # None: every year
    kind: str
    metrics: tuple[str, ...]  # empty: each section's default
    config: ReportConfig
    panel_years: tuple[int, ...] = ()  # the years the trends' fixed panels cover

    @property
    def kind_zh(self) -> str:
        return KIND_ZH[self.kind]

    def metrics_or(self, defaults: Sequence[str]) -> list[str]:
        """The selected metrics among `defaults`, or all of `defaults` when none are selected."""
        return [m for m in defaults if m in self.metrics] if self.metrics else list(defaults)

    def series(self, store: Store, metric: str) -> pl.DataFrame:
        """`metric_series` of one metric for the scope's departments, years and kind."""
        return metric_series(
            store, metric, kind=self.kind, departments=list(self.departments), years=self.years
        )

    def keep(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Rows of the scope's departments and years."""
        frame = frame.filter(pl.col("department").is_in(list(self.departments)))
        return frame.filter(pl.col("year").is_in(list(self.years))) if self.years else frame


def scope_of(store: Store, config: ReportConfig, found: Inventory) -> Scope:
    """The departments, years and kind the config selects, and the years of the trends' panels:
    the config's years when it names them, else the span `analytics.analysis.panel_years` picks for
    the "三公" total (all sections then share it)."""
    kinds = set(found.frame["kind"].drop_nulls().to_list())
    kind = config.kind if config.kind != "auto" else ("final" if "final" in kinds else "budget")
    departments = tuple(sorted(found.frame["department"].drop_nulls().unique().to_list()))
    where = Scope(departments, config.selection.years or None, kind, config.selection.metrics, config)
    chosen = config.selection.years or panel_years(where.series(store, "three_public_total"))
    return replace(where, panel_years=tuple(chosen))


def year_span(years: Sequence[int]) -> str:
    if not years:
        return "（无年份）"
    if len(years) == 1:
        return f"{years[0]} 年"
    if list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]} 年"
    return "、".join(str(y) for y in years) + " 年"


def panel_sentence(panel: PanelResult, what: str) -> str:
    """A fixed panel in one Chinese sentence: how many departments it keeps, over which years, and
    how many it left out."""
    derived = (
        f"其中 {year_span(panel.derived_years)}的数都是推算数（由次年文档所述增减倒推，并非文档印出）。"
        if panel.derived_years
        else ""
    )
    return (
        f"{panel.included} 个部门在 {year_span(panel.years)}每年都有{what}数据（固定面板），"
        f"{panel.excluded} 个部门因缺少部分年份未纳入。{derived}"
    )


def left_out_table(name: str, series: pl.DataFrame, panel: PanelResult, what: str) -> ReportTable:
    """The departments a fixed panel left out, with the years they have and the years they miss."""
    rows = []
    for department in panel.excluded_departments:
        years = series.filter(pl.col("department") == department)["year"].drop_nulls().to_list()
        have = sorted({int(y) for y in years})
        rows.append((department, have, [y for y in panel.years if y not in have]))
    frame = pl.DataFrame(
        rows,
        schema={
            "department": pl.String,
            "years_present": pl.List(pl.Int64),
            "years_missing": pl.List(pl.Int64),
        },
        orient="row",
    )
    return ReportTable(name, f"未纳入固定面板的部门（{what}）", frame, labels())

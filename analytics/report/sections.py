"""The report's sections, each built from the analysis API (`analytics.analysis`) and the chart
builders (`analytics.charts`); this module only selects, labels and arranges what they return.

Every table is sorted on a full key, so that two runs on the same data give the same page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import polars as pl

from analytics.analysis import frames
from analytics.load import Store
from analytics.reference import metrics
from analytics.report.config import ReportConfig, Selection
from analytics.report.model import ReportTable, Section

KIND_ZH = {"budget": "预算", "final": "决算"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_ZH = {"ok": "正常", "error": "失败"}

LABELS: dict[str, str] = {
    "department": "部门",
    "department_type": "部门类型",
    "region": "地区",
    "province": "省份",
    "year": "年度",
    "kind": "类型",
    "kind_zh": "类型",
    "metric": "指标",
    "metric_zh": "指标",
    "measure": "度量",
    "value": "数值（万元）",
    "title": "标题",
    "format": "格式",
    "source_path": "来源文件",
    "status": "状态",
    "error": "错误信息",
    "check": "检查项",
    "severity": "级别",
    "check_year": "数据年度",
    "expected": "应为",
    "actual": "实际",
    "message": "说明",
    "quote": "原文",
    "reason": "说明的原因",
    "documents": "文档数",
    "budget": "预算",
    "final": "决算",
    "total": "合计",
    "budget_years": "预算年度",
    "final_years": "决算年度",
}


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
    every = frames.documents(store, status=None)
    chosen = select(every.filter(pl.col("status") == "ok"), selection)
    years = tuple(sorted({int(y) for y in chosen["year"].drop_nulls()}))
    return Inventory(chosen, chosen.height, every.height, years)


def select(frame: pl.DataFrame, selection: Selection, *, by_metric: bool = False) -> pl.DataFrame:
    """The rows of `frame` inside the selection (on the columns it has); metrics only if `by_metric`."""
    filters: list[tuple[str, Sequence[object]]] = [
        ("region", selection.regions),
        ("department", selection.departments),
        ("department_type", selection.department_types),
        ("year", selection.years),
    ]
    if by_metric:
        filters.append(("metric", selection.metrics))
    for column, values in filters:
        if values and column in frame.columns:
            frame = frame.filter(pl.col(column).is_in(list(values)))
    return frame


def metric_zh(key: str) -> str:
    """The metric's Chinese name (the key itself if unknown)."""
    known = metrics().get(key)
    return known.name_zh if known else key


def _labels(*extra: tuple[str, str]) -> dict[str, str]:
    return {**LABELS, **dict(extra)}


def _kind_zh(frame: pl.DataFrame, column: str = "kind") -> pl.DataFrame:
    return frame.with_columns(pl.col(column).replace_strict(KIND_ZH, default=pl.col(column)))


# -- coverage ----------------------------------------------------------------------------------


def coverage(store: Store, config: ReportConfig, found: Inventory) -> Section:
    """Documents per year, department and kind, and the list of documents."""
    docs = found.frame
    kinds = docs["kind"].value_counts().sort("kind")
    counts = {str(k): int(n) for k, n in kinds.iter_rows()}
    departments = docs["department"].drop_nulls().n_unique()
    summary = (
        f"本报告涵盖 {found.documents} 份可读文档（预算 {counts.get('budget', 0)} 份、决算 {counts.get('final', 0)} 份），"
        f"来自 {departments} 个部门。"
    )
    by_year = (
        docs.group_by("year", "kind")
        .len("documents")
        .pivot(on="kind", index="year", values="documents")
        .fill_null(0)
    )
    for kind in ("budget", "final"):
        if kind not in by_year.columns:
            by_year = by_year.with_columns(pl.lit(0, pl.UInt32).alias(kind))
    by_year = (
        by_year.select("year", "budget", "final")
        .with_columns(total=pl.col("budget") + pl.col("final"))
        .sort("year", nulls_last=True)
    )
    by_department = (
        docs.group_by("department", "department_type", "region")
        .agg(
            documents=pl.len(),
            budget_years=pl.col("year").filter(pl.col("kind") == "budget").unique().sort(),
            final_years=pl.col("year").filter(pl.col("kind") == "final").unique().sort(),
        )
        .sort("department", "department_type", "region", nulls_last=True)
    )
    listing = _kind_zh(
        docs.select("department", "year", "kind", "title", "format", "source_path").sort(
            "department", "year", "kind", "source_path", nulls_last=True
        )
    )
    tables = (
        ReportTable("coverage_by_year", "每年文档数", by_year, _labels()),
        ReportTable("coverage_by_department", "各部门的文档", by_department, _labels()),
        ReportTable("documents", "文档清单", listing, _labels()),
    )
    return Section("coverage", "数据覆盖", (summary,), tables=tables)


# -- data quality ------------------------------------------------------------------------------


def quality(store: Store, config: ReportConfig, found: Inventory) -> Section:
    """Failed checks with their quotes and files; documents that could not be read, with the message."""
    failed = frames.checks(store, failed_only=True)
    failed = failed.filter(pl.col("source_path").is_in(found.frame["source_path"].to_list()))
    severity_rank = pl.col("severity").replace_strict({"error": 0, "warning": 1}, default=2)
    failed = (
        failed.sort(
            [severity_rank, "source_path", "check", "metric", "check_year", "message"],
            nulls_last=True,
        )
        .with_columns(pl.col("severity").replace_strict(SEVERITY_ZH, default=pl.col("severity")))
        .select(
            "severity",
            "department",
            "year",
            "check",
            "metric",
            "check_year",
            "expected",
            "actual",
            "message",
            "quote",
            "source_path",
        )
    )
    every = frames.documents(store, status=None)
    broken = (
        every.filter(pl.col("error").is_not_null())
        .select("source_path", "status", "department", "year", "error")
        .sort("source_path")
        .with_columns(pl.col("status").replace_strict(STATUS_ZH, default=pl.col("status")))
    )
    errors = failed.filter(pl.col("severity") == SEVERITY_ZH["error"]).height
    paragraphs = [
        f"未通过的检查 {failed.height} 项（错误 {errors} 项、警告 {failed.height - errors} 项）；"
        f"读取或处理失败的文件 {broken.height} 个。",
        "失败的文件没有部门和年份，因此无论报告范围如何都全部列出。",
    ]
    tables = (
        ReportTable(
            "failed_checks",
            "未通过的检查",
            failed,
            _labels(),
            note="“应为”与“实际”的差异说明数字对不上；原文为数字所在的句子或表格行。",
        ),
        ReportTable("failed_documents", "处理失败的文件", broken, _labels()),
    )
    return Section("quality", "数据质量", tuple(paragraphs), tables=tables)


# -- assembly ----------------------------------------------------------------------------------

SectionBuilder = Callable[[Store, ReportConfig, Inventory], Section]


def _pending(key: str, title: str) -> SectionBuilder:
    def build(store: Store, config: ReportConfig, found: Inventory) -> Section:
        return Section(key, title, empty="本节尚未提供。")

    return build


BUILDERS: dict[str, SectionBuilder] = {
    "coverage": coverage,
    "three_public": _pending("three_public", "“三公”经费趋势"),
    "vehicle_reform": _pending("vehicle_reform", "公务用车改革前后"),
    "science": _pending("science", "科普经费变化"),
    "execution": _pending("execution", "预算执行"),
    "changes": _pending("changes", "变化最大的项目及原因"),
    "quality": quality,
}


def build_sections(store: Store, config: ReportConfig, found: Inventory) -> list[Section]:
    """The sections the config asks for, in page order."""
    return [BUILDERS[key](store, config, found) for key in config.sections]


__all__ = ["BUILDERS", "Inventory", "build_sections", "inventory", "metric_zh", "select"]

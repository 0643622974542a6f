"""Data quality: failed checks with their quotes and files, and files that could not be read."""

from __future__ import annotations

import polars as pl

from analytics.analysis import checks as check_rows
from analytics.analysis import corrections as correction_rows
from analytics.analysis import documents as document_rows
from analytics.extract.silence import NO_FIGURES
from analytics.labels import CORRECTION_STATUS_ZH, DOCUMENT_STATUS_ZH, SEVERITY_ZH
from analytics.load import Store
from analytics.report.messages import with_chinese_messages
from analytics.report.model import ReportTable, Section
from analytics.report.sections.common import (
    Inventory,
    Scope,
    labels,
    metric_names,
    translate,
)


def quality(store: Store, where: Scope, found: Inventory) -> Section:
    """Failed checks with their quotes and files (the rows `analytics check` lists, with their messages
    in Chinese); documents that could not be read, with the message."""
    every_failed = with_chinese_messages(check_rows(store, failed_only=True))
    failed = every_failed.filter(pl.col("source_path").is_in(found.frame["source_path"].to_list()))
    severity_rank = pl.col("severity").replace_strict(
        {"error": 0, "warning": 1}, default=2, return_dtype=pl.Int32
    )
    failed = metric_names(
        translate(
            failed.sort(
                [severity_rank, "source_path", "check_name", "metric", "check_year", "message"],
                nulls_last=True,
            ),
            "severity",
            SEVERITY_ZH,
        )
    ).select(
        "severity",
        "department",
        "year",
        "check_zh",
        "metric",
        "check_year",
        "expected",
        "actual",
        "message",
        "quote",
        "source_path",
        "check_name",
        "message_en",
    )
    every = document_rows(store, status=None)
    broken = translate(
        every.filter(pl.col("error").is_not_null())
        .select("source_path", "status", "department", "year", "error")
        .sort("source_path"),
        "status",
        DOCUMENT_STATUS_ZH,
    )
    # Documents that gave no figure at all: listed whatever the scope, since many lack a year.
    silent = (
        every_failed.filter(pl.col("check_name") == NO_FIGURES)
        .select("source_path", "department", "year", "message", "message_en")
        .sort("source_path")
    )
    errors = failed.filter(pl.col("severity") == SEVERITY_ZH["error"]).height
    paragraphs = (
        f"未通过的检查 {failed.height} 项（错误 {errors} 项、警告 {failed.height - errors} 项）；"
        f"读取或处理失败的文件 {broken.height} 个；没有读出任何数字的文件 {silent.height} 个。",
        "失败的文件和没有读出数字的文件常常没有部门或年份，因此无论报告范围如何都全部列出。",
    )
    tables: tuple[ReportTable, ...] = (
        ReportTable(
            "failed_checks",
            "未通过的检查",
            failed,
            labels(),
            note="“应为”与“实际”不一致说明数字对不上；原文为数字所在的句子或表格行。"
            "说明由检查的英文原文译出（CSV 文件的 message_en 列为原文）。",
            empty="所有检查都已通过。",
            csv_only=("check_name", "message_en"),
        ),
        ReportTable("failed_documents", "处理失败的文件", broken, labels(), empty="没有处理失败的文件。"),
    )
    if silent.height:  # the paragraph above says when there are none
        tables += (
            ReportTable(
                "documents_without_figures",
                "没有读出任何数字的文件",
                silent,
                labels(),
                note="说明写出了从文件中认出了什么（部门、年份、类型）、没有认出什么。",
                csv_only=("message_en",),
            ),
        )
    corrected = corrections_table(store, found)
    if corrected is not None:
        tables += (corrected,)
    return Section("quality", "数据质量", paragraphs, tables=tables)


def corrections_table(store: Store, found: Inventory) -> ReportTable | None:
    """The hand corrections in force for the documents of the report (and those the last ingest could
    not apply, with why); None when the corrections file has none."""
    frame = correction_rows(store)
    if frame.is_empty():
        return None
    in_scope = pl.col("source_path").is_in(found.frame["source_path"].to_list())
    frame = frame.filter((~pl.col("applied") & (pl.col("status") != "superseded")) | in_scope)
    shown = metric_names(translate(frame, "status", CORRECTION_STATUS_ZH)).select(
        "department", "year", "kind", "metric", "measure", "original_values", "value", "reason", "author",
        "created_at", "status", "message", "source_path",
    )  # fmt: skip
    in_force = frame.filter(pl.col("applied")).height
    return ReportTable(
        "corrections",
        f"人工更正（生效 {in_force} 项）",
        shown,
        labels(
            ("original_values", "原文数字"),
            ("value", "更正为"),
            ("reason", "更正理由"),
            ("author", "更正人"),
            ("created_at", "更正时间"),
            ("measure", "口径"),
        ),
        note="更正记录保存在数据库之外的更正文件中，每次导入后重新应用；文件内容变更后的更正不再应用，列为“文件已变更”。",
    )

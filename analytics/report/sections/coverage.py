"""Coverage: documents per year, department and kind, and the fixed panel the trends use."""

from __future__ import annotations

import polars as pl

from analytics.analysis import fixed_panel
from analytics.labels import KIND_ZH
from analytics.load import Store
from analytics.report.model import ReportTable, Section
from analytics.report.sections.common import (
    Inventory,
    Scope,
    display_title,
    labels,
    left_out_table,
    panel_sentence,
    translate,
)


def coverage(store: Store, where: Scope, found: Inventory) -> Section:
    """Documents per year, department and kind, the list of documents, and the fixed panel."""
    # One disclosure (a department's budget or final accounts of a year) is often published as
    # several files (a web page and its PDF and XLS attachments): count disclosures, not files.
    docs = found.frame.with_columns(
        disclosure=pl.when(pl.col("department").is_not_null())
        .then(pl.concat_str("department", "year", "kind", separator="|"))
        .otherwise(pl.col("source_path"))
    )
    disclosures = docs.unique("disclosure", keep="first", maintain_order=True)
    counts = {str(k): int(n) for k, n in disclosures["kind"].value_counts().iter_rows()}
    departments = docs["department"].drop_nulls().n_unique()
    files = (
        f"；共 {found.documents} 个文件，同一公开的多种格式按一份计"
        if found.documents != disclosures.height
        else ""
    )
    paragraphs = [
        f"本报告涵盖 {disclosures.height} 份公开（预算 {counts.get('budget', 0)} 份、"
        f"决算 {counts.get('final', 0)} 份{files}），来自 {departments} 个部门。"
        f"趋势、改革前后比较和变化排行使用{where.kind_zh}数据。"
    ]
    by_year = (
        disclosures.group_by("year", "kind")
        .len("documents")
        .pivot(on="kind", index="year", values="documents")
    )
    for kind in ("budget", "final"):
        if kind not in by_year.columns:
            by_year = by_year.with_columns(pl.lit(0, pl.UInt32).alias(kind))
    by_year = (
        by_year.fill_null(0)
        .select("year", "budget", "final")
        .with_columns(total=pl.col("budget") + pl.col("final"))
        .sort("year", nulls_last=True)
    )
    by_department = (
        docs.group_by("department", "department_type", "region")
        .agg(
            documents=pl.col("disclosure").n_unique(),
            files=pl.len(),
            budget_years=pl.col("year").filter(pl.col("kind") == "budget").unique().sort(),
            final_years=pl.col("year").filter(pl.col("kind") == "final").unique().sort(),
        )
        .sort("department", "department_type", "region", nulls_last=True)
    )
    listing = translate(
        docs.select(
            "department",
            "year",
            "kind",
            pl.col("title").map_elements(display_title, return_dtype=pl.String),
            "format",
            "source_path",
        ).sort("department", "year", "kind", "source_path", nulls_last=True),
        "kind",
        KIND_ZH,
    )
    tables = [
        ReportTable("coverage_by_year", "每年公开份数", by_year, labels()),
        ReportTable("coverage_by_department", "各部门的公开", by_department, labels(("files", "文件数"))),
    ]
    series = where.series(store, "three_public_total")
    if series.height:
        panel = fixed_panel(series, where.panel_years)
        paragraphs.append(
            "部门数逐年变化时，直接加总会把“谁公开了”误当作“花了多少”，因此趋势只在固定面板上计算："
            + panel_sentence(panel, f"“三公”经费{where.kind_zh}")
        )
        if panel.excluded:
            tables.append(left_out_table("panel_left_out", series, panel, "“三公”经费"))
    tables.append(ReportTable("documents", "文档清单", listing, labels()))
    return Section("coverage", "数据覆盖", tuple(paragraphs), tables=tuple(tables))

"""The "三公" trends: the total and its components over the years, on fixed panels."""

from __future__ import annotations

import polars as pl

from analytics.analysis import fixed_panel, panel_trend
from analytics.analysis.composition import three_public_composition
from analytics.charts import three_public_chart, trend_chart
from analytics.labels import metric_name
from analytics.load import Store
from analytics.report.model import ReportFigure, ReportTable, Section
from analytics.report.sections.common import (
    THREE_PUBLIC,
    Inventory,
    Scope,
    labels,
    metric_names,
    panel_sentence,
    year_span,
)


def three_public_trends(store: Store, where: Scope, found: Inventory) -> Section:
    """The "三公" total and its components over the years, on fixed panels."""
    title = "“三公”经费趋势"
    chosen = where.metrics_or(THREE_PUBLIC)
    if not chosen:
        return Section("three_public", title, empty="配置所选的指标中没有“三公”经费指标。")
    reform = _reform_years(store, where)
    figures: list[ReportFigure] = []
    trends: list[pl.DataFrame] = []
    paragraphs: list[str] = []
    for metric in chosen:
        series = where.series(store, metric)
        panel = fixed_panel(series, where.panel_years)
        if not panel.included:
            continue
        trend = panel_trend(series, where.panel_years)
        trends.append(trend.frame)
        if not paragraphs:
            paragraphs.append(f"{metric_name(metric)}：" + panel_sentence(trend, where.kind_zh))
        # trend_chart draws a single year as points, but a trend needs two years: one year is in the table
        if len(panel.years) > 1 and (metric in ("three_public_total", "vehicle_operation") or not figures):
            figures.append(
                ReportFigure(
                    f"trend_{metric}",
                    f"{metric_name(metric)}（{where.kind_zh}，固定面板）",
                    trend_chart(
                        panel.frame,
                        metric=metric,
                        reform_years=reform,
                        subtitle=panel_sentence(panel, where.kind_zh),
                    ),
                    caption="每条线为一个部门：点击图例中的部门突出它（按住 Shift 可选多个），在图下的菜单中只看一个部门，"
                    "用滚轮缩放年份、拖动平移（双击复原）。虚线为公车改革年度；空心点为推算或补齐的数（并非文档印出），"
                    "连到空心点的线段为点线；× 为缺数的年度。",
                )
            )
    if not trends:
        return Section(
            "three_public",
            title,
            empty=f"所选范围内没有部门在 {year_span(where.panel_years)}每年都有“三公”经费的{where.kind_zh}数据。",
        )
    composition = three_public_composition(
        store, kind=where.kind, years=where.panel_years, departments=list(where.departments)
    )
    totals = metric_names(pl.concat(trends, how="vertical_relaxed").drop("kind"))
    tables = [
        ReportTable(
            "three_public_trend",
            "“三公”经费合计（固定面板，各指标分别取面板）",
            totals.select("metric", "year", "departments", "value", "change", "change_pct", "index"),
            labels(),
        )
    ]
    if composition.frame.height:
        paragraphs.append("构成：" + panel_sentence(composition, "全部“三公”分项"))
        figures.append(
            ReportFigure(
                "three_public_composition",
                f"“三公”经费构成（{where.kind_zh}，固定面板）",
                three_public_chart(composition),
                caption="各年因公出国(境)费、公务用车购置费、公务用车运行维护费和公务接待费之和。",
            )
        )
        tables.append(
            ReportTable(
                "three_public_composition",
                "“三公”经费构成（固定面板）",
                composition.frame.select("year", "name_zh", "value", "share_pct", "departments"),
                labels(("name_zh", "分项"), ("share_pct", "占比（%）")),
            )
        )
    return Section("three_public", title, tuple(paragraphs), tuple(figures), tuple(tables))


def _reform_years(store: Store, where: Scope) -> pl.DataFrame | int | None:
    """The reform year to mark on trend charts: the config's, else each department's."""
    if where.config.reform_year is not None:
        return where.config.reform_year
    from analytics.analysis import reform_years

    return reform_years(store)

"""The report's sections, each built from the analysis API (`analytics.analysis`) and the chart
builders (`analytics.charts`); this module only selects, labels and arranges what they return.

Every table is sorted on a full key, so that two runs on the same data give the same page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

import polars as pl

from analytics.analysis import (
    PanelResult,
    execution_rates,
    facts,
    fixed_panel,
    flag_outliers,
    metric_series,
    panel_trend,
    reform_effects,
    reform_reference,
    science_funding,
    science_lines,
    science_shift,
    year_on_year,
)
from analytics.analysis import checks as check_rows
from analytics.analysis import documents as document_rows
from analytics.analysis.composition import three_public_composition
from analytics.analysis.reform import LEVELS
from analytics.charts import (
    execution_heatmap,
    reform_slope_chart,
    science_share_chart,
    science_subcode_chart,
    three_public_chart,
    trend_chart,
)
from analytics.load import Store
from analytics.reference import metrics
from analytics.report.config import ReportConfig, Selection
from analytics.report.model import ReportFigure, ReportTable, Section

KIND_ZH = {"budget": "预算", "final": "决算"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_ZH = {"ok": "正常", "error": "失败"}
SOURCE_ZH = {"document": "文档表述", "reference": "参考表", "config": "报告配置"}
DIRECTION_ZH = {"gained": "上升", "lost": "下降", "unchanged": "基本不变"}
BASIS_ZH = {"stated": "公开数", "derived": "推算数", "filled": "补齐数"}
LEVEL_ZH = {"central": "中央", "province": "省级", "prefecture": "地市级", "county": "县级"}

THREE_PUBLIC = (
    "three_public_total",
    "overseas_travel",
    "vehicle_total",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
)
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

EXECUTION_METRICS = (
    "expenditure_total",
    "expenditure_basic",
    "expenditure_project",
    "three_public_total",
    "vehicle_operation",
    "reception",
)
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
    "check": "检查项",
    "severity": "级别",
    "check_year": "数据年度",
    "expected": "应为",
    "actual": "实际",
    "message": "说明",
    "quote": "原文",
    "reason": "文档说明的原因",
    "documents": "文档数",
    "departments": "部门数",
    "budget": "预算",
    "final": "决算",
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


# Floats summed by polars' multi-threaded group_by can differ in their last bits from run to run
# (the order of additions varies); rounded to 6 decimals, what the report shows and embeds is stable.
DECIMALS = 6

Result = TypeVar("Result")


def stable(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with its Float64 columns rounded to DECIMALS places (see above)."""
    floats = [name for name, dtype in frame.schema.items() if dtype == pl.Float64]
    return frame.with_columns(pl.col(floats).round(DECIMALS)) if floats else frame


def stable_result(result: Result) -> Result:
    """An analysis result (a frozen dataclass such as PanelResult or ReformResult) with `stable()`
    applied to each of its frames."""
    frames = {
        f.name: stable(value)
        for f in dataclasses.fields(result)  # type: ignore[arg-type]
        if isinstance(value := getattr(result, f.name), pl.DataFrame)
    }
    return dataclasses.replace(result, **frames)  # type: ignore[type-var]


def _labels(*extra: tuple[str, str]) -> dict[str, str]:
    return {**LABELS, **dict(extra)}


def metric_zh(key: str) -> str:
    """The metric's Chinese name (the key itself if unknown)."""
    known = metrics().get(key)
    return known.name_zh if known else key


def _metric_names(frame: pl.DataFrame, column: str = "metric") -> pl.DataFrame:
    """`column` of metric keys replaced by their Chinese names (the CSV keeps the same values)."""
    names = {m.key: m.name_zh for m in metrics().values()}
    return frame.with_columns(
        pl.col(column).replace_strict(names, default=pl.col(column), return_dtype=pl.String)
    )


def _zh(frame: pl.DataFrame, column: str, names: dict[str, str]) -> pl.DataFrame:
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
    the config's years when it names them, else the span `panel_years` picks for the "三公" total."""
    kinds = set(found.frame["kind"].drop_nulls().to_list())
    kind = config.kind if config.kind != "auto" else ("final" if "final" in kinds else "budget")
    departments = tuple(sorted(found.frame["department"].drop_nulls().unique().to_list()))
    where = Scope(departments, config.selection.years or None, kind, config.selection.metrics, config)
    chosen = config.selection.years or panel_years(where.series(store, "three_public_total"))
    return replace(where, panel_years=tuple(chosen))


# -- report-side addition: which years a fixed panel should span ---------------------------------
# (Not in analytics.analysis yet: fixed_panel() takes the years it is given, and over every year of
# a real corpus one missing document empties the panel. Asked for as analysis.panel_years.)


def panel_years(series: pl.DataFrame) -> tuple[int, ...]:
    """The run of consecutive years over which a fixed panel keeps the most department-years.

    For each span of consecutive years in the series, count the departments with a value in every
    year of it; keep the span with the largest departments x years, then the later, then the longer.
    Leaves out, for instance, a first year that only a few documents' stated changes reach back to.

    >>> frame = pl.DataFrame({"department": ["a", "a", "a", "b", "b", "c"], "year": [2015, 2016, 2017, 2016, 2017, 2017],
    ...                       "value": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]})
    >>> panel_years(frame)
    (2016, 2017)
    """
    present: dict[str, set[int]] = {}
    for department, year in (
        series.filter(pl.col("value").is_not_null()).select("department", "year").iter_rows()
    ):
        present.setdefault(str(department), set()).add(int(year))
    years = sorted(set().union(*present.values())) if present else []
    best: tuple[int, int, int] = (0, 0, 0)
    chosen: tuple[int, ...] = ()
    for i, start in enumerate(years):
        for end in years[i:]:
            span = set(range(start, end + 1))
            if not span <= set(years):
                break
            kept = sum(1 for have in present.values() if span <= have)
            score = (kept * len(span), end, len(span))
            if kept and score > best:
                best, chosen = score, tuple(range(start, end + 1))
    return chosen


def _span(years: Sequence[int]) -> str:
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
    return (
        f"{panel.included} 个部门在 {_span(panel.years)}每年都有{what}数据（固定面板），"
        f"{panel.excluded} 个部门因缺少部分年份未纳入。"
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
    return ReportTable(name, f"未纳入固定面板的部门（{what}）", frame, _labels())


# -- 1. coverage ---------------------------------------------------------------------------------


def coverage(store: Store, where: Scope, found: Inventory) -> Section:
    """Documents per year, department and kind, the list of documents, and the fixed panel."""
    docs = found.frame
    counts = {str(k): int(n) for k, n in docs["kind"].value_counts().iter_rows()}
    departments = docs["department"].drop_nulls().n_unique()
    paragraphs = [
        f"本报告涵盖 {found.documents} 份可读文档（预算 {counts.get('budget', 0)} 份、"
        f"决算 {counts.get('final', 0)} 份），来自 {departments} 个部门。"
        f"趋势、改革前后比较和变化排行使用{where.kind_zh}数据。"
    ]
    by_year = (
        docs.group_by("year", "kind").len("documents").pivot(on="kind", index="year", values="documents")
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
            documents=pl.len(),
            budget_years=pl.col("year").filter(pl.col("kind") == "budget").unique().sort(),
            final_years=pl.col("year").filter(pl.col("kind") == "final").unique().sort(),
        )
        .sort("department", "department_type", "region", nulls_last=True)
    )
    listing = _zh(
        docs.select("department", "year", "kind", "title", "format", "source_path").sort(
            "department", "year", "kind", "source_path", nulls_last=True
        ),
        "kind",
        KIND_ZH,
    )
    tables = [
        ReportTable("coverage_by_year", "每年文档数", by_year, _labels()),
        ReportTable("coverage_by_department", "各部门的文档", by_department, _labels()),
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
    tables.append(ReportTable("documents", "文档清单", listing, _labels()))
    return Section("coverage", "数据覆盖", tuple(paragraphs), tables=tuple(tables))


# -- 2. "三公" trends ------------------------------------------------------------------------------


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
        trend = stable_result(panel_trend(series, where.panel_years))
        trends.append(trend.frame)
        if not paragraphs:
            paragraphs.append(f"{metric_zh(metric)}：" + panel_sentence(trend, where.kind_zh))
        # a trend needs two years at least; one department-year is a table row, not a line
        if len(panel.years) > 1 and (metric in ("three_public_total", "vehicle_operation") or not figures):
            figures.append(
                ReportFigure(
                    f"trend_{metric}",
                    f"{metric_zh(metric)}（{where.kind_zh}，固定面板）",
                    trend_chart(
                        panel.frame,
                        metric=metric,
                        reform_years=reform,
                        subtitle=panel_sentence(panel, where.kind_zh),
                    ),
                    caption="每条线为一个部门；虚线为公车改革年度；空心点不是文档印出的数字（推算或补齐）。",
                )
            )
    if not trends:
        return Section(
            "three_public",
            title,
            empty=f"所选范围内没有部门在 {_span(where.panel_years)}每年都有“三公”经费的{where.kind_zh}数据。",
        )
    composition = stable_result(
        three_public_composition(
            store, kind=where.kind, years=where.panel_years, departments=list(where.departments)
        )
    )
    totals = _metric_names(pl.concat(trends, how="vertical_relaxed").drop("kind"))
    tables = [
        ReportTable(
            "three_public_trend",
            "“三公”经费合计（固定面板，各指标分别取面板）",
            totals.select("metric", "year", "departments", "value", "change", "change_pct", "index"),
            _labels(),
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
                _labels(("name_zh", "分项"), ("share_pct", "占比（%）")),
            )
        )
    return Section("three_public", title, tuple(paragraphs), tuple(figures), tuple(tables))


def _reform_years(store: Store, where: Scope) -> pl.DataFrame | int | None:
    """The reform year to mark on trend charts: the config's, else each department's."""
    if where.config.reform_year is not None:
        return where.config.reform_year
    from analytics.analysis import reform_years

    return reform_years(store)


# -- 3. vehicle reform -----------------------------------------------------------------------------


def vehicle_reform(store: Store, where: Scope, found: Inventory) -> Section:
    """Before/after each department's reform year, pooled with a bootstrap interval, and a
    difference-in-differences against departments not yet reformed."""
    title = "公务用车改革前后"
    reference = None
    if where.config.reform_year is not None:  # one year for every level, documents not consulted
        reference = pl.DataFrame(
            {
                "province": ["*"] * len(LEVELS),
                "level": list(LEVELS),
                "reform_year": [where.config.reform_year] * len(LEVELS),
                "note": ["report config"] * len(LEVELS),
            },
            schema={"province": pl.String, "level": pl.String, "reform_year": pl.Int32, "note": pl.String},
        )
    result = stable_result(
        reform_effects(
            store,
            kind=where.kind,
            departments=list(where.departments),
            reference=reference if reference is not None else reform_reference(),
            from_documents=reference is None,
            seed=where.config.bootstrap_seed,
        )
    )
    if result.frame.is_empty():
        return Section(
            "vehicle_reform",
            title,
            empty=f"所选范围内没有部门在改革年度前后都有{where.kind_zh}数据，无法比较。",
        )
    paragraphs = (
        f"比较 {result.included} 个部门在各自公车改革年度之前 {result.window} 年与改革年度起 {result.window} 年的"
        f"{where.kind_zh}数据的平均值（固定面板），{result.excluded} 个部门因缺少改革年度或数据不足未纳入。",
        "改革年度优先取文档自己的表述（如“主要原因是公车改革”），否则按省份和行政级别取参考表"
        "（data/reference/vehicle_reform.csv）。改革后公务用车运行费下降，但公务交通补贴计入人员经费，"
        "所以同时列出人员经费。区间为按部门重抽样的 95% bootstrap 区间；双重差分把改革当年的变化与"
        "尚未改革的部门同期的变化相比。",
    )
    figures = []
    for metric in ("vehicle_operation", "expenditure_personnel"):
        if result.frame.filter(pl.col("metric") == metric).height:
            figures.append(
                ReportFigure(
                    f"reform_{metric}",
                    f"改革前后的{metric_zh(metric)}（{where.kind_zh}，各部门）",
                    reform_slope_chart(result, metric),
                    caption="每条线连接一个部门改革前与改革后的平均值；向下的线为减少。",
                )
            )
    pooled = _metric_names(result.pooled).with_columns(
        (pl.col("share_decreased") * 100).alias("share_decreased")
    )
    did = _metric_names(result.did).with_columns(pl.col("cohort").cast(pl.String).fill_null("合计"))
    years = _zh(
        _zh(
            result.reform_years.filter(pl.col("department").is_in(list(where.departments))).select(
                "department", "level", "reform_year", "source", "stated_quote"
            ),
            "source",
            SOURCE_ZH,
        ),
        "level",
        LEVEL_ZH,
    ).with_columns(
        pl.when(reference is not None)
        .then(pl.lit(SOURCE_ZH["config"]))
        .otherwise(pl.col("source"))
        .alias("source")
    )
    left_out = _metric_names(
        result.departments.filter(~pl.col("in_panel"))
        .select("department", "metric", "excluded_because")
        .with_columns(pl.col("excluded_because").map_elements(_reason_zh, return_dtype=pl.String))
    ).sort("department", "metric")
    tables = (
        ReportTable(
            "reform_pooled",
            "改革前后（固定面板）",
            pooled,
            _labels(
                ("mean_before", "改革前均值"),
                ("mean_after", "改革后均值"),
                ("mean_change_pct", "平均变化（%）"),
                ("ci_low", "区间下限（%）"),
                ("ci_high", "区间上限（%）"),
                ("median_change_pct", "中位数变化（%）"),
                ("total_change_pct", "合计变化（%）"),
                ("share_decreased", "下降部门占比（%）"),
            ),
            note="均值单位：万元（车辆数为辆）。",
        ),
        ReportTable(
            "reform_did",
            "双重差分（改革当年与上年相比）",
            did,
            _labels(
                ("cohort", "改革年度"),
                ("treated", "改革部门数"),
                ("control", "对照部门数"),
                ("treated_change_pct", "改革部门变化（%）"),
                ("control_change_pct", "对照部门变化（%）"),
                ("did_pp", "差异（百分点）"),
                ("ci_low", "区间下限"),
                ("ci_high", "区间上限"),
            ),
        ),
        ReportTable(
            "reform_years",
            "各部门的改革年度",
            years,
            _labels(
                ("level", "行政级别"),
                ("reform_year", "改革年度"),
                ("source", "依据"),
                ("stated_quote", "原文"),
            ),
        ),
        ReportTable("reform_left_out", "未纳入比较的部门", left_out, _labels(("excluded_because", "原因"))),
    )
    return Section("vehicle_reform", title, paragraphs, tuple(figures), tables)


EXCLUSION_ZH = {
    "no reform year": "没有改革年度",
    "too few figures before the reform": "改革前数据不足",
    "too few figures from the reform year on": "改革年度起数据不足",
}


def _reason_zh(reason: str) -> str:
    """`reform_effects`' reason for leaving a department out ('metric: why'), in Chinese where known."""
    metric, _, why = reason.partition(": ")
    if not why:
        return EXCLUSION_ZH.get(reason, reason)
    return f"{metric_zh(metric)}：{EXCLUSION_ZH.get(why, why)}"


# -- 4. science popularisation ---------------------------------------------------------------------


def science(store: Store, where: Scope, found: Inventory) -> Section:
    """20607 科学技术普及 funding, its share of project spending, and the sub-codes' shift."""
    title = "科普经费变化"
    funding = stable(where.keep(science_funding(store, kind="budget")))
    if funding.is_empty():
        return Section("science", title, empty="所选范围内没有 20607 科学技术普及科目或科普绩效目标。")
    paragraphs = [
        "科普经费取 20607 科学技术普及科目（无款级合计时为各项之和），占比为其占项目支出的比例；"
        "绩效目标中名称含“科普”的活动预算单列。数据来自预算文档。"
    ]
    tables = [
        ReportTable(
            "science_funding",
            "各部门的科普经费（预算）",
            funding.select(
                "department",
                "year",
                "science_total",
                "science_project",
                "expenditure_project",
                "share_of_project_pct",
                "activities_budget",
                "activities",
            ),
            _labels(
                ("science_total", "20607 合计（万元）"),
                ("science_project", "其中项目支出（万元）"),
                ("expenditure_project", "项目支出（万元）"),
                ("share_of_project_pct", "占项目支出（%）"),
                ("activities_budget", "科普活动预算（万元）"),
                ("activities", "科普活动数"),
            ),
        )
    ]
    figures = []
    if funding["share_of_project_pct"].drop_nulls().len():
        figures.append(
            ReportFigure(
                "science_share",
                "科普经费占项目支出的比例（预算）",
                science_share_chart(funding),
                caption="20607 科学技术普及科目占各部门项目支出的百分比。",
            )
        )
    shift_years = _shift_years(store, where)
    if shift_years is not None:
        shift = stable_result(science_shift(store, *shift_years, kind="budget"))
        panel_lines = where.keep(science_lines(store, kind="budget")).filter(
            pl.col("department").is_in(list(shift.departments))
        )
        figures.append(
            ReportFigure(
                "science_subcodes",
                "科普经费分项构成（预算，固定面板）",
                science_subcode_chart(panel_lines),
                caption=f"{shift.included} 个部门在 {shift_years[0]} 年和 {shift_years[1]} 年都有分项数据，各年分项之和为 100%。",
            )
        )
        paragraphs.append(
            f"{shift_years[0]} 年到 {shift_years[1]} 年各项的占比变化（"
            f"{shift.included} 个部门两年都有分项数据，{shift.excluded} 个部门未纳入）。"
        )
        tables.append(
            ReportTable(
                "science_shift",
                f"科普经费分项占比变化（{shift_years[0]}→{shift_years[1]}）",
                _zh(shift.frame, "direction", DIRECTION_ZH),
                _labels(
                    ("code", "科目编码"),
                    ("name", "科目名称"),
                    ("amount_from", f"{shift_years[0]}（万元）"),
                    ("amount_to", f"{shift_years[1]}（万元）"),
                    ("share_from_pct", f"{shift_years[0]} 占比（%）"),
                    ("share_to_pct", f"{shift_years[1]} 占比（%）"),
                    ("share_change_pp", "变化（百分点）"),
                    ("direction", "方向"),
                ),
            )
        )
    return Section("science", title, tuple(paragraphs), tuple(figures), tuple(tables))


def _shift_years(store: Store, where: Scope) -> tuple[int, int] | None:
    """The latest year with 20607 sub-code lines, and the earliest year that some department has
    sub-code lines in both; None when no two such years exist."""
    items = where.keep(science_lines(store, kind="budget")).filter(pl.col("level") == "item")
    by_department = {
        str(d): {int(y) for y in years}
        for d, years in items.group_by("department").agg(pl.col("year").unique()).iter_rows()
    }
    latest = max((max(years) for years in by_department.values()), default=None)
    if latest is None:
        return None
    starts = [min(years) for years in by_department.values() if latest in years and min(years) < latest]
    return (min(starts), latest) if starts else None


# -- 5. budget execution ---------------------------------------------------------------------------


def execution(store: Store, where: Scope, found: Inventory) -> Section:
    """Final against budget for the same department, year and metric, with outliers flagged."""
    title = "预算执行"
    money = [m for m in (where.metrics or EXECUTION_METRICS) if metrics()[m].unit == "money"]
    rates = stable(execution_rates(store, money, departments=list(where.departments), years=where.years))
    if rates.is_empty():
        return Section(
            "execution", title, empty="所选范围内没有同一部门、同一年度、同一指标的预算数和决算数可以对比。"
        )
    flagged = stable(flag_outliers(rates, "rate_pct", within=["metric", "year"]))
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
    labels = _labels(
        ("name_zh", "指标"),
        ("budget", "预算数（万元）"),
        ("final", "决算数（万元）"),
        ("difference", "差额（万元）"),
        ("rate_pct", "执行率（%）"),
    )
    return Section(
        "execution", title, paragraphs, (figure,), (ReportTable("execution", "预算执行率", table, labels),)
    )


# -- 6. largest changes ----------------------------------------------------------------------------


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
    changes = stable(flag_outliers(pl.concat(parts, how="vertical_relaxed"), "change_pct"))
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
    table = _zh(
        _metric_names(top).select(
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
    labels = _labels(("value", "本年（万元）"), ("reason_quote", "原文"))
    return Section(
        "changes",
        title,
        paragraphs,
        tables=(ReportTable("largest_changes", "增减最大的项目", table, labels),),
    )


# -- 7. data quality -------------------------------------------------------------------------------


def quality(store: Store, where: Scope, found: Inventory) -> Section:
    """Failed checks with their quotes and files; documents that could not be read, with the message."""
    failed = check_rows(store, failed_only=True)
    failed = failed.filter(pl.col("source_path").is_in(found.frame["source_path"].to_list()))
    severity_rank = pl.col("severity").replace_strict(
        {"error": 0, "warning": 1}, default=2, return_dtype=pl.Int32
    )
    failed = _metric_names(
        _zh(
            failed.sort(
                [severity_rank, "source_path", "check", "metric", "check_year", "message"], nulls_last=True
            ),
            "severity",
            SEVERITY_ZH,
        )
    ).select(
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
    every = document_rows(store, status=None)
    broken = _zh(
        every.filter(pl.col("error").is_not_null())
        .select("source_path", "status", "department", "year", "error")
        .sort("source_path"),
        "status",
        STATUS_ZH,
    )
    errors = failed.filter(pl.col("severity") == SEVERITY_ZH["error"]).height
    paragraphs = (
        f"未通过的检查 {failed.height} 项（错误 {errors} 项、警告 {failed.height - errors} 项）；"
        f"读取或处理失败的文件 {broken.height} 个。",
        "失败的文件没有部门和年份，因此无论报告范围如何都全部列出。",
    )
    tables = (
        ReportTable(
            "failed_checks",
            "未通过的检查",
            failed,
            _labels(),
            note="“应为”与“实际”不一致说明数字对不上；原文为数字所在的句子或表格行。",
            empty="所有检查都已通过。",
        ),
        ReportTable("failed_documents", "处理失败的文件", broken, _labels(), empty="没有处理失败的文件。"),
    )
    return Section("quality", "数据质量", paragraphs, tables=tables)


# -- assembly --------------------------------------------------------------------------------------

SectionBuilder = Callable[[Store, Scope, Inventory], Section]

BUILDERS: dict[str, SectionBuilder] = {
    "coverage": coverage,
    "three_public": three_public_trends,
    "vehicle_reform": vehicle_reform,
    "science": science,
    "execution": execution,
    "changes": largest_changes,
    "quality": quality,
}


def build_sections(store: Store, config: ReportConfig, found: Inventory) -> list[Section]:
    """The sections the config asks for, in page order."""
    where = scope_of(store, config, found)
    return [BUILDERS[key](store, where, found) for key in config.sections]


__all__ = ["BUILDERS", "Inventory", "Scope", "build_sections", "inventory", "metric_zh", "select"]

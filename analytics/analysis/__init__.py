"""The analysis API: polars frames in and out, over the analytics database.

Open a database, read tidy frames, then build series and the analyses on them:

>>> from analytics import open_store
>>> from analytics.analysis import metric_series, panel_trend, reform_effects
>>> with open_store(db_path, read_only=True) as db:  # "data/analytics.duckdb" after `make demo`; closed after the block
...     series = metric_series(db, "vehicle_operation", kind="决算")
...     reform = reform_effects(db)                             # before/after the vehicle reform
>>> trend = panel_trend(series, years="best")                   # a fixed panel of departments
>>> trend.years, trend.excluded                                 # which years, how many left out
((2013, 2014, 2015, 2016, 2017, 2018), 0)
>>> print(reform.describe_zh())
比较 3 个部门在各自公车改革年度之前 2 年与改革年度起 2 年的决算数据的平均值（固定面板），0 个部门因缺少改革年度或数据不足未纳入。

Numbers: the table readers (`documents`, `facts`, `budget_lines`, …) keep money exact as polars
`Decimal(18, 4)`; everything computed (series, changes, shares, rates, intervals) is `Float64`.
Results that add departments up are computed on a fixed panel and carry `.frame` and `.excluded`;
their sums are exact (`exact_sum`), so two runs give the same bits.
See docs/analysis.md.
"""

from analytics.analysis.change import change
from analytics.analysis.composition import three_public_composition
from analytics.analysis.excel import to_excel
from analytics.analysis.execution import execution_rates
from analytics.analysis.frames import (
    budget_lines,
    checks,
    documents,
    facts,
    performance_goals,
    query,
    three_public,
    to_float,
    vehicle_costs,
)
from analytics.analysis.names import UnknownNameError
from analytics.analysis.panel import PanelResult, fixed_panel, panel_trend, panel_years
from analytics.analysis.quality import (
    FailedFiguresLeftOut,
    corrections,
    document_regions,
    quality_summary,
)
from analytics.analysis.rankings import flag_outliers, rank_departments
from analytics.analysis.real_terms import cpi, deflate, per_staff, staff_counts
from analytics.analysis.reform import (
    ReformResult,
    reform_effects,
    reform_reference,
    reform_years,
    stated_reform_years,
)
from analytics.analysis.science import science_activities, science_funding, science_lines, science_shift
from analytics.analysis.series import cagr, index_to, metric_series, share_of_parent, year_on_year
from analytics.analysis.stats import robust_z
from analytics.analysis.sums import exact_mean, exact_sum

__all__ = [
    "FailedFiguresLeftOut",
    "PanelResult",
    "ReformResult",
    "UnknownNameError",
    "budget_lines",
    "cagr",
    "change",
    "checks",
    "corrections",
    "cpi",
    "deflate",
    "document_regions",
    "documents",
    "exact_mean",
    "exact_sum",
    "execution_rates",
    "facts",
    "fixed_panel",
    "flag_outliers",
    "index_to",
    "metric_series",
    "panel_trend",
    "panel_years",
    "per_staff",
    "performance_goals",
    "quality_summary",
    "query",
    "rank_departments",
    "reform_effects",
    "reform_reference",
    "reform_years",
    "robust_z",
    "science_activities",
    "science_funding",
    "science_lines",
    "science_shift",
    "share_of_parent",
    "staff_counts",
    "stated_reform_years",
    "three_public",
    "three_public_composition",
    "to_excel",
    "to_float",
    "vehicle_costs",
    "year_on_year",
]

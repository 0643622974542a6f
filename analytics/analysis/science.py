"""Science popularisation (科普): funding per department and year, its share of project spending, and
how it shifted between the sub-codes of 20607 科学技术普及.

Three sources, each kept apart because each can be missing:

- the classification lines (`budget_lines`): 20607 科学技术普及 and its sub-codes 2060701 机构运行,
  2060702 科普活动, 2060703 青少年科技活动, 2060704 学术交流活动, 2060705 科技馆站, 2060799 其他;
  codes are revised over the years, so they stay text and are compared per year;
- the performance-goal activities about 科普 (the activity or its parent names 科普 or 科学技术普及);
- project expenditure (`expenditure_project`), the denominator of the share.

Amounts are Float64 万元.

>>> funding = science_funding(db, kind="预算")
>>> funding.filter(pl.col("science_total").is_not_null()).select("department", "year", "science_total").rows()[:2]
[('廊坊市教育局', 2016, 10.0), ('廊坊市教育局', 2017, 12.0)]
>>> shift = science_shift(db, 2014, 2018)
>>> shift.frame.filter(pl.col("direction") == "gained")["code"].to_list()
['2060702', '2060701']
"""

from __future__ import annotations

import polars as pl

from analytics.analysis.frames import budget_lines, performance_goals, query, to_float
from analytics.analysis.names import resolve_kind
from analytics.analysis.panel import PanelResult
from analytics.analysis.series import metric_series
from analytics.analysis.sums import exact_sum
from analytics.load import Store

SCIENCE_CODE = "20607"
"""科学技术普及, a 款 of 206 科学技术支出."""

SUBCODE_NAMES = {
    "2060701": "机构运行",
    "2060702": "科普活动",
    "2060703": "青少年科技活动",
    "2060704": "学术交流活动",
    "2060705": "科技馆站",
    "2060799": "其他科学技术普及支出",
}
"""The sub-codes (项) of 20607 and their usual names; documents may print others."""

ACTIVITY_PATTERN = "科普|科学技术普及"
"""A performance-goal activity is about science popularisation when it or its parent matches this."""


def science_lines(store: Store, *, kind: str | None = "budget") -> pl.DataFrame:
    """The 20607 lines (class total and sub-codes) per department and year, one document each.

    Columns: department, department_type, region, province, year, kind, code, name, level (`class`
    for 20607, `item` for its seven-digit sub-codes), total, basic, project (Float64), source_path.

    >>> science_lines(db).filter(pl.col("code") == "2060702").select("department", "year", "level", "total").rows()
    [('廊坊市科学技术协会', 2014, 'item', 30.0), ('廊坊市科学技术协会', 2015, 'item', 40.0), ('廊坊市科学技术协会', 2017, 'item', 70.0), ('廊坊市科学技术协会', 2018, 'item', 95.0)]
    """
    lines = budget_lines(
        store,
        code_prefix=SCIENCE_CODE,
        classification="functional",
        kinds=None if kind is None else [resolve_kind(kind)],
    )
    lines = to_float(lines).filter(pl.col("code").str.len_chars().is_in([5, 7]))
    return lines.select(
        "department",
        "department_type",
        "region",
        "province",
        pl.col("year").cast(pl.Int32),
        "kind",
        "code",
        "name",
        pl.when(pl.col("code") == SCIENCE_CODE)
        .then(pl.lit("class"))
        .otherwise(pl.lit("item"))
        .alias("level"),
        "total",
        "basic",
        "project",
        "source_path",
    ).sort("department", "year", "kind", "code")


def science_activities(store: Store) -> pl.DataFrame:
    """Performance-goal activities about 科普, one row per activity and document.

    `counted` says whether its budget enters the department-year total: a child is not counted when
    its parent is itself a matching activity with a budget (the parent's budget already holds it).
    Columns: department, department_type, year, kind, activity, parent_activity, budget (Float64),
    counted, source_path.

    >>> science_activities(db).filter(pl.col("year") == 2014).select("activity", "parent_activity", "budget", "counted").rows()
    [('科学技术普及', None, 30.0, True), ('开展科普活动', '科学技术普及', 20.0, False)]
    """
    goals = performance_goals(store)
    matches = pl.col("activity").str.contains(ACTIVITY_PATTERN) | pl.col("parent_activity").fill_null(
        ""
    ).str.contains(ACTIVITY_PATTERN)
    activities = (
        to_float(goals.filter(matches))
        .unique(["doc_id", "activity", "parent_activity"], keep="first", maintain_order=True)
        .select(
            "department",
            "department_type",
            pl.col("year").cast(pl.Int32),
            "kind",
            "activity",
            "parent_activity",
            "budget",
            "doc_id",
            "source_path",
        )
    )
    budgeted_parents = activities.filter(pl.col("budget").is_not_null()).select(
        "doc_id", pl.col("activity").alias("parent_activity"), pl.lit(True).alias("_parent_has_budget")
    )
    return (
        activities.join(budgeted_parents, on=["doc_id", "parent_activity"], how="left")
        .with_columns(pl.col("_parent_has_budget").is_null().alias("counted"))
        .drop("_parent_has_budget", "doc_id")
        .sort("department", "year", "source_path", "parent_activity", "activity", nulls_last=False)
    )


def science_funding(store: Store, *, kind: str = "budget") -> pl.DataFrame:
    """Science-popularisation funding per department and year, with its share of the department's
    spending.

    Columns: department, department_type, year, kind,
    science_total (the 20607 line, else the sum of its sub-codes), science_project (the same for the
    project-expenditure column), lines_basis (`class line` | `sum of sub-codes`),
    expenditure_total (the department's 本年支出合计 of that kind), share_of_total_pct
    (science_total over expenditure_total: the share of everything the department spends),
    expenditure_project (its project expenditure), share_of_project_pct (science_project, or
    science_total where the project column is blank, over expenditure_project; `share_basis` says
    which), activities_budget (counted 科普 activities; budget documents only), activities (their
    number), activities_share_pct (activities_budget over expenditure_project).

    Which share to read: a 科协 spends all its project money on 科普, so its share of project
    spending is 100 % by construction and says nothing; the share of total spending moves with what
    it spends on running itself (2060701 机构运行 is basic expenditure) against 科普 proper.

    >>> science_funding(db).filter(pl.col("department") == "廊坊市科学技术协会").select(
    ...     "year", "science_total", pl.col("share_of_total_pct", "share_of_project_pct").round(1)).rows()
    [(2014, 250.0, 53.2, 83.3), (2015, 255.0, 52.0, 81.1), (2016, None, None, None), (2017, 260.0, 52.0, 75.0), (2018, 267.0, 51.3, 73.8)]
    """
    kind = resolve_kind(kind)
    funding = _line_totals(science_lines(store, kind=kind))
    activities = _activity_budgets(store, kind)
    project = metric_series(store, "expenditure_project", kind=kind).select(
        "department", "year", pl.col("value").alias("expenditure_project")
    )
    spending = metric_series(store, "expenditure_total", kind=kind).select(
        "department", "year", pl.col("value").alias("expenditure_total")
    )
    types = query(
        store,
        "SELECT department, mode(department_type) AS department_type FROM documents "
        "WHERE status = 'ok' AND department IS NOT NULL GROUP BY department",
    )
    everything = pl.concat(
        [funding.select("department", "year"), activities.select("department", "year")]
    ).unique()
    keys = ["department", "year"]
    out = (
        everything.join(funding, on=keys, how="left")
        .join(activities, on=keys, how="left")
        .join(project, on=keys, how="left")
        .join(spending, on=keys, how="left")
        .join(types, on="department", how="left")
        .with_columns(pl.lit(kind).alias("kind"))
    )
    return _with_shares(out).select(*FUNDING_COLUMNS).sort("department", "year")


FUNDING_COLUMNS = (
    "department",
    "department_type",
    "year",
    "kind",
    "science_total",
    "science_project",
    "lines_basis",
    "expenditure_total",
    "share_of_total_pct",
    "expenditure_project",
    "share_of_project_pct",
    "share_basis",
    "activities_budget",
    "activities",
    "activities_share_pct",
)
"""The columns of `science_funding`, in order."""


def _line_totals(lines: pl.DataFrame) -> pl.DataFrame:
    """Per department and year of `science_lines`: science_total and science_project from the 20607
    line, else the sums of its sub-codes, and lines_basis saying which."""
    by_class = lines.filter(pl.col("level") == "class").select(
        "department", "year", pl.col("total").alias("_class_total"), pl.col("project").alias("_class_project")
    )
    by_items = (
        lines.filter(pl.col("level") == "item")
        .group_by("department", "year")
        .agg(
            exact_sum("total").alias("_item_total"),
            pl.when(pl.col("project").is_not_null().any()).then(exact_sum("project")).alias("_item_project"),
            pl.col("department_type").first(),
        )
    )
    keys = pl.concat([by_class.select("department", "year"), by_items.select("department", "year")]).unique()
    from_class = pl.col("_class_total").is_not_null()
    return (
        keys.join(by_class, on=["department", "year"], how="left")
        .join(by_items.drop("department_type"), on=["department", "year"], how="left")
        .with_columns(
            pl.coalesce("_class_total", "_item_total").alias("science_total"),
            pl.when(from_class)
            .then(pl.col("_class_project"))
            .otherwise(pl.col("_item_project"))
            .alias("science_project"),
            pl.when(from_class)
            .then(pl.lit("class line"))
            .otherwise(pl.lit("sum of sub-codes"))
            .alias("lines_basis"),
        )
        .drop("_class_total", "_class_project", "_item_total", "_item_project")
    )


def _activity_budgets(store: Store, kind: str) -> pl.DataFrame:
    """Per department and year: the budget of its counted 科普 activities and their number."""
    return (
        science_activities(store)
        .filter(pl.col("kind") == kind)
        .group_by("department", "year")
        .agg(
            exact_sum(pl.col("budget").filter(pl.col("counted"))).alias("activities_budget"),
            pl.len().cast(pl.Int32).alias("activities"),
        )
    )


def _with_shares(frame: pl.DataFrame) -> pl.DataFrame:
    """The shares of science funding in total and project spending, and of the activities' budget
    in project spending (null where the denominator is not positive), and the share's basis."""
    numerator = pl.coalesce("science_project", "science_total")
    return frame.with_columns(
        pl.when(pl.col("expenditure_total") > 0)
        .then(pl.col("science_total") / pl.col("expenditure_total") * 100)
        .alias("share_of_total_pct"),
        pl.when(pl.col("expenditure_project") > 0)
        .then(numerator / pl.col("expenditure_project") * 100)
        .alias("share_of_project_pct"),
        pl.when(pl.col("science_project").is_not_null())
        .then(pl.lit("project"))
        .when(pl.col("science_total").is_not_null())
        .then(pl.lit("total"))
        .alias("share_basis"),
        pl.col("activities").fill_null(0),
        pl.when(pl.col("expenditure_project") > 0)
        .then(pl.col("activities_budget") / pl.col("expenditure_project") * 100)
        .alias("activities_share_pct"),
    )


def science_shift(
    store: Store,
    from_year: int,
    to_year: int,
    *,
    kind: str = "budget",
    by_department: bool = False,
) -> PanelResult:
    """Which sub-codes of 20607 gained and lost share between two years.

    Shares are of the sum of the sub-code lines, over the departments with sub-code lines in both
    years (a fixed panel: the result says how many were left out). Frame columns: [department,]
    code, name, amount_from, amount_to, share_from_pct, share_to_pct, share_change_pp, direction
    (`gained`, `lost`, `unchanged` at 0.05 percentage points), sorted by share_change_pp, then code.
    Amounts are summed exactly (`exact_sum`): two runs give the same bits.

    >>> shift = science_shift(db, 2014, 2018)
    >>> shift.frame.select("code", pl.col("share_from_pct", "share_to_pct", "share_change_pp").round(1), "direction").rows()
    [('2060702', 12.0, 35.6, 23.6, 'gained'), ('2060701', 40.0, 41.9, 1.9, 'gained'), ('2060799', 48.0, 22.5, -25.5, 'lost')]
    >>> shift.describe()  # 教育局 has sub-code lines in 2018 only
    'fixed panel: 1 department present in every year of 2014, 2018; 1 left out'
    """
    if to_year == from_year:
        raise ValueError("from_year and to_year must differ")
    items = science_lines(store, kind=kind).filter(
        (pl.col("level") == "item") & pl.col("year").is_in([from_year, to_year])
    )
    present = items.group_by("department").agg(pl.col("year").n_unique().alias("_years"))
    kept = sorted(present.filter(pl.col("_years") == 2)["department"].to_list())
    left_out = tuple(sorted(set(items["department"].to_list()) - set(kept)))
    panel = items.filter(pl.col("department").is_in(kept))
    keys = ["department", "code"] if by_department else ["code"]
    sums = panel.group_by(*keys, "year").agg(exact_sum("total"), pl.col("name").first())
    denominator = ["department", "year"] if by_department else ["year"]
    sums = sums.with_columns((pl.col("total") / exact_sum("total").over(denominator) * 100).alias("share"))
    start = sums.filter(pl.col("year") == from_year).select(
        *keys,
        pl.col("name").alias("_name_from"),
        pl.col("total").alias("amount_from"),
        pl.col("share").alias("share_from_pct"),
    )
    end = sums.filter(pl.col("year") == to_year).select(
        *keys,
        pl.col("name").alias("_name_to"),
        pl.col("total").alias("amount_to"),
        pl.col("share").alias("share_to_pct"),
    )
    change = pl.col("share_to_pct").fill_null(0) - pl.col("share_from_pct").fill_null(0)
    frame = (
        start.join(end, on=keys, how="full", coalesce=True)
        .with_columns(
            pl.coalesce("_name_to", "_name_from").alias("name"),
            change.alias("share_change_pp"),
            pl.when(change > 0.05)
            .then(pl.lit("gained"))
            .when(change < -0.05)
            .then(pl.lit("lost"))
            .otherwise(pl.lit("unchanged"))
            .alias("direction"),
        )
        .select(
            *keys,
            "name",
            "amount_from",
            "amount_to",
            "share_from_pct",
            "share_to_pct",
            "share_change_pp",
            "direction",
        )
        # the code breaks ties, so that codes with the same change come in the same order every run
        .sort(*keys[:-1], "share_change_pp", "code", descending=[False] * (len(keys) - 1) + [True, False])
    )
    return PanelResult(frame, tuple(kept), left_out, (from_year, to_year))


__all__ = [
    "ACTIVITY_PATTERN",
    "SCIENCE_CODE",
    "SUBCODE_NAMES",
    "science_activities",
    "science_funding",
    "science_lines",
    "science_shift",
]

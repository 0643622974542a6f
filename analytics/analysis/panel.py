"""Fixed panels: compare years only over the departments present in every one of them.

More and smaller units disclose each year, so a total over "all documents per year" shows cuts and
jumps that are only changes in who disclosed (composition bias, the most common false finding in this
field). Every function here that adds departments up first keeps the departments that have a figure
in every year compared, and says how many it left out: the result is a `PanelResult` whose `.frame`
is the table and `.excluded` the number of departments left out.

>>> s = metric_series(db, "vehicle_operation", kind="final")
>>> trend = panel_trend(s, years=range(2014, 2019))
>>> trend.frame.select("year", "departments", "value", pl.col("index").round(1)).rows()
[(2014, 3, 90.0, 100.0), (2015, 3, 96.0, 106.7), (2016, 3, 59.0, 65.6), (2017, 3, 45.0, 50.0), (2018, 3, 46.0, 51.1)]
>>> trend.excluded, trend.describe()
(0, 'fixed panel: 3 departments present in every year 2014–2018; 0 left out')

Over every year of a real corpus one missing document empties a panel; `years="best"` takes the run of
consecutive years that keeps the most department-years instead (`panel_years`).

Totals are sums of exact decimals (`exact_sum`), so the same input gives the same bits on every run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

import polars as pl

from analytics.analysis.display import result_html
from analytics.analysis.inputs import FrameLike, as_frame
from analytics.analysis.sums import exact_sum

BEST = "best"
"""`years=BEST`: the run of consecutive years that keeps the most department-years (`panel_years`)."""

PanelYears: TypeAlias = Iterable[int] | Literal["best"] | None
"""The years a fixed panel spans: given ones, `"best"` (see `panel_years`), or None for every year."""


@dataclass(frozen=True)
class PanelResult:
    """A table computed on a fixed panel of departments.

    `frame`: the result. `departments`: the departments kept (present in every year in `years`).
    `excluded_departments`: those of the input that were left out; `excluded` is their number.
    `derived_years`: the years of `years` in which no kept figure is printed in a document (all are
    worked back from the next year's stated changes, `basis` derived or filled); `describe()` and
    `describe_zh()` say so, so that a chart subtitle does not pass them off as disclosed.

    In a notebook the result shows as its Chinese and English descriptions above the frame.
    """

    frame: pl.DataFrame
    departments: tuple[str, ...]
    excluded_departments: tuple[str, ...]
    years: tuple[int, ...]
    notes: tuple[str, ...] = field(default=())
    derived_years: tuple[int, ...] = field(default=())

    @property
    def excluded(self) -> int:
        """How many departments were left out because they lack a figure in some year compared."""
        return len(self.excluded_departments)

    @property
    def included(self) -> int:
        """How many departments the panel keeps."""
        return len(self.departments)

    def describe(self) -> str:
        """One sentence to print under a table or chart.

        >>> PanelResult(pl.DataFrame(), ("a", "b"), ("c",), (2015, 2016)).describe()
        'fixed panel: 2 departments present in every year 2015–2016; 1 left out'
        """
        if not self.years:
            span = "no years"
        elif len(self.years) == 1:
            span = f"the year {self.years[0]}"
        elif list(self.years) == list(range(self.years[0], self.years[-1] + 1)):
            span = f"every year {self.years[0]}–{self.years[-1]}"
        else:
            span = "every year of " + ", ".join(str(y) for y in self.years)
        kept = f"{self.included} department{'' if self.included == 1 else 's'}"
        text = f"fixed panel: {kept} present in {span}; {self.excluded} left out"
        derived = (
            [
                f"{_years_text(self.derived_years)}: derived only (worked back from the next year's stated changes)"
            ]
            if self.derived_years
            else []
        )
        return "; ".join([text, *derived, *self.notes])

    def describe_zh(self) -> str:
        """The same in Chinese, for chart subtitles.

        >>> PanelResult(pl.DataFrame(), ("a", "b"), ("c",), (2015, 2016)).describe_zh()
        '固定样本：2015–2016年每年均有数据的2个部门（另有1个部门未纳入）'
        """
        if not self.years:
            span = ""
        elif list(self.years) == list(range(self.years[0], self.years[-1] + 1)) and len(self.years) > 1:
            span = f"{self.years[0]}–{self.years[-1]}年每年均有数据的"
        else:
            span = "、".join(str(y) for y in self.years) + "年均有数据的"
        text = f"固定样本：{span}{self.included}个部门（另有{self.excluded}个部门未纳入）"
        if self.derived_years:
            text += f"；{_years_text(self.derived_years, '、')}年的数均为推算数（由次年文档所述增减倒推，非文档印出）"
        return text

    def __repr__(self) -> str:
        return (
            f"<PanelResult {self.describe()}; frame of {self.frame.height} rows × {self.frame.width} columns>"
        )

    def _repr_html_(self) -> str:
        """The result in a notebook: its descriptions, the departments left out, then the frame."""
        left_out = [f"未纳入：{'、'.join(self.excluded_departments)}"] if self.excluded_departments else []
        return result_html(
            "PanelResult", [self.describe_zh(), self.describe(), *left_out], [("", self.frame)]
        )


def _years_text(years: Sequence[int], separator: str = ", ") -> str:
    """Consecutive years as a span (2013–2015), others listed."""
    ordered = sorted(set(years))
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}–{ordered[-1]}"
    return separator.join(str(y) for y in ordered)


def derived_only_years(frame: pl.DataFrame, years: Iterable[int]) -> tuple[int, ...]:
    """The `years` in which the frame has values but none of them stated (`basis` is not 'stated');
    empty when the frame has no `basis` column.

    >>> frame = pl.DataFrame({"year": [2013, 2013, 2014], "value": [1.0, 2.0, 3.0],
    ...                       "basis": ["derived", "filled", "stated"]})
    >>> derived_only_years(frame, [2013, 2014])
    (2013,)
    """
    if "basis" not in frame.columns or frame.is_empty():
        return ()
    by_year = (
        frame.filter(pl.col("value").is_not_null())
        .group_by("year")
        .agg((pl.col("basis") == "stated").any().alias("stated"))
    )
    unstated = {int(y) for y, stated in by_year.iter_rows() if not stated}
    return tuple(y for y in sorted(set(years)) if y in unstated)


def panel_years(series: FrameLike) -> tuple[int, ...]:
    """The run of consecutive years over which a fixed panel keeps the most department-years.

    For each span of consecutive years in the series, count the departments with a non-null `value`
    in every year of it (for every metric and kind the frame holds); keep the span with the largest
    departments x years, then the later, then the longer. Leaves out, for instance, a first year that
    only a few documents' stated changes reach back to. Empty when no department has a value.

    >>> frame = pl.DataFrame({"department": ["a", "a", "a", "b", "b", "c"],
    ...                       "year": [2015, 2016, 2017, 2016, 2017, 2017], "value": [1.0] * 6})
    >>> panel_years(frame)  # 2016-2017 keeps a and b (4 department-years); 2015-2017 only a (3)
    (2016, 2017)
    >>> fixed_panel(frame, years="best").departments
    ('a', 'b')
    """
    series = as_frame(series, needs=("department", "year", "value"), what="a series")
    groups = [c for c in ("metric", "kind") if c in series.columns]
    present = series.filter(pl.col("value").is_not_null() & pl.col("department").is_not_null())
    combos = max(present.select(groups).unique().height, 1) if groups else 1
    # a department has a year when it has a value for every metric and kind of the frame in it
    complete = (
        present.unique(["department", *groups, "year"])
        .group_by("department", "year")
        .len()
        .filter(pl.col("len") == combos)
    )
    years_of: dict[str, set[int]] = {}
    for department, year in complete.select("department", "year").iter_rows():
        years_of.setdefault(str(department), set()).add(int(year))
    # departments with the same years count together: few patterns even with many departments
    patterns = Counter(frozenset(have) for have in years_of.values())
    years = sorted(set().union(*patterns)) if patterns else []
    best: tuple[int, int, int] = (0, 0, 0)
    chosen: tuple[int, ...] = ()
    for i, start in enumerate(years):
        for end in years[i:]:
            span = set(range(start, end + 1))
            if not span <= set(years):
                break
            kept = sum(n for have, n in patterns.items() if span <= have)
            score = (kept * len(span), end, len(span))
            if kept and score > best:
                best, chosen = score, tuple(range(start, end + 1))
    return chosen


def fixed_panel(series: FrameLike, years: PanelYears = None) -> PanelResult:
    """Keep the departments that have a non-null `value` in every year of `years` for every metric
    and kind the frame holds; rows of other years are dropped.

    `years`: the years to compare; None for every year in the frame (one department missing one year
    then leaves it out); `"best"` for the run of consecutive years that keeps the most
    department-years (`panel_years`).

    >>> panel = fixed_panel(metric_series(db, "vehicle_operation"), years=[2015, 2016])
    >>> panel.frame.select("department", "year", "value").rows()[:2], panel.excluded
    ([('廊坊市教育局', 2015, 30.0), ('廊坊市教育局', 2016, 15.0)], 0)
    >>> fixed_panel(metric_series(db, "three_public_total"), years="best").years  # 2013 has no total
    (2014, 2015, 2016, 2017, 2018)
    >>> print(fixed_panel(metric_series(db, "vehicle_operation"), years="best").describe_zh())
    固定样本：2013–2018年每年均有数据的3个部门（另有0个部门未纳入）；2013年的数均为推算数（由次年文档所述增减倒推，非文档印出）
    """
    series = as_frame(series, needs=("department", "year", "value"), what="a series")
    chosen = _years(series, years)
    groups = [c for c in ("metric", "kind") if c in series.columns]
    in_years = series.filter(pl.col("year").is_in(chosen) & pl.col("value").is_not_null())
    combos = max(in_years.select(groups).unique().height, 1) if groups else 1
    needed = len(chosen) * combos
    counts = in_years.unique(["department", *groups, "year"]).group_by("department").len()
    kept = sorted(counts.filter(pl.col("len") == needed)["department"].to_list())
    everyone = sorted(series["department"].drop_nulls().unique().to_list())
    kept_set = set(kept)  # a set once: at national scale there are tens of thousands of departments
    left_out = tuple(d for d in everyone if d not in kept_set)
    frame = in_years.filter(pl.col("department").is_in(kept)).sort("department", *groups, "year")
    return PanelResult(
        frame, tuple(kept), left_out, tuple(chosen), derived_years=derived_only_years(frame, chosen)
    )


def panel_trend(
    series: FrameLike,
    years: PanelYears = None,
    *,
    by: str | Sequence[str] = (),
    base_year: int | None = None,
) -> PanelResult:
    """Totals per year over a fixed panel, with the year-on-year change and an index.

    `years` as for `fixed_panel` (`"best"`: the span `panel_years` picks). `by` groups the totals
    (e.g. `["department_type"]`); the panel is chosen over all groups at once. `base_year` (default:
    the first year) is where `index` is 100. Frame columns: `by` columns, year, departments (how many
    were summed), value, change, change_pct, index. Values are summed exactly (`exact_sum`): two
    runs give the same bits.

    >>> totals = panel_trend(metric_series(db, "three_public_total"), years=range(2014, 2019))
    >>> totals.frame.select("year", "value", "change", pl.col("change_pct").round(1)).rows()
    [(2014, 110.0, None, None), (2015, 116.0, 6.0, 5.5), (2016, 77.0, -39.0, -33.6), (2017, 62.0, -15.0, -19.5), (2018, 63.0, 1.0, 1.6)]
    >>> by_type = panel_trend(metric_series(db, "three_public_total"), years="best", by=["department_type"])
    >>> by_type.frame.filter(pl.col("year") == 2018).select("department_type", "value").rows()
    [('教育', 21.0), ('科协', 15.0), ('财政', 27.0)]
    """
    series = as_frame(series, needs=("department", "year", "value"), what="a series")
    panel = fixed_panel(series, years)
    by = [by] if isinstance(by, str) else list(by)  # by="prefecture" as by=["prefecture"]
    keys = [*by, *(c for c in ("metric", "kind") if c in series.columns)]
    grouping = keys or ["_all"]
    totals = (
        panel.frame.with_columns(pl.lit(True).alias("_all"))
        .group_by(*grouping, "year")
        .agg(pl.col("department").n_unique().alias("departments"), exact_sum("value"))
        .with_columns(pl.col("year").cast(pl.Int32))
    )
    base = base_year if base_year is not None else (panel.years[0] if panel.years else None)
    prior = totals.select(*grouping, (pl.col("year") + 1).cast(pl.Int32), pl.col("value").alias("_prior"))
    base_values = totals.filter(pl.col("year") == base).select(*grouping, pl.col("value").alias("_base"))
    frame = (
        totals.join(prior, on=[*grouping, "year"], how="left")
        .join(base_values, on=grouping, how="left")
        .with_columns(
            (pl.col("value") - pl.col("_prior")).alias("change"),
            pl.when(pl.col("_prior") != 0)
            .then((pl.col("value") / pl.col("_prior") - 1) * 100)
            .alias("change_pct"),
            pl.when(pl.col("_base") != 0).then(pl.col("value") / pl.col("_base") * 100).alias("index"),
        )
        .drop("_prior", "_base", *([] if keys else ["_all"]))
        .sort(*keys, "year")
    )
    return PanelResult(
        frame, panel.departments, panel.excluded_departments, panel.years, derived_years=panel.derived_years
    )


def _years(frame: pl.DataFrame, years: PanelYears) -> list[int]:
    if isinstance(years, str):
        if years != BEST:
            raise ValueError(f"years={years!r}: give the years, None for every year, or {BEST!r}")
        return list(panel_years(frame))
    if years is not None:
        return sorted(set(years))
    return sorted(frame["year"].drop_nulls().unique().to_list())


__all__ = [
    "BEST",
    "PanelResult",
    "PanelYears",
    "derived_only_years",
    "fixed_panel",
    "panel_trend",
    "panel_years",
]

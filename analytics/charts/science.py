"""Science popularisation (科普): which departments and which 20607 sub-codes gained or lost, in 万元
and as a share of a base the chart names.

- `science_funding_chart`: each department's 20607 funding in 万元, one small panel per department
  with its own scale (a 科协 spends a hundred times what a 教育局 does), the change from the first to
  the last year and the share of the department's total spending (本年支出合计) written in the panel;
- `science_share_chart`: that share itself, per department (or the 科普 activities' share of project
  spending). Not the share of project spending: a 科协's projects are all 科普, so that share is
  100 % by construction;
- `science_subcode_chart`: the sub-codes per year, stacked in 万元 (or as shares of their sum);
- `science_shift_chart`: what each sub-code gained or lost between two years, in 万元 and in
  percentage points of the sum of the sub-codes (`science_shift`).

A year without 20607 lines inside a department's span is a gap, never bridged: lines break there
and a × (or 无数据 on a bar chart) marks it.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import polars as pl

from analytics.analysis.inputs import FrameLike, as_frame
from analytics.analysis.names import departments_in
from analytics.analysis.science import SUBCODE_NAMES
from analytics.charts.basis_legend import CROSS, MISSING
from analytics.charts.theme import DEPARTMENT, PALETTE, YEAR
from analytics.labels import KIND_ZH

GAINED, LOST = "#54a24b", "#e45756"
SOURCES = {
    "lines": ("science_total", "share_of_total_pct", "科普经费（20607）", "本部门本年支出合计"),
    "activities": ("activities_budget", "activities_share_pct", "科普工作活动预算", "本部门项目支出"),
}
"""source -> (amount column, share column, what, the share's base)."""


def _with_gaps(frame: pl.DataFrame, value: str) -> pl.DataFrame:
    """Every year between a department's first and last value, a missing one with `value` null and
    `gap_value` where the line would pass (interpolated), so that lines break and a × marks it."""
    known = frame.filter(pl.col(value).is_not_null())
    if known.is_empty():
        return known.with_columns(pl.lit(None, pl.Float64).alias("gap_value"))
    spans = known.group_by("department").agg(
        pl.col("year").min().alias("_first"), pl.col("year").max().alias("_last")
    )
    grid = spans.select(
        "department", pl.int_ranges("_first", pl.col("_last") + 1, dtype=pl.Int32).alias("year")
    ).explode("year")
    full = grid.join(known.with_columns(pl.col("year").cast(pl.Int32)), on=["department", "year"], how="left")
    interpolated = pl.col(value).interpolate().over("department")
    return full.sort("department", "year").with_columns(
        pl.when(pl.col(value).is_null()).then(interpolated).alias("gap_value")
    )


def _year_axis(years: list[int]) -> alt.X:
    return alt.X(
        "year:Q",
        title=YEAR,
        axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True),
        scale=alt.Scale(
            domain=[years[0] - 0.3, years[-1] + 0.3] if years else [0, 1], nice=False, zero=False
        ),
    )


def _change_note(frame: pl.DataFrame, value: str, share: str | None, base: str) -> pl.DataFrame:
    """Per department: '2014→2023：+150.6 万元；占本年支出合计 52.1%→50.3%'."""
    known = frame.filter(pl.col(value).is_not_null()).sort("department", "year")
    ends = known.group_by("department", maintain_order=True).agg(
        pl.col("year").first().alias("_from"),
        pl.col("year").last().alias("_to"),
        pl.col(value).first().alias("_start"),
        pl.col(value).last().alias("_end"),
        *(
            [pl.col(share).first().alias("_share_from"), pl.col(share).last().alias("_share_to")]
            if share
            else []
        ),
    )
    notes = []
    for row in ends.iter_rows(named=True):
        text = f"{row['_from']}→{row['_to']}：{row['_end'] - row['_start']:+,.1f} 万元"
        if share and row["_share_from"] is not None and row["_share_to"] is not None:
            text += f"；占{base} {row['_share_from']:.1f}%→{row['_share_to']:.1f}%"
        notes.append((row["department"], text))
    return pl.DataFrame(notes, schema={"department": pl.String, "note": pl.String}, orient="row")


def _panels(
    frame: pl.DataFrame,
    value: str,
    *,
    y_title: str,
    value_format: str,
    tooltip: list[alt.Tooltip],
    notes: pl.DataFrame | None,
    columns: int,
    width: int,
    height: int,
    title: alt.Title,
) -> alt.FacetChart:
    """Small multiples, one per department, each with its own y scale: the line (broken at gaps),
    its points, a × per missing year, and a note at the top of the panel."""
    data = _with_gaps(frame, value).with_columns(pl.lit("value").alias("_row"))
    years = sorted(int(y) for y in data["year"].unique())
    if notes is not None and notes.height:
        data = pl.concat([data, notes.with_columns(pl.lit("note").alias("_row"))], how="diagonal_relaxed")
    x = _year_axis(years)
    y = alt.Y(f"{value}:Q", title=y_title, axis=alt.Axis(format=value_format, tickCount=4))
    base = alt.Chart().transform_filter("datum._row == 'value'")
    line = base.mark_line(strokeWidth=2, color=PALETTE[0]).encode(x=x, y=y)
    points = (
        base.transform_filter(f"isValid(datum.{value})")
        .mark_point(filled=True, size=40, color=PALETTE[0])
        .encode(x=x, y=y, tooltip=tooltip)
    )
    gaps = (
        base.transform_filter("isValid(datum.gap_value)")
        .mark_point(shape=CROSS, size=60, strokeWidth=2, color=LOST)
        .encode(
            x=x,
            y=alt.Y("gap_value:Q", title=y_title),
            tooltip=[
                alt.Tooltip("department:N", title=DEPARTMENT),
                alt.Tooltip("year:Q", title=f"{YEAR}（{MISSING}）", format="d"),
            ],
        )
    )
    note = (
        alt.Chart()
        .transform_filter("datum._row == 'note'")
        .mark_text(align="left", baseline="top", x=2, y=-14, fontSize=10, color="#444444")
        .encode(text="note:N")
    )
    layered = alt.layer(line, points, gaps, note, data=data).properties(width=width, height=height)
    chart: alt.FacetChart = layered.facet(
        facet=alt.Facet("department:N", title=None, header=alt.Header(labelFontSize=12, labelPadding=18)),
        columns=columns,
        title=title,
    ).resolve_scale(y="independent")
    return chart


def _kind_zh(frame: pl.DataFrame) -> str:
    """'预算数，' or '决算数，' from a funding frame's `kind` column ('' when it has none)."""
    kinds = frame["kind"].drop_nulls().unique().to_list() if "kind" in frame.columns else []
    return f"{KIND_ZH[kinds[0]]}数，" if len(kinds) == 1 and kinds[0] in KIND_ZH else ""


def science_funding_chart(
    funding: FrameLike,
    *,
    departments: list[str] | str | None = None,
    title: str | None = None,
    columns: int = 3,
    width: int = 220,
    height: int = 130,
) -> alt.FacetChart:
    """Each department's 20607 科学技术普及 funding (万元, `science_funding()`), one panel per
    department with its own scale. Each panel says how much the funding rose or fell from its first to
    its last year and what share of the department's total spending (本年支出合计) it was then; a year
    without 20607 lines is a gap marked ×.

    >>> chart = science_funding_chart(science_funding(db))
    >>> chart.data.filter(pl.col("_row") == "note").select("department", "note").rows()
    [('廊坊市教育局', '2016→2018：+2.0 万元；占本部门本年支出合计 0.3%→0.4%'), ('廊坊市科学技术协会', '2014→2018：+17.0 万元；占本部门本年支出合计 53.2%→51.3%')]
    """
    frame = as_frame(funding, needs=("department", "year", "science_total"), what="science funding")
    if departments is not None:
        frame = frame.filter(pl.col("department").is_in(departments_in(frame, departments)))
    share = "share_of_total_pct" if "share_of_total_pct" in frame.columns else None
    base = SOURCES["lines"][3]
    tooltip = [
        alt.Tooltip("department:N", title=DEPARTMENT),
        alt.Tooltip("year:Q", title=YEAR, format="d"),
        alt.Tooltip("science_total:Q", title="科普经费（万元）", format=",.2f"),
    ]
    if share:
        tooltip.append(alt.Tooltip(f"{share}:Q", title=f"占{base}（%）", format=".1f"))
    return _panels(
        frame.select(
            "department", pl.col("year").cast(pl.Int32), "science_total", *([share] if share else [])
        ),
        "science_total",
        y_title="万元",
        value_format=",.0f",
        tooltip=tooltip,
        notes=_change_note(frame, "science_total", share, base),
        columns=columns,
        width=width,
        height=height,
        title=alt.Title(
            title or f"各部门科普经费（20607 科学技术普及，{_kind_zh(frame)}万元）",
            subtitle=[
                "每格一个部门，纵轴各自独立（各部门金额相差悬殊）；格内文字为首末年的增减和占本部门本年支出合计的比重",
                f"× 为没有 20607 科目数据的年度（{MISSING}，前后不连线）",
            ],
        ),
    )


def science_share_chart(
    funding: FrameLike,
    *,
    source: str = "lines",
    departments: list[str] | str | None = None,
    title: str | None = None,
    columns: int = 3,
    width: int = 220,
    height: int = 130,
) -> alt.FacetChart:
    """The share of science popularisation in a base the title names, per department and year, one
    panel per department with its own scale, gaps marked ×: `source="lines"` the 20607 lines as a
    share of the department's total spending (本年支出合计); `source="activities"` the 科普
    performance-goal activities as a share of project spending.

    >>> chart = science_share_chart(science_funding(db))
    >>> chart.title.text, chart.data.filter(pl.col("gap_value").is_not_null())["year"].to_list()
    ('科普经费（20607）占本部门本年支出合计的比重（%）', [2016])
    """
    if source not in SOURCES:
        raise ValueError(f"source is one of {', '.join(SOURCES)}, not {source!r}")
    amount, share, what, base = SOURCES[source]
    frame = as_frame(funding, needs=("department", "year", amount, share), what="science funding")
    if departments is not None:
        frame = frame.filter(pl.col("department").is_in(departments_in(frame, departments)))
    data = frame.select("department", pl.col("year").cast(pl.Int32), amount, share)
    return _panels(
        data,
        share,
        y_title="%",
        value_format=".3~r",  # three significant digits: 0.26 beside 95 in the next panel
        tooltip=[
            alt.Tooltip("department:N", title=DEPARTMENT),
            alt.Tooltip("year:Q", title=YEAR, format="d"),
            alt.Tooltip(f"{amount}:Q", title=f"{what}（万元）", format=",.2f"),
            alt.Tooltip(f"{share}:Q", title=f"占{base}（%）", format=".2f"),
        ],
        notes=None,
        columns=columns,
        width=width,
        height=height,
        title=alt.Title(
            title or f"{what}占{base}的比重（%）",
            subtitle=[f"每格一个部门，纵轴各自独立；× 为{MISSING}的年度（前后不连线）"],
        ),
    )


def _subcode_label() -> pl.Expr:
    return pl.col("code") + " " + pl.col("code").replace_strict(SUBCODE_NAMES, default=pl.col("name"))


def science_subcode_chart(
    lines: FrameLike,
    *,
    department: str | None = None,
    normalize: bool = False,
    title: str | None = None,
    width: int = 480,
    height: int = 280,
) -> alt.LayerChart:
    """The 20607 sub-codes per year from `science_lines()`, stacked in 万元 (`normalize=True`: as
    shares of their sum); a year without sub-code lines between the first and the last keeps its
    place on the axis and says 无数据. `department` picks one department (a short name will do); by
    default all departments in `lines` are summed (pass a fixed panel's lines for a fair view).

    >>> spec = science_subcode_chart(science_lines(db), department="科协").to_dict()
    >>> spec["layer"][0]["encoding"]["x"]["scale"]["domain"], spec["title"]["subtitle"]
    ([2014, 2015, 2016, 2017, 2018], '各项金额（万元），提示框给出占当年各项合计的比重；2016 年没有分项数据（无数据）')
    """
    items = as_frame(lines, needs=("department", "year", "code", "level", "total"), what="science lines")
    items = items.filter(pl.col("level") == "item")
    if department is not None:
        items = items.filter(pl.col("department").is_in(departments_in(items, department)))
    data = (
        items.group_by("year", "code")
        .agg(pl.col("total").sum(), pl.col("name").first())
        .with_columns(
            pl.col("year").cast(pl.Int32),
            _subcode_label().alias("科目"),
            (pl.col("total") / pl.col("total").sum().over("year") * 100).alias("share_pct"),
        )
        .sort("year", "code")
    )
    present = sorted(int(y) for y in data["year"].unique())
    years = list(range(present[0], present[-1] + 1)) if present else []
    missing = pl.DataFrame({"year": [y for y in years if y not in present]}, schema={"year": pl.Int32})
    x = alt.X("year:O", title=YEAR, axis=alt.Axis(labelAngle=0), scale=alt.Scale(domain=years))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y(
                "total:Q",
                stack="normalize" if normalize else "zero",
                title="占当年各项合计" if normalize else "金额（万元）",
                axis=alt.Axis(format="%") if normalize else alt.Axis(format=",.0f"),
            ),
            color=alt.Color("科目:N", title="科学技术普及（20607）"),
            order=alt.Order("code:N"),
            tooltip=[
                alt.Tooltip("year:O", title=YEAR),
                alt.Tooltip("科目:N"),
                alt.Tooltip("total:Q", title="金额（万元）", format=",.2f"),
                alt.Tooltip("share_pct:Q", title="占当年各项合计（%）", format=".1f"),
            ],
        )
    )
    gaps = (
        alt.Chart(missing)
        .mark_text(baseline="bottom", dy=-4, fontSize=11, color=LOST)
        .encode(x=x, y=alt.value(height), text=alt.value(MISSING))
    )
    where = f"：{department}" if department else ""
    subtitle = (
        "各项占当年 20607 各项合计的比重（%）"
        if normalize
        else "各项金额（万元），提示框给出占当年各项合计的比重"
    )
    if missing.height:
        subtitle += f"；{'、'.join(str(y) for y in missing['year'])} 年没有分项数据（{MISSING}）"
    return alt.LayerChart(
        layer=[bars, gaps],
        title=alt.Title(title or f"科学技术普及支出分项{where}", subtitle=subtitle),
        width=width,
        height=height,
    )


def science_shift_chart(shift: Any, *, title: str | None = None, width: int = 240) -> alt.HConcatChart:
    """What each 20607 sub-code gained or lost between the two years of `science_shift()`: on the
    left in 万元, on the right in percentage points of the sum of the sub-codes (the base of the
    shares), green for a gain, red for a loss. With `by_department=True` each bar is a department's
    sub-code.

    >>> spec = science_shift_chart(science_shift(db, 2014, 2018)).to_dict()
    >>> [(row["科目"], row["amount_change"]) for row in spec["datasets"][spec["data"]["name"]]]
    [('2060702 科普活动', 65.0), ('2060701 机构运行', 12.0), ('2060799 其他科学技术普及支出', -60.0)]
    """
    frame = as_frame(shift, needs=("code", "amount_from", "amount_to", "share_change_pp"), what="a shift")
    years = tuple(getattr(shift, "years", ()))
    label = _subcode_label()
    if "department" in frame.columns:
        label = pl.col("department") + " · " + label
    data = frame.with_columns(
        label.alias("科目"),
        (pl.col("amount_to").fill_null(0) - pl.col("amount_from").fill_null(0)).alias("amount_change"),
    )
    order = data["科目"].to_list()  # science_shift sorts by the change in share
    y = alt.Y("科目:N", title=None, sort=order, axis=alt.Axis(labelLimit=400))
    tooltip = [
        alt.Tooltip("科目:N"),
        alt.Tooltip("amount_from:Q", title=f"{years[0] if years else '起'}年（万元）", format=",.2f"),
        alt.Tooltip("amount_to:Q", title=f"{years[-1] if years else '止'}年（万元）", format=",.2f"),
        alt.Tooltip("share_from_pct:Q", title="起始占比（%）", format=".1f"),
        alt.Tooltip("share_to_pct:Q", title="末年占比（%）", format=".1f"),
    ]

    def bars(field: str, axis_title: str, text: str) -> alt.LayerChart:
        sign = alt.condition(f"datum.{field} >= 0", alt.value(GAINED), alt.value(LOST))
        base = alt.Chart(data).encode(y=y)
        values = [float(v) for v in data[field].drop_nulls()] or [0.0]
        low, high = min(0.0, *values), max(0.0, *values)
        room = (high - low) * 0.3  # for the labels beyond the bars' ends
        x = alt.X(
            f"{field}:Q",
            title=axis_title,
            scale=alt.Scale(domain=[low - room if low < 0 else 0, high + room if high > 0 else 0], nice=True),
        )
        bar = base.mark_bar().encode(x=x, color=sign, tooltip=tooltip)
        label = alt.Text(f"{field}:Q", format=text)
        gains = base.transform_filter(f"datum.{field} >= 0").mark_text(align="left", dx=3, fontSize=10)
        losses = base.transform_filter(f"datum.{field} < 0").mark_text(align="right", dx=-3, fontSize=10)
        return alt.LayerChart(
            layer=[bar, gains.encode(x=f"{field}:Q", text=label), losses.encode(x=f"{field}:Q", text=label)],
            width=width,
            height=alt.Step(22),
        )

    span = f"{years[0]}→{years[-1]}" if years else ""
    subtitle = ["左：金额增减（万元）；右：占各分项合计的比重变化（百分点）"]
    describe = getattr(shift, "describe_zh", None)
    if callable(describe):
        subtitle.append(describe())
    chart: alt.HConcatChart = alt.hconcat(
        bars("amount_change", "金额增减（万元）", "+,.1f"),
        bars("share_change_pp", "占比变化（百分点）", "+.1f"),
        title=alt.Title(title or f"科普经费分项的增减{('：' + span) if span else ''}", subtitle=subtitle),
    )
    return chart


__all__ = ["science_funding_chart", "science_share_chart", "science_shift_chart", "science_subcode_chart"]

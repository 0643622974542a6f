"""The science-popularisation charts read for what they show: each department's funding in 万元 with the
base of its share named, no share pinned at 100 % by construction, gaps left as gaps and marked, and
the sub-codes that gained or lost in 万元 and in points of their sum."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import polars as pl
import pytest

from analytics.analysis import science_funding, science_lines, science_shift
from analytics.charts import (
    science_funding_chart,
    science_share_chart,
    science_shift_chart,
    science_subcode_chart,
    to_png,
)
from analytics.load import Store
from tests.analysis.builders import Doc, fact, line

PNG = b"\x89PNG\r\n\x1a\n"
KEXIE = "廊坊市科学技术协会"
JIAOYU = "廊坊市教育局"


def round_trip(chart: alt.TopLevelMixin) -> dict[str, Any]:
    spec = chart.to_dict()
    again = type(chart).from_dict(json.loads(json.dumps(spec, ensure_ascii=False)))
    assert again.to_dict() == spec
    return spec


def kexie(year: int, running: int, activities: int, other: int) -> Doc:
    """A 科协 budget whose project spending is all 科普 (2060702 + 2060799), as a 科协's is."""
    project = activities + other
    return Doc(KEXIE, year, "budget", [fact("expenditure_project", project), fact("expenditure_total", project + running + 40)],
               department_type="科协",
               lines=[line("20607", "科学技术普及", str(running + project), year, project=str(project)),
                      line("2060701", "机构运行", str(running), year, project="0"),
                      line("2060702", "科普活动", str(activities), year, project=str(activities)),
                      line("2060799", "其他科学技术普及支出", str(other), year, project=str(other))])  # fmt: skip


@pytest.fixture
def science_db(make_db: Any) -> Store:
    """科协 2014–2018 without lines in 2016 (its 2016 budget states spending only); 教育局 2016–2018."""
    store: Store = make_db(
        [
            kexie(2014, 170, 30, 160), kexie(2015, 160, 35, 135),
            Doc(KEXIE, 2016, "budget", [fact("expenditure_project", "270"), fact("expenditure_total", "480")], department_type="科协"),
            kexie(2017, 230, 70, 85), kexie(2018, 245, 80, 65),
            *[Doc(JIAOYU, year, "budget", [fact("expenditure_total", "2400")], department_type="教育",
                  lines=[line("2060703", "青少年科技活动", "14", year, project="14")]) for year in (2016, 2017, 2018)],
        ]
    )  # fmt: skip
    return store


def rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return list(spec["datasets"][spec["data"]["name"]])


def test_the_share_is_of_total_spending_and_never_pinned_at_100_by_construction(science_db: Store) -> None:
    funding = science_funding(science_db)
    # the share of project spending is 100 % every year for the 科协: that is the construction to avoid
    kexie_rows = funding.filter(pl.col("department") == KEXIE)
    assert set(kexie_rows["share_of_project_pct"].drop_nulls()) == {100.0}
    spec = round_trip(science_share_chart(funding))
    assert spec["title"]["text"] == "科普经费（20607）占本部门本年支出合计的比重（%）"
    values = [r for r in rows(spec) if r.get("share_of_total_pct") is not None]
    by_department: dict[str, set[float]] = {}
    for r in values:
        by_department.setdefault(r["department"], set()).add(round(r["share_of_total_pct"], 6))
    assert set(by_department) == {KEXIE, JIAOYU}
    assert all(shares != {100.0} and max(shares) < 100 for shares in by_department.values())


def test_a_year_without_lines_is_a_gap_marked_not_bridged(science_db: Store) -> None:
    spec = round_trip(science_funding_chart(science_funding(science_db)))
    data = [r for r in rows(spec) if r["_row"] == "value"]
    kexie_years = {r["year"]: r for r in data if r["department"] == KEXIE}
    assert sorted(kexie_years) == [2014, 2015, 2016, 2017, 2018]
    assert kexie_years[2016]["science_total"] is None  # a null breaks the line there
    assert kexie_years[2016]["gap_value"] == pytest.approx((330 + 385) / 2)  # the × between 2015 and 2017
    assert [r["year"] for r in data if r["gap_value"] is not None] == [2016]
    line = spec["spec"]["layer"][0]
    assert line["mark"]["type"] == "line" and line["encoding"]["y"]["field"] == "science_total"
    assert spec["resolve"]["scale"]["y"] == "independent"  # each department on its own scale
    notes = {r["department"]: r["note"] for r in rows(spec) if r["_row"] == "note"}
    assert notes[KEXIE] == "2014→2018：+30.0 万元；占本部门本年支出合计 90.0%→90.7%"  # 360 of 400, 390 of 430
    assert notes[JIAOYU] == "2016→2018：+0.0 万元；占本部门本年支出合计 0.6%→0.6%"
    assert to_png(science_funding_chart(science_funding(science_db))).startswith(PNG)


def test_the_sub_code_chart_keeps_the_missing_year_on_its_axis(science_db: Store) -> None:
    spec = round_trip(science_subcode_chart(science_lines(science_db), department="科协"))
    bars, gaps = spec["layer"]
    assert bars["encoding"]["x"]["scale"]["domain"] == [2014, 2015, 2016, 2017, 2018]
    assert bars["encoding"]["y"]["stack"] == "zero" and bars["encoding"]["y"]["title"] == "金额（万元）"
    assert [r["year"] for r in spec["datasets"][gaps["data"]["name"]]] == [2016]
    assert "2016 年没有分项数据" in spec["title"]["subtitle"]
    shares = round_trip(science_subcode_chart(science_lines(science_db), department=KEXIE, normalize=True))
    assert shares["layer"][0]["encoding"]["y"]["stack"] == "normalize"


def test_the_shift_chart_shows_gains_and_losses_in_wan_yuan_and_points(science_db: Store) -> None:
    shift = science_shift(science_db, 2014, 2018)
    chart = science_shift_chart(shift)
    spec = round_trip(chart)
    amounts, points = spec["hconcat"]
    changes = {r["code"]: (r["amount_change"], round(r["share_change_pp"], 1)) for r in rows(spec)}
    # of 360 in 2014 (170, 30, 160) and 390 in 2018 (245, 80, 65)
    assert changes == {"2060701": (75.0, 15.6), "2060702": (50.0, 12.2), "2060799": (-95.0, -27.8)}
    assert amounts["layer"][0]["encoding"]["x"]["field"] == "amount_change"
    assert points["layer"][0]["encoding"]["x"]["field"] == "share_change_pp"
    assert spec["title"]["text"] == "科普经费分项的增减：2014→2018"
    assert shift.describe_zh() in spec["title"]["subtitle"]
    assert to_png(chart).startswith(PNG)

"""Science popularisation: 20607 lines (class line or sum of sub-codes), 科普 activities without double
counting, the share of project spending, and the shift between sub-codes."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from analytics.analysis import science_activities, science_funding, science_lines, science_shift
from analytics.load import Store
from tests.analysis.builders import Doc, fact, goal, line

MakeDb = Callable[[list[Doc]], Store]
KEXIE = "廊坊市科学技术协会"


def kexie(year: int, lines: list[tuple[str, str, str]], project: str, goals: list | None = None) -> Doc:  # type: ignore[type-arg]
    return Doc(KEXIE, year, "budget", [fact("expenditure_project", project)], department_type="科协",
               lines=[line(code, name, total, year, project=total) for code, name, total in lines], goals=goals or [])  # fmt: skip


@pytest.fixture
def science_db(make_db: MakeDb) -> Store:
    return make_db(
        [
            kexie(2016, [("206", "科学技术支出", "100"), ("20607", "科学技术普及", "100"),
                         ("2060702", "科普活动", "25"), ("2060799", "其他科学技术普及支出", "75")], "200",
                  [goal("科学技术普及", "42"), goal("开展科普活动", "16", "科学技术普及"),
                   goal("开展科普活动", "16", "科学技术普及", indicator="第二个指标"), goal("政务管理", "95")]),
            # no 20607 class line in 2023: the sub-codes are summed
            kexie(2023, [("2060702", "科普活动", "85"), ("2060799", "其他科学技术普及支出", "15")], "250",
                  [goal("基层科普行动计划", None), goal("科普大篷车", "30", "基层科普行动计划")]),
            Doc("廊坊市教育局", 2016, "budget", department_type="教育",
                lines=[line("2060703", "青少年科技活动", "10", 2016)]),
        ]
    )  # fmt: skip


def test_lines_keep_the_class_line_and_its_sub_codes(science_db: Store) -> None:
    lines = science_lines(science_db).filter(pl.col("department") == KEXIE)
    assert lines.filter(pl.col("year") == 2016).select("code", "level", "total").rows() == [
        ("20607", "class", 100.0),
        ("2060702", "item", 25.0),
        ("2060799", "item", 75.0),
    ]


def test_activities_are_counted_once(science_db: Store) -> None:
    activities = science_activities(science_db)
    rows = activities.select("year", "activity", "budget", "counted").rows()
    # one row per activity (not per indicator); the children of a budgeted 科学技术普及 are not counted again;
    # a parent without a budget lets its children count
    assert sorted(rows, key=str) == sorted(
        [
            (2016, "科学技术普及", 42.0, True),
            (2016, "开展科普活动", 16.0, False),
            (2023, "基层科普行动计划", None, True),
            (2023, "科普大篷车", 30.0, True),
        ],
        key=str,
    )


def test_funding_and_its_share_of_project_spending(science_db: Store) -> None:
    funding = science_funding(science_db).filter(pl.col("department") == KEXIE)
    assert funding.select(
        "year",
        "science_total",
        "lines_basis",
        "expenditure_project",
        "share_of_project_pct",
        "activities_budget",
    ).rows() == [
        (2016, 100.0, "class line", 200.0, 50.0, 42.0),
        (2023, 100.0, "sum of sub-codes", 250.0, 40.0, 30.0),
    ]


def test_shift_between_sub_codes_on_a_fixed_panel(science_db: Store) -> None:
    shift = science_shift(science_db, 2016, 2023)
    assert shift.excluded_departments == ("廊坊市教育局",)  # no 20607 lines in 2023
    assert shift.frame.select(
        "code", "share_from_pct", "share_to_pct", "share_change_pp", "direction"
    ).rows() == [
        ("2060702", 25.0, 85.0, pytest.approx(60.0), "gained"),
        ("2060799", 75.0, 15.0, pytest.approx(-60.0), "lost"),
    ]
    per_department = science_shift(science_db, 2016, 2023, by_department=True).frame
    assert per_department["department"].unique().to_list() == [KEXIE]
    with pytest.raises(ValueError):
        science_shift(science_db, 2016, 2016)

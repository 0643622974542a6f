"""The small database the package's docstring examples run against (built once per test session by
the root conftest.py, which hands it to them as `db`).

Three departments of 廊坊市, budgets and final accounts 2014–2018, written from hand-made extractions
(no reading or extraction involved, so the examples do not move when the extractor changes):

- 廊坊市财政局 states its vehicle reform in 2016, 廊坊市科学技术协会 in 2017; 廊坊市教育局 states none
  (the prefecture default, 2016, applies). Running costs halve, fleets shrink, personnel costs rise
  (科协 states only basic expenditure, which stands in for them).
- The 2014 final accounts state the change against 2013, so 2013 has derived amounts only.
- 科协's 20607 lines (2060701 机构运行, 2060702 科普活动, 2060799 其他) cover every budget year but
  2016, with 2060702 taking share from 2060799; 教育局 has a 2060703 line from 2016.
- 财政局's 2018 final accounts carry one failed check (its fleet stated twice, 4 and 5), which leaves
  that one figure out of the analyses; its 2016 budget prints the name 市财政局.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from analytics.model import Check
from tests.analysis.builders import Doc, F, fact, goal, line, write_database

CAIZHENG = "廊坊市财政局"
JIAOYU = "廊坊市教育局"
KEXIE = "廊坊市科学技术协会"
REFORM = "公车改革车辆减少"
YEARS = range(2014, 2019)

# year: vehicle_operation, vehicles_count, overseas_travel, reception, personnel (or basic), final total,
# budget total, budget project expenditure
FIGURES: dict[str, dict[int, tuple[int, ...]]] = {
    CAIZHENG: {
        2014: (40, 10, 2, 8, 100, 990, 1000, 300),
        2015: (44, 10, 2, 8, 110, 1060, 1050, 310),
        2016: (20, 4, 2, 6, 130, 1080, 1100, 320),
        2017: (18, 4, 2, 6, 135, 1150, 1150, 330),
        2018: (19, 4, 2, 6, 140, 1210, 1200, 340),
    },
    JIAOYU: {
        2014: (30, 8, 0, 5, 300, 3020, 3000, 900),
        2015: (30, 8, 0, 5, 300, 2950, 3000, 900),
        2016: (15, 3, 0, 5, 330, 3100, 3100, 950),
        2017: (15, 3, 0, 5, 330, 3180, 3200, 980),
        2018: (16, 3, 0, 5, 340, 3260, 3300, 1000),
    },
    KEXIE: {
        2014: (20, 5, 1, 4, 200, 480, 470, 180),
        2015: (22, 5, 1, 4, 210, 500, 490, 185),
        2016: (24, 5, 1, 4, 220, 520, 510, 190),
        2017: (12, 2, 1, 3, 260, 505, 500, 200),
        2018: (11, 2, 1, 3, 265, 530, 520, 210),
    },
}
TYPES = {CAIZHENG: "财政", JIAOYU: "教育", KEXIE: "科协"}
REFORM_YEARS = {CAIZHENG: 2016, KEXIE: 2017}
# vehicle_operation: the change against 2013 the 2014 final accounts state
CHANGE_FROM_2013 = {CAIZHENG: -2, JIAOYU: 0, KEXIE: -1}

# 科协's 20607 sub-codes per budget year (2016 missing): 机构运行, 科普活动, 其他
KEXIE_LINES = {2014: (100, 30, 120), 2015: (105, 40, 110), 2017: (110, 70, 80), 2018: (112, 95, 60)}
KEXIE_ACTIVITY = {2014: 30, 2015: 36, 2016: 40, 2017: 45, 2018: 50}
JIAOYU_LINES = {2016: 10, 2017: 12, 2018: 12}


def _final(department: str, year: int) -> Doc:
    operation, count, overseas, reception, personnel, total, _, _ = FIGURES[department][year]
    reason = REFORM if REFORM_YEARS.get(department) == year else None
    figures: list[F] = [
        fact("vehicle_operation", operation, reason=reason),
        fact("vehicles_count", count),
        fact("overseas_travel", overseas),
        fact("vehicle_purchase", 0),
        fact("reception", reception),
        fact("three_public_total", operation + overseas + reception),
        fact("expenditure_basic" if department == KEXIE else "expenditure_personnel", personnel),
        fact("expenditure_total", total),
    ]
    if reason is not None:
        prior = FIGURES[department][year - 1][0]
        figures.append(fact("vehicle_operation", operation - prior, measure="yoy_change", reason=reason))
    if year == 2014:
        change = CHANGE_FROM_2013[department]
        figures += [
            fact("vehicle_operation", change, measure="yoy_change"),
            fact("vehicle_operation", operation - change, 2013, basis="derived"),
        ]
    notes = []
    if department == CAIZHENG and year == 2018:
        notes.append(
            Check(
                "repeated:vehicles_count",
                "error",
                False,
                "vehicles_count 2018 final amount: stated twice with different values, 4 in the text "
                "and 5 in a table",
                metric="vehicles_count",
                expected=Decimal(4),
                actual=Decimal(5),
                year=2018,
                quote="公务用车保有量4辆",
            )
        )
    return Doc(department, year, "final", figures, TYPES[department], notes=notes)


def _budget(department: str, year: int) -> Doc:
    operation, _, _, _, _, _, total, project = FIGURES[department][year]
    figures = [
        fact("vehicle_operation", operation),
        fact("expenditure_total", total),
        fact("expenditure_project", project),
    ]
    lines = []
    goals = []
    if department == KEXIE:
        goals = [
            goal("科学技术普及", str(KEXIE_ACTIVITY[year])),
            goal("开展科普活动", str(KEXIE_ACTIVITY[year] - 10), "科学技术普及"),
        ]
        if year in KEXIE_LINES:
            running, activities, other = KEXIE_LINES[year]
            lines = [
                line("20607", "科学技术普及", str(running + activities + other), year,
                     project=str(activities + other)),
                line("2060701", "机构运行", str(running), year, project="0"),
                line("2060702", "科普活动", str(activities), year, project=str(activities)),
                line("2060799", "其他科学技术普及支出", str(other), year, project=str(other)),
            ]  # fmt: skip
    if department == JIAOYU and year in JIAOYU_LINES:
        amount = str(JIAOYU_LINES[year])
        lines = [
            line("20607", "科学技术普及", amount, year, project=amount),
            line("2060703", "青少年科技活动", amount, year, project=amount),
        ]
    printed = "市财政局" if department == CAIZHENG and year == 2016 else None
    return Doc(
        department, year, "budget", figures, TYPES[department], goals=goals, lines=lines, printed=printed
    )


def example_corpus() -> list[Doc]:
    """Every document of the example database: each department's budget and final accounts 2014–2018."""
    return [make(d, y) for d in FIGURES for y in YEARS for make in (_budget, _final)]


def write_example_database(path: Path) -> Path:
    """Write the example database at `path` and return the path."""
    return write_database(path, example_corpus())

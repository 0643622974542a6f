"""The 部门职责-工作活动绩效目标 table: activities, their budgets, indicators and grade thresholds.

    职责活动         | 年度预算数 | 内容描述 | 绩效目标 | 绩效指标       | 评价标准
                    |            |          |          |                | 优 | 良 | 中 | 差
    科学技术普及      | 49.00      | …        | …        |                |    |    |    |
      开展科普活动    | 19.00      | …        | …        | 科技知识普及率 | 高 | 比较高 | 中 | 低
                    |            |          |          | 科普活动…人次  | ≥10 | ≥8 | ≥6 | <6

An indented activity is a sub-activity of the last unindented one; a row with an empty activity cell
is one more indicator of the activity above. Thresholds are kept as printed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from analytics.extract.numbers import parse_number, to_wan, unit_in
from analytics.model import Check, PerformanceGoal, Table

GRADES = ("优", "良", "中", "差")


def is_goals_table(table: Table) -> bool:
    return _columns(table) is not None


def _columns(table: Table) -> tuple[int, dict[str, int]] | None:
    """(index of the first data row, column of each field) or None when this is not a goals table."""
    if "绩效指标" not in "".join(["".join(row) for row in table.rows[:5]]):
        return None  # a quick look: no header cell can name the indicators (most tables)
    for i, row in enumerate(table.rows[:5]):
        if not any("绩效指标" in c for c in row):
            continue
        cells = [c.strip() for c in row]
        if not any(("活动" in c or "项目" in c) for c in cells):
            continue
        cols: dict[str, int] = {}
        for j, c in enumerate(cells):
            if "活动" in c or ("项目" in c and "activity" not in cols):
                cols.setdefault("activity", j)
            elif "预算" in c:
                cols.setdefault("budget", j)
            elif "内容" in c or "描述" in c:
                cols.setdefault("description", j)
            elif "绩效目标" in c:
                cols.setdefault("goal", j)
            elif "绩效指标" in c:
                cols.setdefault("indicator", j)
        first = i + 1
        # Grade columns: 优/良/中/差 in the header row itself or in a second header row below it.
        if all(g in cells for g in GRADES):
            for g in GRADES:
                cols[g] = cells.index(g)
        elif first < len(table.rows):
            sub = [c.strip() for c in table.rows[first]]
            if all(g in sub for g in GRADES):
                for g in GRADES:
                    cols[g] = sub.index(g)
                first += 1
        if "activity" in cols and "indicator" in cols:
            return first, cols
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def goals_from_table(table: Table) -> tuple[list[PerformanceGoal], list[Check]]:
    """Goal rows and the problems seen in them (a duplicated row, a count printed with a % sign)."""
    found = _columns(table)
    if found is None:
        return [], []
    first, cols = found
    unit = next((u for row in table.rows[:first] for c in row if (u := unit_in(c))), "万元")
    at = cols["activity"]
    top_indent = min(
        (_indent(r[at]) for r in table.rows[first:] if len(r) > at and r[at].strip()),
        default=0,
    )
    goals: list[PerformanceGoal] = []
    checks: list[Check] = []
    activity: _Activity | None = None
    top: str | None = None  # the last activity that is no sub-activity
    seen: dict[tuple[str | None, ...], int] = {}  # each indicator's row, for duplicates
    for row in table.rows[first:]:
        name_cell = row[at] if len(row) > at else ""
        if name_cell.strip():
            name = name_cell.strip()
            if _indent(name_cell) > top_indent:
                parent = top  # a sub-activity of the last top-level one
            else:
                parent, top = None, name
            activity = _Activity(name, parent, *_activity_cells(row, cols, unit))
        elif activity is None:
            continue
        indicator = _cell(row, cols, "indicator")
        if indicator is None and not name_cell.strip():
            continue  # an empty row
        grades = tuple(_cell(row, cols, g) for g in GRADES)
        goals.append(
            PerformanceGoal(
                activity=activity.name,
                parent_activity=activity.parent,
                budget=activity.budget,
                description=activity.description,
                goal=activity.goal,
                indicator=indicator,
                grade_excellent=grades[0],
                grade_good=grades[1],
                grade_fair=grades[2],
                grade_poor=grades[3],
            )
        )
        checks.extend(_row_checks(row, goals, seen))
    return repaired(goals), checks


class _Activity(NamedTuple):
    """The activity a goal row belongs to: the last row that named one."""

    name: str
    parent: str | None
    budget: Decimal | None
    description: str | None
    goal: str | None


def _cell(row: tuple[str, ...], cols: dict[str, int], key: str) -> str | None:
    """The stripped cell of a field, None where the row has none or it is blank."""
    j = cols.get(key)
    if j is None or j >= len(row):
        return None
    return row[j].strip() or None


def _activity_cells(
    row: tuple[str, ...], cols: dict[str, int], unit: str
) -> tuple[Decimal | None, str | None, str | None]:
    """What a row naming an activity says of it: its budget (in 万元), description and goal."""
    raw_budget = _cell(row, cols, "budget")
    number = parse_number(raw_budget) if raw_budget else None
    budget = to_wan(number, unit) if number is not None else None
    return budget, _cell(row, cols, "description"), _cell(row, cols, "goal")


def _row_checks(
    row: tuple[str, ...], goals: list[PerformanceGoal], seen: dict[tuple[str | None, ...], int]
) -> list[Check]:
    """The problems of the goal just read (the last of `goals`): an indicator printed twice with the
    same thresholds, thresholds with and without '%'. `seen` collects each indicator's row."""
    record = goals[-1]
    grades = (record.grade_excellent, record.grade_good, record.grade_fair, record.grade_poor)
    indicator, quote = record.indicator, " | ".join(c.strip() for c in row)
    checks: list[Check] = []
    key = (record.activity, indicator, *grades)
    if indicator is not None and key in seen:
        checks.append(
            Check(
                check="duplicate_row:performance_goals",
                severity="warning",
                passed=False,
                message=f"indicator {indicator!r} of activity {record.activity!r} is printed twice "
                f"with the same thresholds (rows {seen[key] + 1} and {len(goals)} of the goals); "
                "both are kept",
                quote=quote,
            )
        )
    seen.setdefault(key, len(goals) - 1)
    printed = [g for g in grades if g]
    with_pct = [g for g in printed if g.endswith("%")]
    numeric = [g for g in printed if re.search(r"\d", g) and g != "0"]  # a bare 0 needs no unit
    if with_pct and len(with_pct) < len(numeric):
        checks.append(
            Check(
                check="mixed_units:performance_goals",
                severity="warning",
                passed=False,
                message=f"indicator {indicator!r} mixes thresholds with and without '%' "
                f"({' / '.join(printed)}); kept as printed",
                quote=quote,
            )
        )
    return checks


def repaired(goals: list[PerformanceGoal], total: Decimal | None = None) -> list[PerformanceGoal]:
    """Mend a hierarchy that indentation got wrong (PDFs lose it) when the budgets say otherwise:
    a top-level activity whose own sub-activities do not add up to its budget takes the activities
    that follow it, in order, when their budgets add up to it exactly. `total` is the 项目支出 the
    activities should add up to, when the document states it: activities that exceed it are
    regrouped the same way, and a regrouping is kept only if it then adds up."""
    order = list(dict.fromkeys(g.activity for g in goals))
    budget = {g.activity: g.budget for g in goals}
    parent = {g.activity: g.parent_activity for g in goals}

    def children(a: str) -> list[str]:
        return [c for c in order if parent[c] == a]

    def adds_up(a: str) -> bool:
        subs = [b for c in children(a) if (b := budget[c]) is not None]
        return not subs or budget[a] is None or sum(subs, Decimal(0)) == budget[a]

    def tops_add_up() -> bool:
        tops = [b for a in order if parent[a] is None and (b := budget[a]) is not None]
        return total is None or not tops or sum(tops, Decimal(0)) == total

    if all(adds_up(a) for a in order if parent[a] is None) and tops_add_up():
        return goals
    new_parent = dict(parent)
    for i, top in enumerate(order):
        if parent[top] is not None or budget[top] is None or (children(top) and adds_up(top)):
            continue
        running, taken = Decimal(0), list[str]()
        for follower in order[i + 1 :]:
            if budget[follower] is None or parent[follower] not in (None, *taken):
                break
            running += budget[follower]  # type: ignore[operator]
            taken.append(follower)
            if running >= budget[top]:  # type: ignore[operator]
                break
        if taken and running == budget[top] and len(taken) > 1:
            for follower in taken:
                new_parent[follower] = top
    if new_parent == parent:
        return goals
    trial = [
        g
        if g.parent_activity == new_parent[g.activity]
        else replace(g, parent_activity=new_parent[g.activity])
        for g in goals
    ]
    parent = new_parent
    return trial if all(adds_up(a) for a in order if parent[a] is None) and tops_add_up() else goals

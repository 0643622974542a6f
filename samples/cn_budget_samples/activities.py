"""The activity budgets (职责活动) of the performance-goals table: the template's activities share
the year's project budget in whole 万元, children their parent's; the 科协 of 廊坊市 keeps the
科学技术普及 amounts of its series, a one-year 基层科普行动计划 in 2016, and the seed's amounts in 2017.
"""

from __future__ import annotations

from decimal import Decimal

from cn_budget_samples.departments import KEXIE_KEY, Department
from cn_budget_samples.figures import Activity
from cn_budget_samples.money import ZERO, q2, wan
from cn_budget_samples.templates import ActivityTemplate

# 科学技术普及 activity budget of the core 科协 (2017 is the seed's 49)
_KEXIE_KEPU = {2013: 26, 2014: 30, 2015: 36, 2016: 42, 2017: 49, 2018: 56, 2019: 63, 2020: 72, 2021: 80}
_KEXIE_KEPU_LATE = {2022: 90, 2023: 100}
_KEXIE_SEED_ACTIVITIES = {"科学技术普及": "49", "开展科普活动": "19", "科普设施体系建设": "20", "科普能力建设": "10",
                          "促进学术发展": "27", "学会能力提升": "10", "学术交流合作": "17",
                          "助力创新驱动发展": "22", "政务管理": "95.30"}  # fmt: skip
_JICENG = "基层科普行动计划"


def activity_budgets(department: Department, year: int, project: Decimal) -> tuple[Activity, ...]:
    """Top-level activities share the project budget in whole 万元 (the last takes the cents);
    children share their parent the same way."""
    tops = list(department.template.activities)
    fixed: dict[str, Decimal] = {}
    if department.key == KEXIE_KEY:
        kepu = (_KEXIE_KEPU | _KEXIE_KEPU_LATE).get(year)
        if kepu is not None:
            fixed["科学技术普及"] = Decimal(kepu)
        if year == 2016:
            fixed[_JICENG] = Decimal(90)
            tops.insert(
                3,
                ActivityTemplate(
                    _JICENG,
                    0,
                    "使用中央和省级基层科普行动计划资金，奖补基层科普组织和科普示范基地。",
                    "奖补资金按时拨付到位，示范带动作用明显。",
                    (("奖补对象数量", "≥20", "≥15", "≥10", "＜10"),),
                ),
            )
        if year == 2017:
            fixed = {k: wan(v) for k, v in _KEXIE_SEED_ACTIVITIES.items()}
    amounts = _whole_split(
        project, [t.weight for t in tops], {i: fixed[t.name] for i, t in enumerate(tops) if t.name in fixed}
    )
    rows: list[Activity] = []
    for template, amount in zip(tops, amounts, strict=True):
        rows.append(
            Activity(template.name, None, amount, template.description, template.goal, template.indicators)
        )
        if template.children:
            pinned = {i: fixed[c.name] for i, c in enumerate(template.children) if c.name in fixed}
            parts = _whole_split(amount, [c.weight for c in template.children], pinned)
            for child, part in zip(template.children, parts, strict=True):
                rows.append(
                    Activity(child.name, template.name, part, child.description, child.goal, child.indicators)
                )
    return tuple(rows)


def _whole_split(total: Decimal, weights: list[int], pinned: dict[int, Decimal]) -> list[Decimal]:
    """Split `total` by `weights` in whole 万元, keeping `pinned` parts; the last part takes the rest."""
    free = [i for i in range(len(weights)) if i not in pinned]
    rest = total - sum(pinned.values(), ZERO)
    whole = sum(weights[i] for i in free) or 1
    parts = {i: q2(v) for i, v in pinned.items()}
    for i in free[:-1]:
        parts[i] = q2(Decimal(int(rest * weights[i] / whole)))
    if free:
        parts[free[-1]] = rest - sum((parts[i] for i in free[:-1]), ZERO)
    return [parts[i] for i in range(len(weights))]

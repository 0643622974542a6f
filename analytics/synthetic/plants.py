"""The planted inconsistencies and outliers of the bundled corpus, one definition each.

A plant changes what one document prints at one place, never the underlying figures, except the
execution outlier, which is a real (consistent) figure far above its budget. Each plant becomes a
row of truth_checks.csv, so a checker's findings can be scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from analytics.model import Kind, Severity


@dataclass(frozen=True)
class Plant:
    """One planted effect in the document of (department key, year, kind).

    `place` says where it shows: 'narrative:<metric>' (a figure in running text),
    'table:<metric>' (a figure in a table), 'activity:<name>' (an activity budget) or
    'execution:<metric>' (final accounts far above the budget, a real figure).
    `delta` is added to the true value at that place (for 'execution', the factor on the budget)."""

    department_key: str
    year: int
    kind: Kind
    place: str
    delta: Decimal
    check: str
    metric: str
    severity: Severity
    description: str


PLANTS: tuple[Plant, ...] = (
    Plant(
        "廊坊市:caizheng",
        2021,
        "final",
        "table:three_public_total",
        Decimal("1.00"),
        "sum:three_public_total",
        "three_public_total",
        "error",
        '"三公"经费支出决算表的合计比因公出国(境)费、公务用车购置及运行费、公务接待费之和多1.00万元',
    ),
    Plant(
        "廊坊市:shenji",
        2019,
        "budget",
        "narrative:reception",
        Decimal("-0.90"),
        "prose_vs_table:reception",
        "reception",
        "error",
        "正文所述公务接待费比“三公”经费表中的数字少0.90万元(数字颠倒)",
    ),
    Plant(
        "廊坊市:kexie",
        2020,
        "budget",
        "activity:开展科普活动",
        Decimal("-4.00"),
        "sum:activity_budget",
        "activity:科学技术普及",
        "error",
        "绩效目标表中“科学技术普及”的年度预算数不等于其下三项工作活动之和(少算4.00万元)",
    ),
    Plant(
        "廊坊市:minzheng",
        2020,
        "final",
        "execution:expenditure_project",
        Decimal("2.85"),
        "execution_rate:expenditure_project",
        "expenditure_project",
        "info",
        "项目支出决算为年初预算的2.85倍左右(年中追加临时救助资金): 真实的离群值，不是错误",
    ),
)


def plants_for(department_key: str, year: int, kind: Kind) -> tuple[Plant, ...]:
    """The plants in one document."""
    return tuple(p for p in PLANTS if (p.department_key, p.year, p.kind) == (department_key, year, kind))


def execution_factor(department_key: str, year: int) -> Decimal | None:
    """The planted execution factor of a department's project spending in `year`, if any."""
    for plant in PLANTS:
        if (plant.department_key, plant.year) == (department_key, year) and plant.place.startswith(
            "execution:"
        ):
            return plant.delta
    return None


def place_delta(plants: tuple[Plant, ...], place: str) -> Decimal:
    """The sum of the deltas planted at `place` (0 when nothing is planted there)."""
    return sum((p.delta for p in plants if p.place == place), Decimal(0))

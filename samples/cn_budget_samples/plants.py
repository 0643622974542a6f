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
    'table:<metric>' (a figure in a table), 'all:<metric>' (both, so text and table agree with each
    other but not with the parts), 'activity:<name>' (an activity budget) or
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
        2023,
        "final",
        "all:three_public_total",
        Decimal("1.00"),
        "sum:three_public_total",
        "three_public_total",
        "error",
        "the 三公经费 total (the same in text and table) is 1.00 more than 出国 + 用车 + 接待",
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
        "公务接待费 in the text is 0.90 less than in the 三公经费 table (digits transposed)",
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
        "goals table: 科学技术普及 is 4.00 more than its three sub-activities (开展科普活动 printed 4.00 short)",
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
        "项目支出 final is 2.85 times its budget (mid-year relief funds): a real outlier, not an error",
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

"""Performance-goal budgets: sub-activities sum to their activity, activities to 项目支出."""

from __future__ import annotations

from decimal import Decimal

from analytics.model import Check, Extraction


def goal_budget_checks(extraction: Extraction) -> list[Check]:
    budgets: dict[str, Decimal | None] = {}
    parents: dict[str, str | None] = {}
    for goal in extraction.goals:
        budgets.setdefault(goal.activity, goal.budget)
        parents.setdefault(goal.activity, goal.parent_activity)
    checks: list[Check] = []
    year = extraction.metadata.year
    for activity, budget in budgets.items():
        subs = [a for a, p in parents.items() if p == activity]
        stated = [budgets[a] for a in subs if budgets[a] is not None]
        if budget is None or not stated:
            continue
        total = sum((b for b in stated if b is not None), Decimal(0))
        checks.append(
            _check(
                f"sum:activity:{activity}",
                None,
                total,
                budget,
                year,
                f"sub-activities of {activity!r} ({', '.join(subs)}) add up to {total}; "
                f"the activity's budget is {budget}",
            )
        )
    top = [a for a, p in parents.items() if p is None]
    top_budgets = [budgets[a] for a in top if budgets[a] is not None]
    project = next(
        (
            f
            for f in extraction.facts
            if f.metric == "expenditure_project"
            and f.measure == "amount"
            and f.basis == "stated"
            and f.year == year
        ),
        None,
    )
    if project is not None and top_budgets:
        total = sum((b for b in top_budgets if b is not None), Decimal(0))
        checks.append(
            _check(
                "sum:activities:expenditure_project",
                "expenditure_project",
                total,
                project.value,
                year,
                f"the activities of the performance goals ({', '.join(top)}) add up to "
                f"{total}; 项目支出 is {project.value}",
                quote=project.quote,
            )
        )
    return checks


def _check(
    name: str,
    metric: str | None,
    implied: Decimal,
    stated: Decimal,
    year: int | None,
    message: str,
    quote: str | None = None,
) -> Check:
    ok = implied == stated
    return Check(
        check=name,
        severity="info" if ok else "error",
        passed=ok,
        metric=metric,
        expected=implied,
        actual=stated,
        year=year,
        quote=quote,
        message=message if ok else message + " (mismatch)",
    )

"""Classification lines add up: 合计 = 基本支出 + 项目支出 on each line, and a 类 (3 digits) or 款
(5 digits) equals the sum of its lines one level down, where the table lists them."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from analytics.model import BudgetLine, Check

LEVELS = {3: 5, 5: 7}
_CHILD_LENGTHS = frozenset(LEVELS.values())


def budget_line_checks(lines: list[BudgetLine]) -> list[Check]:
    """Failed identities one by one; the ones that hold summed up in one `info` row per table kind."""
    failed: list[Check] = []
    held = 0
    groups: dict[tuple[int, str, str], list[BudgetLine]] = defaultdict(list)
    for line in lines:
        groups[(line.year, line.kind, line.classification)].append(line)
        if line.total is not None and (line.basic is not None or line.project is not None):
            implied = Decimal(0)  # the sum of the parts stated, added as sum() adds them
            if line.basic is not None:
                implied += line.basic
            if line.project is not None:
                implied += line.project
            if implied == line.total:
                held += 1
            else:
                failed.append(
                    _failed(
                        line,
                        "sum:budget_line",
                        implied,
                        f"line {line.code} {line.name} {line.year} {line.kind}: 基本支出 "
                        f"{line.basic} + 项目支出 {line.project} = {implied}, but 合计 is "
                        f"{line.total}",
                    )
                )
    for (_, _, _), group in groups.items():
        by_code = {line.code: line for line in group}
        # a line's children are the lines one level down whose code starts with its code
        by_parent: dict[str, list[BudgetLine]] = defaultdict(list)
        for line in group:
            if len(line.code) in _CHILD_LENGTHS:
                by_parent[line.code[:-2]].append(line)
        for line in group:
            children = by_parent.get(line.code, []) if len(line.code) in LEVELS else []
            totals = [c.total for c in children if c.total is not None]
            if line.total is None or not totals:
                continue
            implied = sum(totals, Decimal(0))
            if implied == line.total:
                held += 1
            else:
                names = ", ".join(f"{c.code} {c.total}" for c in children)
                failed.append(
                    _failed(
                        by_code[line.code],
                        "sum:budget_line_children",
                        implied,
                        f"line {line.code} {line.name} {line.year} {line.kind}: its lines "
                        f"({names}) add up to {implied}, but it states {line.total}",
                    )
                )
    checks = list(failed)
    if held:
        checks.append(
            Check(
                check="sum:budget_lines",
                severity="info",
                passed=True,
                message=f"{held} classification-line identities hold",
            )
        )
    return checks


def _failed(line: BudgetLine, check: str, implied: Decimal, message: str) -> Check:
    return Check(
        check=check,
        severity="error",
        passed=False,
        metric=f"budget_line:{line.code}",
        expected=implied,
        actual=line.total,
        year=line.year,
        message=message,
        quote=f"{line.code} | {line.name} | {line.total} | {line.basic} | {line.project}",
    )

"""Accounting identities: parts sum to their total, for amounts and for stated changes.

    收入合计 = sum of sources      支出合计 = 基本支出 + 项目支出      "三公" = 出国 + 用车 + 接待
    用车 = 购置 + 运行              资产总额 = 车辆 + 其他固定资产

The parent of each metric comes from the vocabulary (data/reference/metrics.csv). An identity is
checked where the document states the total and at least two of its parts (or the only part). A
part that is itself a total not stated is replaced by the sum of its own parts when those are stated.
A mismatch is an `error` when the stated parts already exceed the total or every part is stated, and
a `warning` otherwise (a part may simply be unstated).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from functools import cache

from analytics.model import Check, Fact, Severity, new_check
from analytics.reference import children, parents

Key = tuple[int, str, str]  # (year, kind, measure)


def _values(facts: list[Fact]) -> dict[Key, dict[str, Fact]]:
    """One fact per metric for each (year, kind, measure): the first stated, else the first derived."""
    table: dict[Key, dict[str, Fact]] = defaultdict(dict)
    for fact in sorted(facts, key=lambda f: f.basis != "stated"):
        if fact.measure == "yoy_pct":
            continue
        table[(fact.year, fact.kind, fact.measure)].setdefault(fact.metric, fact)
    return table


def _part_value(metric: str, values: dict[str, Fact]) -> tuple[Decimal, list[str]] | None:
    """A part's value, or the sum of its stated parts when it is not stated itself."""
    if metric in values:
        return values[metric].value, [metric]
    found = [(_part_value(c, values)) for c in _parts(metric)]
    stated = [f for f in found if f is not None]
    if not stated:
        return None
    return sum((v for v, _ in stated), Decimal(0)), [m for _, ms in stated for m in ms]


@cache
def _parts(metric: str) -> tuple[str, ...]:
    """`children(metric)`, once: the vocabulary does not change while the package runs."""
    return tuple(children(metric))


def sum_checks(facts: list[Fact]) -> list[Check]:
    checks: list[Check] = []
    for (year, kind, measure), values in sorted(_values(facts).items()):
        for parent in parents():
            total = values.get(parent)
            if total is None:
                continue
            parts_of = _parts(parent)
            found = {c: v for c in parts_of if (v := _part_value(c, values)) is not None}
            if len(found) < min(2, len(parts_of)):
                continue
            if (measure == "yoy_change" or total.basis == "derived") and len(found) < len(parts_of):
                continue  # an unstated part's change can be anything; a derived total has few parts
            implied = sum((v for v, _ in found.values()), Decimal(0))
            used = [m for _, ms in found.values() for m in ms]
            terms = " + ".join(f"{m} {values[m].value}" for m in used)
            what = "change against the prior year" if measure == "yoy_change" else "amount"
            basis = "derived " if total.basis == "derived" else ""
            label = f"{parent} {year} {kind} {basis}{what}"
            if implied == total.value:
                checks.append(
                    new_check(
                        check=f"sum:{parent}",
                        severity="info",
                        passed=True,
                        metric=parent,
                        expected=implied,
                        actual=total.value,
                        year=year,
                        quote=total.quote,
                        message=f"{label}: {terms} = {implied}, as stated",
                    )
                )
                continue
            certain = (
                len(found) == len(parts_of)
                or implied > total.value
                or (measure == "amount" and _listed_together(total, [values[m] for m in used]))
            )
            severity: Severity = "error" if certain else "warning"
            checks.append(
                new_check(
                    check=f"sum:{parent}",
                    severity=severity,
                    passed=False,
                    metric=parent,
                    expected=implied,
                    actual=total.value,
                    year=year,
                    quote=total.quote,
                    message=f"{label}: the parts {terms} add up to {implied}, but the document states "
                    f"{total.value} (difference {total.value - implied})",
                )
            )
    return checks


def _listed_together(total: Fact, parts: list[Fact]) -> bool:
    """The parts were enumerated in the same sentence or table as the total ('…22万元,其中…')."""
    return all(p.quote == total.quote for p in parts)

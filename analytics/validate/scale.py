"""Scale: an amount 10,000 times (or a 10,000th of) what the rest of the document says is a unit
misread (a table in 元 read as 万元, a caption that says 元 over figures in 万元), not a figure.

Each amount is compared with the document's other amounts of the same year and kind that bear on
it: the same metric stated elsewhere (about equal: a ratio of 1,000 or more either way is out of
line), the metrics it is part of and the document's totals (收入/支出总计 and 合计: a part 10 times
its whole or more is out of line; a part between a 1,000th of its whole and the whole bears its unit
out).

A table shares one unit, so a table is judged as a whole; a sentence states its unit beside each
figure, so each is judged alone. Comparisons are weighed by how sure the other figure's unit is (a
sentence's printed unit, a table's declared unit, a table without one). Figures whose evidence
against outweighs the evidence for, and is at least as sure as their own unit, are out of scale: each is a failed check (error), with the value
in line with the rest as `expected`, and is set aside from the facts, so the analysis never uses it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from analytics.model import Check, Fact
from analytics.reference import metrics

# Ratios are compared as floats: they are orders of magnitude, and Decimal division is slow.
_OUT = 1000.0  # the same figure stated twice this far apart: a unit, not a difference
_SAME = (0.5, 2.0)  # the same figure stated twice: about equal
_OVER = 10.0  # a part this many times its whole cannot be a slip of arithmetic
_PART = (0.001, 1.0)  # a part within this share of its whole bears out its unit
_TOTALS = (
    "income_grand_total",
    "expenditure_grand_total",
    "income_total",
    "expenditure_total",
    "fiscal_grand_total",
)
_SENTENCE, _DECLARED, _ASSUMED = 2.0, 1.5, 1.0  # how sure a figure's unit is


@dataclass
class _Evidence:
    against: float = 0.0
    for_: float = 0.0
    example: tuple[Fact, Fact] | None = None  # (the figure, the one it is out of line with)


@cache
def _related(metric: str) -> tuple[str, ...]:
    """The metrics an amount of `metric` is a part of: its ancestors, then the document's totals (a
    total is compared with the other totals as the same figure only)."""
    known = metrics()
    found: list[str] = []
    parent = known[metric].parent if metric in known else None
    while parent is not None and parent not in found:
        found.append(parent)
        parent = known[parent].parent if parent in known else None
    if metric not in _TOTALS:
        found += [total for total in _TOTALS if total not in found]
    return tuple(found)


def _sureness(fact: Fact) -> float:
    if fact.table is None:
        return _SENTENCE if fact.unit_found else _ASSUMED
    return _DECLARED if fact.unit_found else _ASSUMED


def _group(fact: Fact, index: int) -> tuple[str, int]:
    """Figures that share a unit: a table's, or a sentence's one figure."""
    return ("table", fact.table) if fact.table is not None else ("sentence", index)


_Entry = tuple[Fact, tuple[str, int], float, float]  # a figure, its group, how sure its unit is, its value


def _weigh(
    money: list[_Entry], by_key: dict[tuple[int, str, str], list[_Entry]], out: set[tuple[str, int]]
) -> dict[tuple[str, int], _Evidence]:
    """The evidence for and against each group's unit, from every other group not set aside."""
    evidence: dict[tuple[str, int], _Evidence] = defaultdict(_Evidence)
    for fact, group, own, value in money:
        if group in out:
            continue
        seen = evidence[group]
        year, kind = fact.year, fact.kind
        for other, other_group, weight, other_value in by_key.get((year, kind, fact.metric), ()):
            if other_group == group or other_group in out:
                continue
            ratio = value / other_value  # the same figure: seen from both sides, each in its turn
            if _SAME[0] <= ratio <= _SAME[1]:
                seen.for_ += weight
            elif ratio >= _OUT or ratio * _OUT <= 1:
                seen.against += weight
                seen.example = seen.example or (fact, other)
        for metric in _related(fact.metric):
            for other, other_group, weight, other_value in by_key.get((year, kind, metric), ()):
                if other_group == group or other_group in out:
                    continue
                # a part and its whole: seen once, from the part; it bears on both (either may be wrong)
                ratio = value / other_value
                whole = evidence[other_group]
                if _PART[0] <= ratio <= _PART[1]:
                    seen.for_ += weight
                    whole.for_ += own
                elif ratio >= _OVER:
                    seen.against += weight
                    whole.against += own
                    seen.example = seen.example or (fact, other)
                    whole.example = whole.example or (other, fact)
    return evidence


def _suspicious(low: dict[tuple[int, str, str], float], high: dict[tuple[int, str, str], float]) -> bool:
    """Whether any comparison `_weigh` makes could fall out of line: the same figure stated 1,000
    times apart, or a part 10 times what it is a part of (a quick look at each key's extremes,
    `low` and `high`)."""
    lowest: dict[tuple[int, str], dict[str, float]] = {}  # (year, kind) -> metric -> its lowest
    for (year, kind, metric), value in low.items():
        lowest.setdefault((year, kind), {})[metric] = value
    for key, highest in high.items():
        if highest >= _OUT * low[key]:
            return True
        year, kind, metric = key
        lows = lowest[(year, kind)]
        for whole in _related(metric):
            smallest = lows.get(whole)
            if smallest is not None and highest >= _OVER * smallest:
                return True
    return False


@cache
def _money_metrics() -> frozenset[str]:
    return frozenset(key for key, metric in metrics().items() if metric.unit == "money")


def _stated_amounts(facts: list[Fact]) -> list[int]:
    """The indices of the stated money amounts above zero: the figures a unit can be wrong for."""
    money = _money_metrics()
    return [
        i
        for i, f in enumerate(facts)
        if f.metric in money and f.measure == "amount" and f.basis == "stated" and f.value > 0
    ]


def _in_line(facts: list[Fact], indices: list[int]) -> bool:
    """Whether nothing can be out of line (most documents): no table's unit is in doubt, and no
    comparison could fall out of line (see `_suspicious`)."""
    low: dict[tuple[int, str, str], float] = {}
    high: dict[tuple[int, str, str], float] = {}
    for i in indices:
        fact = facts[i]
        if fact.table is not None and fact.unit_found is None:
            return False
        key, value = (fact.year, fact.kind, fact.metric), float(fact.value)
        if key not in low:
            low[key] = high[key] = value
        elif value < low[key]:
            low[key] = value
        elif value > high[key]:
            high[key] = value
    return not _suspicious(low, high)


def scale_checks(facts: list[Fact]) -> tuple[list[Check], set[int]]:
    """Failed checks for amounts out of scale, and the indices (in `facts`) of those amounts.

    Groups are set aside one at a time, the one with the most evidence against it first, and the
    evidence weighed again without it: a wrong figure no longer counts against the right ones.
    """
    indices = _stated_amounts(facts)
    if len(indices) < 2 or _in_line(facts, indices):
        return [], set()
    money: list[_Entry] = [
        (facts[i], _group(facts[i], i), _sureness(facts[i]), float(facts[i].value)) for i in indices
    ]
    by_key: dict[tuple[int, str, str], list[_Entry]] = defaultdict(list)
    sureness: dict[tuple[str, int], float] = {}
    for entry in money:
        fact, group, sure, _ = entry
        by_key[(fact.year, fact.kind, fact.metric)].append(entry)
        sureness[group] = max(sureness.get(group, 0.0), sure)
    out: dict[tuple[str, int], tuple[Fact, Fact]] = {}
    while True:
        evidence = _weigh(money, by_key, set(out))
        # Out of scale: more evidence against than for, and at least as sure as the figure's own unit.
        failing = [
            (seen.against - seen.for_, group)
            for group, seen in evidence.items()
            if seen.against > seen.for_ and seen.against >= sureness[group]
        ]
        if not failing:
            break
        _, worst = max(failing)
        example = evidence[worst].example
        assert example is not None
        out[worst] = example
    checks: list[Check] = []
    unsure = {
        group: fact
        for fact, group, _, _ in money
        if group[0] == "table" and fact.unit_found is None and group not in out
        and not evidence[group].for_ and not evidence[group].against
    }  # fmt: skip
    for group, fact in sorted(unsure.items()):
        checks.append(
            Check(
                check="unit:assumed",
                severity="warning",
                passed=False,
                year=fact.year,
                quote=fact.quote,
                message=f"table {group[1]} declares no unit and no other figure of the document bears on "
                "its amounts: they are taken as 万元 (unit_found is NULL)",
            )
        )
    dropped: set[int] = set()
    for i, (fact, group, _, _) in zip(indices, money, strict=True):
        example = out.get(group)
        if example is not None:
            dropped.add(i)
            checks.append(_check(fact, example))
    return checks, dropped


def _check(fact: Fact, example: tuple[Fact, Fact]) -> Check:
    stated, other = example
    ratio = stated.value / other.value
    unit_error = Decimal(3000) <= ratio <= Decimal(30000) or Decimal(3000) <= 1 / ratio <= Decimal(30000)
    factor = Decimal(10000) if ratio > 1 else Decimal("0.0001")
    how = f"about {ratio:,.0f} times" if ratio > 1 else f"about 1/{1 / ratio:,.0f} of"
    where = f"table {fact.table}" if fact.table is not None else "a sentence"
    unit = f"read as {fact.unit_found}" if fact.unit_found else "without a unit, read as 万元"
    return Check(
        check=f"scale:{fact.metric}",
        severity="error",
        passed=False,
        metric=fact.metric,
        expected=fact.value / factor if unit_error else None,
        actual=fact.value,
        year=fact.year,
        quote=fact.quote,
        message=f"{fact.metric} {fact.year} {fact.kind} = {fact.value} 万元 ({where}, {unit}) is out of scale "
        f"with the document's other figures: {stated.metric} {stated.value} is {how} {other.metric} "
        f"{other.value} (“{other.quote}”); "
        + ("a unit misread" if unit_error else "a misread unit or label")
        + ", so the figure is left out",
    )

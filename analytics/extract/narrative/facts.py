"""The document context a sentence is read in, and the facts it makes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from analytics.model import Fact, Kind, Measure, new_fact


@dataclass
class Context:
    year: int
    kind: Kind
    section: str | None
    names: tuple[str, ...] = ()  # the department's own names: as neutral as '本部门' before a figure


def make_fact(
    metric: str,
    measure: Measure,
    value: Decimal,
    unit: str | None,
    quote: str,
    ctx: Context,
    year: int,
    kind: Kind,
) -> Fact:
    value = value.copy_abs() if value == 0 else value  # '减少0万元' is 0, not -0
    return new_fact(metric, measure, value, year, kind, unit, "stated", ctx.section, "narrative", quote)


def with_reason(fact: Fact, reason: str) -> Fact:
    # faster than dataclasses.replace, which inspects the fields on every call
    return new_fact(**{**fact.__dict__, "reason": reason})

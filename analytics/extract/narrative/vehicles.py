"""The number of vehicles a sentence states ('共有车辆62辆', '公务用车保有量为2辆', '无公务用车')."""

from __future__ import annotations

from decimal import Decimal

from analytics.extract.narrative.facts import Context, make_fact
from analytics.extract.narrative.rules import fact_year
from analytics.extract.narrative.text import clauses
from analytics.extract.narrative.words import (
    NO_VEHICLES,
    VEHICLE_COUNT_RE,
    VEHICLE_NOT_STOCK,
    VEHICLE_STOCK,
    VEHICLE_WORD,
)
from analytics.model import Fact


def vehicle_counts(sentence: str, ctx: Context) -> list[Fact]:
    """The first count of the sentence that is a stock, not a purchase; '其中:一般公务用车40辆' is a
    part, not the total."""
    counts = ("辆" in sentence or "台" in sentence) and VEHICLE_COUNT_RE.search(sentence)
    if not counts and not ("车" in sentence and NO_VEHICLES.search(sentence)):
        return []  # a clause's match is the sentence's match at the same place
    for clause in clauses(sentence):
        text = clause.text
        match = VEHICLE_COUNT_RE.search(text)
        if match is None:
            zero = NO_VEHICLES.search(text)
            if zero:
                return [_count_fact(Decimal(0), None, sentence, ctx, ctx.year)]
            continue
        before = text[: match.start()]
        if not VEHICLE_WORD.search(before) or text.lstrip().startswith("其中"):
            continue
        if VEHICLE_NOT_STOCK.search(before) and not VEHICLE_STOCK.search(before):
            continue
        head = sentence[: clause.start + match.start()]
        year = fact_year(head, head, ctx)
        return [_count_fact(Decimal(match.group(1)), "辆", sentence, ctx, year)]
    return []


def _count_fact(value: Decimal, unit: str | None, quote: str, ctx: Context, year: int) -> Fact:
    return make_fact("vehicles_count", "amount", value, unit, quote, ctx, year, ctx.kind)

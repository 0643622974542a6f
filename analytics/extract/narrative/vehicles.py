"""The number of vehicles a sentence states ('共有车辆62辆', '公务用车保有量为2辆', '无公务用车')."""

from __future__ import annotations

import re
from decimal import Decimal

from analytics.extract.narrative.facts import Context, make_fact
from analytics.extract.narrative.rules import stated_year
from analytics.extract.narrative.text import Clause, clauses
from analytics.extract.narrative.words import (
    AS_OF_YEAR,
    NO_VEHICLES,
    VEHICLE_COUNT_RE,
    VEHICLE_NOT_STOCK,
    VEHICLE_STOCK,
    VEHICLE_WORD,
)
from analytics.model import Fact

# A change word between the stock word and the count ('保有量比上年减少4辆').
_CHANGED = re.compile(r"增加|减少|新增|下降|增长|增减")


def vehicle_counts(sentence: str, ctx: Context) -> list[Fact]:
    """The fleet a sentence states: the count a stock word names ('保有量17辆') if any, else the
    first count that is not a purchase or a change ('新增5辆', '增加公务用车2辆'); '其中:一般公务用车
    40辆' is a part, not the total."""
    counts = ("辆" in sentence or "台" in sentence) and VEHICLE_COUNT_RE.search(sentence)
    if not counts and not ("车" in sentence and NO_VEHICLES.search(sentence)):
        return []  # a clause's match is the sentence's match at the same place
    fleet: list[Fact] = []
    for clause in clauses(sentence):
        text = clause.text
        match = VEHICLE_COUNT_RE.search(text)
        if match is None:
            if not fleet and NO_VEHICLES.search(text):
                return [_count_fact(Decimal(0), None, sentence, ctx, ctx.year)]
            continue
        before = text[: match.start()]
        if not VEHICLE_WORD.search(before) or text.lstrip().startswith("其中"):
            continue
        stock = VEHICLE_STOCK.search(before)
        if VEHICLE_NOT_STOCK.search(before) and not stock:
            continue
        found = _count_fact(
            Decimal(match.group(1)), "辆", sentence, ctx, _as_of(sentence, clause, before, ctx)
        )
        if stock and _CHANGED.search(before, stock.end()):
            continue  # '保有量减少4辆': a change of the fleet, not the fleet
        if stock:
            return [found]
        fleet = fleet or [found]
    return fleet


def _as_of(sentence: str, clause: Clause, before: str, ctx: Context) -> int:
    """The year a fleet is counted at: its own clause's ('2018年底共有…'), else a '截至…年' of the
    sentence before it ('截至2018年12月31日,本部门共有车辆62辆'), else the document's."""
    own = stated_year(clause.text, before, ctx)
    if own is not None:
        return own
    as_of = AS_OF_YEAR.search(sentence, 0, clause.start)
    return int(as_of.group(1)) if as_of and abs(int(as_of.group(1)) - ctx.year) <= 2 else ctx.year


def _count_fact(value: Decimal, unit: str | None, quote: str, ctx: Context, year: int) -> Fact:
    return make_fact("vehicles_count", "amount", value, unit, quote, ctx, year, ctx.kind)


def without_a_loose_whole(sentence: str, facts: list[Fact]) -> list[Fact]:
    """'公务用车及运行维护费' leaves 购置 out of the whole vehicle line's name ('…其中公务用车及运行维护费用
    36.5万元,公务接待费11.7万元'), but where the same sentence states the purchase beside it ('公务用车及
    运行维护费支出120万元;公务用车购置支出30万元') it is the running cost alone: the sentence then
    gives no whole, rather than a wrong one."""
    if "车及运行" not in sentence or not any(
        f.metric == "vehicle_purchase" and f.measure == "amount" for f in facts
    ):
        return facts
    return [fact for fact in facts if fact.metric != "vehicle_total"]

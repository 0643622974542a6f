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
# Counts given to a list of items ('购置数及保有量分别为1辆和130辆', '编制数和实有数各5辆').
_EACH = re.compile(r"(?P<word>分别|各)(?:为|是|有)?\s*$")
_COUNT_LIST = re.compile(r"(?:\d+\s*(?:辆|台)?\s*[、,和及与]\s*)*\d+\s*(?:辆|台)")
_ITEMS = re.compile(r"[和及与、]")


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
        each = _EACH.search(before) if "分别" in before or "各" in before else None
        if each is not None:  # the fleet is the item of the list that is a stock, if one is
            count = _listed_fleet(text, before[: each.start()], each)
            if count is None:
                continue
            return [_count_fact(Decimal(count), "辆", sentence, ctx, _as_of(sentence, clause, before, ctx))]
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


def _listed_fleet(text: str, items_text: str, each: re.Match[str]) -> int | None:
    """The fleet among counts given to a list of items: '购置数及保有量分别为1辆和130辆' -> 130 (the
    count in the stock item's place), '编制数和实有数各5辆' -> 5 (each); None where no item, or more
    than one, is a stock ('一般公务用车和执法用车分别为2辆、3辆' are parts) or counts and items differ
    in number."""
    items = [item for item in _ITEMS.split(items_text) if item.strip()]
    stock = [k for k, item in enumerate(items) if VEHICLE_STOCK.search(item)]
    listed = _COUNT_LIST.match(text, each.end())
    counts = re.findall(r"\d+", listed.group()) if listed else []
    if len(stock) != 1 or not counts:
        return None
    if len(counts) == 1 and (each["word"] == "各" or len(items) == 1):
        return int(counts[0])
    return int(counts[stock[0]]) if len(counts) == len(items) else None


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

"""Figures stated in running text.

A sentence is read clause by clause. An amount belongs to the nearest metric label before it in its
clause, or else to the sentence's subject (the last label of an earlier clause):

    2017年预算收支安排474.91万元,较2016年预算减少7.05万元     -> the change belongs to 收支 (both)

Between the label and the amount, a change word (增加/减少/下降…) makes the amount a year-on-year
change; '%' with a change word makes it a percentage change. '无安排政府采购预算' states a zero,
'与上年持平'/'无增减' a change of zero ('其他与上年持平' says so of the sibling metrics that have no
change of their own). A reason marker after a change (主要原因是/主要为/主要用于…) gives its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from analytics.extract.labels import LabelMatch, find_labels
from analytics.extract.numbers import AMOUNT_RE, to_wan
from analytics.model import Fact, Kind, Measure
from analytics.reference import metrics

# Clause boundaries; a comma between digits ('1,234') is a thousands separator, not a boundary.
_CLAUSE_SPLIT = re.compile(r"(?<!\d),|,(?!\d{3})|[;:。]")

INCREASE = ("增加", "增长", "上升", "提高", "增")
DECREASE = ("减少", "下降", "降低", "压减", "缩减", "节约", "减")
CHANGE_RE = re.compile(r"(增加|增长|上升|提高|减少|下降|降低|压减|缩减|节约)")
FLAT_RE = re.compile(r"持平|无增减|没有增减|无变化|没有变化|保持不变|未发生变化")
ZERO_BEFORE_LABEL = re.compile(r"(?:无|未|没有)(?:安排|发生|开支|列支)?(?:任何)?[“\"‘']?\s*$")
REASON_RE = re.compile(r"^(?:主要原因是|主要原因为|主要原因:|原因是|主要是|主要为|主要用于|主要系|系)")
OTHERS_RE = re.compile(r"^(?:其他|其余|其它)(?:各项|项目|经费)?")
PRIOR_YEAR_END = re.compile(r"上年末|上年度末|上年年末|上一年末")
STATED_YEAR = re.compile(r"(?<![较比与同])(\d{4})年度?")
FINAL_WORDS = re.compile(r"决算|实际支出|实际完成")
BUDGET_WORDS = re.compile(r"预算|安排")


@dataclass
class _Clause:
    text: str
    start: int  # offset in the sentence


@dataclass
class _Context:
    year: int
    kind: Kind
    section: str | None


def _sentences(paragraph: str) -> Iterator[str]:
    for sentence in re.split(r"(?<=[。!?])", paragraph):
        if sentence.strip():
            yield sentence.strip()


def _clauses(sentence: str) -> list[_Clause]:
    clauses, start = [], 0
    for match in _CLAUSE_SPLIT.finditer(sentence):
        if match.start() > start:
            clauses.append(_Clause(sentence[start : match.start()], start))
        start = match.end()
    if start < len(sentence):
        clauses.append(_Clause(sentence[start:], start))
    return [c for c in clauses if c.text.strip()]


def _sign(words: str) -> int:
    found = CHANGE_RE.findall(words)
    if not found:
        return 0
    return -1 if found[-1] in DECREASE else 1


def _fact_year(clause: str, before_label: str, ctx: _Context) -> int:
    if PRIOR_YEAR_END.search(clause):
        return ctx.year - 1
    years = STATED_YEAR.findall(before_label)
    return int(years[-1]) if years else ctx.year


def _fact_kind(between: str, ctx: _Context) -> Kind:
    if FINAL_WORDS.search(between):
        return "final"
    return ctx.kind


def _zero_amount_ok(clause: str, end: int) -> bool:
    """A bare '0' with no unit ('购置费为0,') is a zero in any unit; other bare numbers are not money."""
    rest = clause[end:]
    return not rest or rest[0] in " ,;。)"


def facts_from_paragraph(paragraph: str, *, year: int, kind: Kind, section: str | None) -> list[Fact]:
    """Every figure stated in one paragraph of running text."""
    ctx = _Context(year, kind, section)
    facts: list[Fact] = []
    for sentence in _sentences(paragraph):
        facts.extend(_facts_from_sentence(sentence, ctx))
    return _apply_others_flat(paragraph, facts, ctx)


def _facts_from_sentence(sentence: str, ctx: _Context) -> list[Fact]:
    facts: list[Fact] = []
    subject: LabelMatch | None = None
    last_change: int | None = None  # first index in facts of the last clause's changes, for their reason
    flat_done: set[str] = set()
    for clause in _clauses(sentence):
        text = clause.text
        stripped = text.strip()
        if REASON_RE.match(stripped):
            if last_change is not None:
                reason = REASON_RE.sub("", stripped).strip()
                for i in range(last_change, len(facts)):
                    if facts[i].measure != "amount" and facts[i].reason is None:
                        facts[i] = _with_reason(facts[i], reason)
                last_change = None
            continue
        labels = find_labels(text)
        for label in labels:
            before = text[: label.start]
            if ZERO_BEFORE_LABEL.search(before):
                for metric in label.metrics:
                    facts.append(
                        _fact(
                            metric,
                            "amount",
                            Decimal(0),
                            None,
                            sentence,
                            ctx,
                            _fact_year(text, before, ctx),
                            ctx.kind,
                        )
                    )
        amounts = list(AMOUNT_RE.finditer(text))
        clause_first = len(facts)
        changed_here = False
        for amount in amounts:
            owner = _owner(labels, amount.start()) or subject
            if owner is None:
                continue
            unit = amount["unit"]
            value = Decimal(amount["number"].replace(",", ""))
            if unit is None and not (value == 0 and _zero_amount_ok(text, amount.end())):
                continue
            if unit == "个百分点":
                continue
            label_end = owner.end if owner in labels else 0
            between = text[label_end : amount.start()]
            sign = _sign(between)
            measure: Measure
            if unit == "%":
                if sign == 0:
                    continue  # a share or a rate, not one of our figures
                measure, stored = "yoy_pct", value * sign
            elif sign:
                measure, stored = "yoy_change", to_wan(value, unit) * sign
            else:
                measure, stored = "amount", to_wan(value, unit)
            fact_year = _fact_year(text, text[:label_end], ctx)
            for metric in owner.metrics:
                unit_found = unit if unit else None
                if metrics()[metric].unit == "count":
                    unit_found = unit
                facts.append(
                    _fact(
                        metric,
                        measure,
                        stored,
                        unit_found,
                        sentence,
                        ctx,
                        fact_year,
                        _fact_kind(between, ctx),
                    )
                )
                changed_here = changed_here or measure != "amount"
        if changed_here:
            last_change = clause_first
        has_amount = any(a["unit"] for a in amounts)
        if FLAT_RE.search(text) and not has_amount and "*others*" not in flat_done:
            owner_flat = labels[-1] if labels else None
            if owner_flat is None and not OTHERS_RE.match(stripped):
                owner_flat = subject
            if owner_flat is not None:
                for metric in owner_flat.metrics:
                    if metric not in flat_done:
                        flat_done.add(metric)
                        facts.append(
                            _fact(metric, "yoy_change", Decimal(0), None, sentence, ctx, ctx.year, ctx.kind)
                        )
            elif OTHERS_RE.match(stripped):
                flat_done.add("*others*")
        if labels:
            subject = labels[-1]
    return facts


def _owner(labels: list[LabelMatch], position: int) -> LabelMatch | None:
    before = [label for label in labels if label.end <= position]
    return before[-1] if before else None


def _fact(
    metric: str,
    measure: Measure,
    value: Decimal,
    unit: str | None,
    quote: str,
    ctx: _Context,
    year: int,
    kind: Kind,
) -> Fact:
    return Fact(
        metric=metric,
        measure=measure,
        value=value,
        year=year,
        kind=kind,
        unit_found=unit,
        basis="stated",
        section=ctx.section,
        method="narrative",
        quote=quote,
    )


def _with_reason(fact: Fact, reason: str) -> Fact:
    return Fact(**{**fact.__dict__, "reason": reason})


def _apply_others_flat(paragraph: str, facts: list[Fact], ctx: _Context) -> list[Fact]:
    """'其他与上年持平': a change of zero for each metric of the paragraph that has an amount, no change of
    its own, and is not a parent of a changed metric (a parent changes with its child)."""
    match = re.search(r"[^,;。]*(?:其他|其余|其它)[^,;。]*(?:持平|无增减|无变化|保持不变)[^。]*", paragraph)
    if not match:
        return facts
    quote = next((s for s in _sentences(paragraph) if match.group() in s), match.group())
    changed = {f.metric for f in facts if f.measure != "amount"}
    ancestors: set[str] = set()
    for metric in changed:
        parent = metrics()[metric].parent
        while parent:
            ancestors.add(parent)
            parent = metrics()[parent].parent
    seen: set[str] = set()
    extra: list[Fact] = []
    for fact in facts:
        if (
            fact.measure == "amount"
            and fact.metric not in changed | ancestors | seen
            and fact.year == ctx.year
        ):
            seen.add(fact.metric)
            extra.append(_fact(fact.metric, "yoy_change", Decimal(0), None, quote, ctx, ctx.year, fact.kind))
    return facts + extra

"""Small rules about one figure: its sign, year and kind, and what its comparison is against."""

from __future__ import annotations

from analytics.extract.narrative.facts import Context
from analytics.extract.narrative.words import (
    BASE_RE,
    BUDGET_BASE,
    BUDGET_WORDS,
    CHANGE_RE,
    COMPARED_YEAR_RE,
    DECREASE,
    FINAL_WORDS,
    PRIOR_BASE,
    PRIOR_YEAR_END,
    STATED_YEAR,
)
from analytics.model import Kind


def sign(words: str) -> int:
    """+1 or -1 by the last change word in `words`, 0 when there is none."""
    found = CHANGE_RE.findall(words)
    if not found:
        return 0
    return -1 if found[-1] in DECREASE else 1


def fact_year(clause: str, before_label: str, ctx: Context) -> int:
    if PRIOR_YEAR_END.search(clause):
        return ctx.year - 1
    years = [int(y) for y in STATED_YEAR.findall(before_label) if abs(int(y) - ctx.year) <= 2]
    return years[-1] if years else ctx.year


def fact_kind(between: str, ctx: Context) -> Kind:
    if FINAL_WORDS.search(between):
        return "final"
    if ctx.kind == "final" and BUDGET_WORDS.search(between):
        return "budget"
    return ctx.kind


def zero_amount_ok(clause: str, end: int) -> bool:
    """A bare '0' with no unit ('购置费为0,') is a zero in any unit; other bare numbers are not money."""
    rest = clause[end:]
    return not rest or rest[0] in " ,;。)"


def compares_with_other_year(text: str, year: int) -> bool:
    """'较2015年' in a figure about 2017: the comparison is not with the prior year."""
    return any(int(y) != year - 1 for y in COMPARED_YEAR_RE.findall(text))


def compares_with_budget(between: str) -> bool:
    """'比年初预算减少', '较预算数增加': a change against the budget, not against the prior year."""
    base = BASE_RE.search(CHANGE_RE.split(between)[0]) if CHANGE_RE.search(between) else None
    if base is None:
        return False
    words = base.group(1)
    return bool(BUDGET_BASE.search(words)) and not PRIOR_BASE.search(words)

"""Small rules about one figure: its sign, year and kind, and what its comparison is against."""

from __future__ import annotations

import re
from functools import lru_cache

from analytics.extract.narrative.facts import Context
from analytics.extract.narrative.words import (
    ANY_FLAT,
    BASE_RE,
    BUDGET_BASE,
    BUDGET_WORDS,
    CHANGE_RE,
    COMPARED_YEAR_RE,
    COMPARISON_START,
    DECREASE,
    FINAL_WORDS,
    FLAT_AFTER_COMPARISON,
    FLAT_COMPARATIVE,
    FLAT_RE,
    NEUTRAL,
    PRIOR_BASE,
    PRIOR_FINAL,
    PRIOR_YEAR_END,
    ROUGHLY_RE,
    STATED_YEAR,
)
from analytics.extract.numbers import AMOUNT_RE
from analytics.extract.vocabulary import pattern
from analytics.model import Kind


def sign(words: str) -> int:
    """+1 or -1 by the last change word in `words`, 0 when there is none."""
    found = CHANGE_RE.findall(words)
    if not found:
        return 0
    return -1 if found[-1] in DECREASE else 1


def stated_year(clause: str, before_label: str, ctx: Context) -> int | None:
    """The year a figure's own words give it ('2019年…', '上年末…'), or None."""
    if "末" in clause and PRIOR_YEAR_END.search(clause):  # each of its words ends in 末
        return ctx.year - 1
    if "年" not in before_label:
        return None
    years = [int(y) for y in STATED_YEAR.findall(before_label) if abs(int(y) - ctx.year) <= 2]
    return years[-1] if years else None


def fact_year(clause: str, before_label: str, ctx: Context) -> int:
    year = stated_year(clause, before_label, ctx)
    return ctx.year if year is None else year


# The names of funds hold 预算 and say nothing of a figure's kind ('“三公”经费(一般)公共预算财政拨款支出
# 30万元' is spent in final accounts).
_FUND_NAMES = re.compile(r"(?:一般)?公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算")


def stated_kind(between: str) -> Kind | None:
    """The kind the figure's own words give it: '支出决算为' final, '年初预算为' budget; the
    comparison's base ('比上年决算数增加') and the name of a fund ('一般公共预算财政拨款支出') say
    nothing of the figure's kind. None without such words."""
    opening = COMPARISON_START.search(between)
    if opening:
        between = between[: opening.start()]
    if FINAL_WORDS.search(between):
        return "final"
    if BUDGET_WORDS.search(between):
        if ("公共预算" in between or "基金预算" in between or "经营预算" in between) and not (
            BUDGET_WORDS.search(_FUND_NAMES.sub("", between))
        ):
            return None
        return "budget"
    return None


def year_and_kind(
    text: str, label_end: int, own_words: str, ctx: Context, whole: tuple[int, Kind] | None
) -> tuple[int, Kind]:
    """A figure's year and kind: its own words' (those before its label and those between the label
    and the figure, up to a comparison), else (in a '其中' list) its `whole`'s, else the document's."""
    if own_words:  # (most figures stand right after their label)
        opening = COMPARISON_START.search(own_words)
        own = own_words[: opening.start()] if opening else own_words
        kind = stated_kind(own)
    else:
        own, kind = "", None
    year = stated_year(text, before := text[:label_end] + own, ctx)
    if whole is not None:
        year = whole[0] if year is None else year
        kind = kind or whole[1]
    year = ctx.year if year is None else year
    return year, (kind or unstated_kind(before, year, ctx))


def fact_kind(between: str, ctx: Context) -> Kind:
    return stated_kind(between) or ctx.kind


_HEADING_YEAR_KIND = re.compile(r"((?:19|20)\d{2})年度?([^,;。]*)")
# Words with 预算 in them that name a fund or the budget's execution, not the figures' kind.
_NOT_A_KIND = re.compile(r"一般公共预算|基金预算|国有资本经营预算|预算执行|预算完成|财政预算")
_SPENT = re.compile(r"支出|开支")


@lru_cache(maxsize=256)
def section_kinds(heading: str | None) -> dict[int, Kind]:
    """The kind a section's heading gives the figures of the year it names: '二、某局2021年三公经费决算
    情况' makes the section's 2021 figures final, whatever words follow the kind word."""
    if not heading or "年" not in heading:
        return {}
    kinds: dict[int, Kind] = {}
    for year, rest in _HEADING_YEAR_KIND.findall(heading):
        kind = stated_kind(_NOT_A_KIND.sub("", rest))
        if kind is not None:
            kinds[int(year)] = kind
    return kinds


def unstated_kind(own_words: str, year: int, ctx: Context) -> Kind:
    """The kind of a figure whose own words state none: the kind its section's heading gives its year;
    else, in a budget document, a figure of an earlier year that was spent ('2021年度三公经费合计支出
    25万元', no 预算 word) is final; else the document's kind."""
    if ctx.section is not None and "年" in ctx.section:
        kind = section_kinds(ctx.section).get(year)
        if kind is not None:
            return kind
    if ctx.kind == "budget" and year < ctx.year and _SPENT.search(own_words) and "预算" not in own_words:
        return "final"
    return ctx.kind


_NOT_A_ZERO = re.compile(r"(?<![\d.])00+$|\(\s*0$")


def zero_amount_ok(clause: str, end: int) -> bool:
    """A bare '0' with no unit ('购置费为0,') is a zero in any unit; other bare numbers are not money,
    nor is a zero of two digits ('09:30:00': a clock's or a date's field) or one alone in brackets
    ('评论(0)': a count of a web page)."""
    rest = clause[end:]
    return (not rest or rest[0] in " ,;。)") and not (end >= 2 and _NOT_A_ZERO.search(clause, 0, end))


def compares_with_other_year(text: str, year: int, sentence: str = "", clause: str = "") -> bool:
    """'较2015年' in a figure about 2017: the comparison is not with the prior year. Words that open no
    comparison of their own go on with the last one their sentence made before their clause ('与2014年
    对比减少3万元,减少率9.09%'; '与2018年对比,接待费下降12%' in 2019 is with the prior year)."""
    if sentence and not COMPARISON_START.search(text):
        made = _A_COMPARISON.findall(sentence, 0, max(sentence.find(clause), 0))
        text += made[-1] if made else ""
    return any(int(y) != year - 1 for y in COMPARED_YEAR_RE.findall(text))


# A comparison with a stated year or with the prior year, for `compares_with_other_year`.
_A_COMPARISON = re.compile(r"(?:比|较|与|同)\s*(?:(?:19|20)\d{2}\s*年|上一?年|去年)")


def comparison_base(before_change: str) -> str | None:
    """The base a comparison names, from the words before its change or flat word ('比年初预算' ->
    '年初预算'); None when the words open no comparison."""
    base = BASE_RE.search(before_change)
    return base.group(1) if base else None


def is_budget_base(base: str, year: int | None = None) -> bool:
    """'年初预算', '预算数', '调整预算': the budget of the same year, not the prior year; with the
    figure's `year`, also a budget that names that very year ('较2014年预算' of a 2014 figure)."""
    if BUDGET_BASE.search(base) and not PRIOR_BASE.search(base):
        return True
    if year is None or "预算" not in base or "决算" in base or _PRIOR_WORDS.search(base):
        return False
    named = STATED_YEAR.findall(base)
    return bool(named) and all(int(y) == year for y in named)


def beside_prior_final(base: str, ctx: Context, sentence: str) -> bool:
    """In final accounts, a change against last year's budget where the sentence also compares with
    last year's final ('比上年预算下降35%,比上年决算下降34%'): the year-on-year change is the
    latter's."""
    return (
        ctx.kind == "final"
        and "预算" in base
        and "决算" not in base
        and PRIOR_BASE.search(base) is not None
        and PRIOR_FINAL.search(sentence) is not None
    )


def flat_start(text: str) -> int | None:
    """Where a flat word says no change against the prior year ('与上年持平', '本年数等于上年预算数'):
    None for no flat word, a rough one ('基本持平'), or one against the budget ('比预算无增减变化')."""
    if not ANY_FLAT.search(text):
        return None  # most clauses: no flat word of any kind
    flat = FLAT_RE.search(text) or FLAT_AFTER_COMPARISON.search(text)
    equal = FLAT_COMPARATIVE.search(text) if flat is None else None
    if equal is not None and PRIOR_BASE.search(equal["base"]):
        flat = equal  # '本年数等于上年预算数'
    if flat is None or ROUGHLY_RE.search(text):
        return None
    base = comparison_base(text[: flat.start()]) if equal is None else equal["base"]
    if base is not None and is_budget_base(base):
        return None  # '比预算无增减变化': not against the prior year
    if not FLAT_RE.search(text) and equal is None and not (base is not None and PRIOR_BASE.search(base)):
        return None  # '一致' says no change only against the prior year ('与上年一致'), not '与总表一致'
    return flat.start()


def compares_with_budget(between: str) -> bool:
    """'比年初预算减少', '较预算数增加': a change against the budget, not against the prior year."""
    if not CHANGE_RE.search(between):
        return False
    base = comparison_base(CHANGE_RE.split(between)[0])
    return base is not None and is_budget_base(base)


_PRIOR_WORDS = pattern("change", "prior_base")
_FIGURE = re.compile(rf"{AMOUNT_RE.pattern}|{CHANGE_RE.pattern}|{FLAT_RE.pattern}")
# A list item's number ('1)', '(2)', '3、', '4.'): words, not a figure.
_NUMBERING = re.compile(r"\s*(?:\(\d{1,2}\)|\d{1,2}\s*(?:\)|、|[.．](?!\d)))")
_NUMBERED = frozenset("()、.．")  # one of them stands in a numbering's first three characters


def opens_neutrally(sentence: str, names: tuple[str, ...] = ()) -> bool:
    """Whether the words before the sentence's first figure leave its subject to the one before.

    >>> opens_neutrally("2016年预算与2015年预算持平")
    True
    >>> opens_neutrally("与上年相比减少6万元")
    True
    >>> opens_neutrally("工资福利支出预算857,890.16元")
    False
    >>> opens_neutrally("1)工资福利支出428.86万元")
    False
    >>> opens_neutrally("2017年某县审计局安排预算0万元", ("某县审计局",))
    True
    """
    numbered = _NUMBERING.match(sentence) if sentence[1:3] and _NUMBERED.intersection(sentence[:3]) else None
    first = _FIGURE.search(sentence, numbered.end() if numbered else 0)  # '1)工资福利支出…': no figure
    head = sentence[: first.start()] if first else sentence
    for name in names:  # '2017年西双版纳州民族宗教事务局根据年初预算,安排…': the department itself
        head = head.replace(name, "")
    return not NEUTRAL.sub("", head).strip()

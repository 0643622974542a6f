"""Figures stated in running text.

A sentence is read clause by clause. An amount belongs to the nearest metric label before it in its
clause, or else to the sentence's subject (the last label of an earlier clause):

    2017年预算收支安排474.91万元,较2016年预算减少7.05万元     -> the change belongs to 收支 (both)

Between the label and the amount, a change word (增加/减少/下降…) makes the amount a year-on-year
change; '%' with a change word makes it a percentage change. '无安排政府采购预算' states a zero,
'与上年持平'/'无增减' a change of zero ('其他与上年持平' says so of the sibling metrics that have no
change of their own). A reason marker after a change (主要原因是/主要为/主要用于…) gives its reason.

What else is read, and what is not:

- A parenthesis holding figures ('(其中:公务用车购置费30万元,…),比上年减少9.30万元') is read on
  its own; the change after it belongs to the label before it.
- '比年初预算减少58.44万元', '完成预算的87%', '决算数大于预算数5万元' compare with the budget,
  not with the prior year: no fact. '较2024年的2190万元减少221万元' states the prior year's amount.
- In final accounts, '年初预算为50万元' / '支出预算为44.52万元' are budget figures of the same year;
  '决算' makes a figure final in any document.
- '因公出国(境)费、公务用车购置及运行维护费、公务接待费均为0万元' gives each of them the amount.
- Vehicles are counted ('共有车辆62辆', '公务用车保有量为2辆', '三辆', '无公务用车'): the first count
  of a sentence that is not a purchase; '其中:一般公务用车40辆' is a part, not the total.
- Spaces that PDFs put between characters and digits are dropped; '二〇一六年' and '三辆' are read as
  digits; '为零' is 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from analytics.extract.labels import LabelMatch, find_labels, has_label
from analytics.extract.numbers import AMOUNT_RE, to_wan
from analytics.extract.vocabulary import alternation, pattern, words
from analytics.model import Fact, Kind, Measure
from analytics.reference import metrics

_DIGIT = re.compile(r"\d")
_SENTENCE_SPLIT = re.compile(r"(?<=[。!?])")
# Clause boundaries; a comma between digits ('1,234') is a thousands separator, not a boundary.
_CLAUSE_SPLIT = re.compile(r"(?<!\d),|,(?!\d{3})|[;:。]")

_CHANGE = alternation(("change", "increase"), ("change", "decrease"))
CHANGE_RE = re.compile(f"({_CHANGE[3:-1]})")
DECREASE = frozenset(words("change", "decrease"))
FLAT_RE = pattern("change", "flat")
_COMPARISON = alternation(("change", "comparison"))
COMPARISON_OPENING = re.compile(rf"^\s*(?:{_COMPARISON}|同比|相比)")
# 'Roughly flat' states no number: no fact, like '略有增加'.
ROUGHLY_RE = pattern("change", "roughly")
COMPARED_YEAR_RE = re.compile(r"(?:比|较|与|同)\s*((?:19|20)\d{2})\s*年")
ZERO_BEFORE_LABEL = re.compile(r"(?:无|未|没有)(?:安排|发生|开支|列支)?(?:任何)?[“\"‘']?\s*$")
# '无因公出国(境)人数', '无公务接待批次': not a zero amount.
NOT_MONEY_AFTER = re.compile(r"^[”\"’']?(?:人数|团组|批次|人次|次数|出访|情况|车辆)")
REASON_RE = re.compile(f"^{alternation(('reason', 'markers'))}")
OTHERS_RE = re.compile(r"^(?:其他|其余|其它)(?:各项|项目|经费)?")
PRIOR_YEAR_END = re.compile(r"上年末|上年度末|上年年末|上一年末")
STATED_YEAR = re.compile(r"(?<![较比与同])(\d{4})年度?")
FINAL_WORDS = pattern("kind", "final")
BUDGET_WORDS = pattern("kind", "budget")
# The comparison base of a change: '比年初预算', '较调整预算' compare with the budget, not the prior year.
BASE_RE = re.compile(f"{_COMPARISON}([^{''.join(words('change', 'comparison'))}]*?)$")
BUDGET_BASE = re.compile(
    f"{alternation(('change', 'budget_base'))}|^{alternation(('change', 'budget_base_opening'))}"
)
PRIOR_BASE = re.compile(rf"{alternation(('change', 'prior_base'))}|\d{{4}}年")
# '较2024年的2190万元减少…': the amount is the prior year's.
PRIOR_AMOUNT_RE = re.compile(r"(?:比|较|与)(?:(\d{4})年度?|上年度?|上一年)(?:预算|决算)?数?的?$")
# Words between a label and an amount that make the amount something else than the label's figure.
NOT_THE_FIGURE = re.compile(r"大于|小于|超过|低于|多于|少于|占|完成|执行率|货物|工程|服务类|中小企业")
AFTER_AMOUNT_NOT = re.compile(r"^(?:以上|以下|以内|及以上|左右)")
GROUP_WORD = re.compile(r"^\s*(?:均|都|全部|皆)")
GROUP_SEPARATOR = re.compile(r"^[、,和及与\s]*$")
PAIR_RE = re.compile(r"收[、,]?支")

VEHICLE_COUNT_RE = re.compile(r"(\d+)\s*(?:辆|台)(?!\s*次)")
VEHICLE_WORD = pattern("vehicles", "vehicle")
VEHICLE_NOT_STOCK = pattern("vehicles", "not_stock")
VEHICLE_STOCK = pattern("vehicles", "stock")
NO_VEHICLES = re.compile(
    r"(?:无|没有|未配备|未配置)(?:任何)?(?:公务用车|车辆|公车)(?!购置|运行|费|经费|维护|支出)"
)

_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})(?=\s*年)")
_CN_COUNT = re.compile(r"([一二两三四五六七八九十]{1,3})(?=\s*(?:辆|台))")
_SPACES = re.compile(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])")
_ASIDE = re.compile(r"\(([^()]*)\)")
_WHITESPACE = re.compile(r"\s")
_ZERO_WORD = re.compile(r"(?:为|是)零(?=[,;。)]|$)")
_OTHERS_FLAT = re.compile(r"[^,;。]*(?:其他|其余|其它)[^,;。]*(?:持平|无增减|无变化|保持不变)[^。]*")


@dataclass
class _Clause:
    text: str
    start: int  # offset in the sentence


@dataclass
class _Context:
    year: int
    kind: Kind
    section: str | None


def _cn_number(text: str) -> int:
    """'三' -> 3, '十二' -> 12, '二十' -> 20 (small counts only)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGIT[ch]) for ch in text))


def prepare(text: str) -> str:
    """Running text as the parser reads it: no spaces between characters (PDFs scatter them; a space
    between two digits or letters stays), Chinese-numeral years and counts as digits, '为零' as 0."""
    # Each rewrite runs only where its literal characters occur (most paragraphs need none of them).
    if _WHITESPACE.search(text):
        text = _SPACES.sub("", text)
    if "年" in text:
        text = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGIT[c]) for c in m.group(1)), text)
    if "辆" in text or "台" in text:
        text = _CN_COUNT.sub(lambda m: str(_cn_number(m.group(1))), text)
    if "零" in text:
        text = _ZERO_WORD.sub("为0", text)
    return text


def _sentences(paragraph: str) -> Iterator[str]:
    for sentence in _SENTENCE_SPLIT.split(paragraph):
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
    years = [int(y) for y in STATED_YEAR.findall(before_label) if abs(int(y) - ctx.year) <= 2]
    return years[-1] if years else ctx.year


def _fact_kind(between: str, ctx: _Context) -> Kind:
    if FINAL_WORDS.search(between):
        return "final"
    if ctx.kind == "final" and BUDGET_WORDS.search(between):
        return "budget"
    return ctx.kind


def _zero_amount_ok(clause: str, end: int) -> bool:
    """A bare '0' with no unit ('购置费为0,') is a zero in any unit; other bare numbers are not money."""
    rest = clause[end:]
    return not rest or rest[0] in " ,;。)"


def _compares_with_other_year(text: str, year: int) -> bool:
    """'较2015年' in a figure about 2017: the comparison is not with the prior year."""
    return any(int(y) != year - 1 for y in COMPARED_YEAR_RE.findall(text))


def _compares_with_budget(between: str) -> bool:
    """'比年初预算减少', '较预算数增加': a change against the budget, not against the prior year."""
    base = BASE_RE.search(CHANGE_RE.split(between)[0]) if CHANGE_RE.search(between) else None
    if base is None:
        return False
    words = base.group(1)
    return bool(BUDGET_BASE.search(words)) and not PRIOR_BASE.search(words)


def facts_from_paragraph(paragraph: str, *, year: int, kind: Kind, section: str | None) -> list[Fact]:
    """Every figure stated in one paragraph of running text."""
    ctx = _Context(year, kind, section)
    paragraph = prepare(paragraph)
    sentences = list(_sentences(paragraph))
    if not any(_names_a_label(sentence) for sentence in sentences):
        # Every amount, zero and 持平 belongs to a label: with none, only a vehicle count can be
        # stated ('现有公务用车3辆'). Half of all paragraphs are such (duties, goals, dates).
        return [fact for sentence in sentences for fact in _vehicle_counts(sentence, ctx)]
    facts: list[Fact] = []
    recent: list[LabelMatch] = []  # labels of the paragraph so far, for '收支较上年增加…'
    for sentence in sentences:
        facts.extend(_facts_from_sentence(sentence, ctx, recent))
        facts.extend(_vehicle_counts(sentence, ctx))
    return _apply_others_flat(paragraph, facts, ctx)


def _names_a_label(sentence: str) -> bool:
    """Whether a sentence holds any metric label, read as `_facts_from_sentence` reads it: its
    clauses and asides are parts of it, and blanking an aside may join a label around it."""
    return has_label(sentence) or ("(" in sentence and has_label(_blank_asides(sentence)[0]))


def _vehicle_counts(sentence: str, ctx: _Context) -> list[Fact]:
    """The number of vehicles a sentence states: the first count that is a stock, not a purchase."""
    counts = ("辆" in sentence or "台" in sentence) and VEHICLE_COUNT_RE.search(sentence)
    if not counts and not ("车" in sentence and NO_VEHICLES.search(sentence)):
        return []  # a clause's match is the sentence's match at the same place
    for clause in _clauses(sentence):
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
        year = _fact_year(head, head, ctx)
        return [_count_fact(Decimal(match.group(1)), "辆", sentence, ctx, year)]
    return []


def _count_fact(value: Decimal, unit: str | None, quote: str, ctx: _Context, year: int) -> Fact:
    return _fact("vehicles_count", "amount", value, unit, quote, ctx, year, ctx.kind)


def _blank_asides(sentence: str) -> tuple[str, list[tuple[int, str]]]:
    """The sentence with its figure-holding parentheses blanked out, and those parentheses' texts."""
    asides: list[tuple[int, str]] = []

    def blank(match: re.Match[str]) -> str:
        inner = match.group(1)
        if len(inner) > 3 and _DIGIT.search(inner):
            asides.append((match.start(), inner))
            return " " * len(match.group())
        return match.group()

    return _ASIDE.sub(blank, sentence), asides


def _facts_from_sentence(sentence: str, ctx: _Context, recent: list[LabelMatch]) -> list[Fact]:
    main, asides = _blank_asides(sentence)
    # '…出国(境)费支出0万元。与2019年预算相比,减少0万元。': a sentence that opens with a comparison and
    # names nothing continues the previous sentence's subject.
    carried = None
    if recent and COMPARISON_OPENING.match(main) and not find_labels(main):
        carried = recent[-1]
    facts = _read_clauses(main, sentence, ctx, carried, recent)
    for start, inner in asides:
        before = [label for label in find_labels(main[:start]) if not label.is_blocker]
        subject = before[-1] if before else None
        facts.extend(_read_clauses(inner, sentence, ctx, subject, []))
    return facts


def _specific(labels: list[LabelMatch], text: str) -> list[LabelMatch]:
    """The labels that name figures: a qualifier right after a specific label only describes it."""
    kept: list[LabelMatch] = []
    for label in labels:
        gap = text[kept[-1].end : label.start] if kept else ""
        if kept and label.is_qualifier and len(gap) <= 8 and not _DIGIT.search(gap):
            continue
        kept.append(label)
    return kept


def _owners(labels: list[LabelMatch], position: int, text: str) -> list[LabelMatch]:
    """The labels an amount at `position` belongs to: the nearest before it (a qualifier right after a
    specific label gives way to it), or all of a list of labels followed by '均为'."""
    kept = _specific([label for label in labels if label.end <= position], text)
    if not kept:
        return []
    last = kept[-1]
    if GROUP_WORD.match(text[last.end : position]):
        group = [last]
        for label in reversed(kept[:-1]):
            if not GROUP_SEPARATOR.match(text[label.end : group[0].start]):
                break
            group.insert(0, label)
        return group
    return [last]


def _read_clauses(
    text_all: str, quote: str, ctx: _Context, subject: LabelMatch | None, recent: list[LabelMatch]
) -> list[Fact]:
    facts: list[Fact] = []
    subjects: list[LabelMatch] = [subject] if subject else []
    last_change: int | None = None  # first index in facts of the last clause's changes, for their reason
    flat_done: set[str] = set()
    previous: tuple[LabelMatch, str] | None = None  # the last clause's one label and amount
    previous_text = ""
    for clause in _clauses(text_all):
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
            if (
                ZERO_BEFORE_LABEL.search(before)
                and not NOT_MONEY_AFTER.match(text[label.end :])
                and not label.is_qualifier
            ):
                for metric in label.metrics:
                    facts.append(
                        _fact(
                            metric,
                            "amount",
                            Decimal(0),
                            None,
                            quote,
                            ctx,
                            _fact_year(text, before, ctx),
                            ctx.kind,
                        )
                    )
        if not labels and PAIR_RE.search(text):
            pair = _pair_subject(recent)
            if pair:
                subjects = pair
        recent.extend(label for label in labels if not label.is_blocker)
        amounts = list(AMOUNT_RE.finditer(text))
        part_of = stripped.startswith("其中") or previous_text in ("其中", "其中包括")
        previous_text = stripped
        if not _specific(labels, text) and part_of:
            amounts = []  # '其中:…' without a label names a part we cannot tell, not the subject
        clause_first = len(facts)
        changed_here = False
        for amount in amounts:
            owners = _owners(labels, amount.start(), text) or subjects
            if not owners:
                continue
            unit = amount["unit"]
            value = Decimal(amount["number"].replace(",", ""))
            if unit is None and not (value == 0 and _zero_amount_ok(text, amount.end())):
                continue
            if unit == "个百分点" or AFTER_AMOUNT_NOT.match(text[amount.end() :]):
                continue
            label_end = owners[-1].end if owners[-1] in labels else 0
            between = text[label_end : amount.start()]
            sign = _sign(between)
            prior = PRIOR_AMOUNT_RE.search(between)
            measure: Measure
            fact_year = _fact_year(text, text[:label_end], ctx)
            if prior and not sign:
                measure, stored = "amount", to_wan(value, unit)
                fact_year = int(prior.group(1)) if prior.group(1) else fact_year - 1
            elif NOT_THE_FIGURE.search(between) or (sign and _compares_with_budget(between)):
                continue
            elif sign and _compares_with_other_year(between, fact_year):
                continue  # '2017年…较2015年下降2.3%': a two-year change, not year-on-year
            elif unit == "%":
                if sign == 0:
                    continue  # a share or a rate, not one of our figures
                measure, stored = "yoy_pct", value * sign
            elif sign:
                measure, stored = "yoy_change", to_wan(value, unit) * sign
            else:
                measure, stored = "amount", to_wan(value, unit)
            kind = _fact_kind(between if owners[-1] in labels else text[: amount.start()], ctx)
            for owner in owners:
                for metric in owner.metrics:
                    facts.append(_fact(metric, measure, stored, unit, quote, ctx, fact_year, kind))
                    changed_here = changed_here or measure != "amount"
        if changed_here:
            last_change = clause_first
        has_amount = any(a["unit"] for a in amounts)
        if (
            FLAT_RE.search(text)
            and not ROUGHLY_RE.search(text)
            and not _compares_with_other_year(text, ctx.year)
            and not has_amount
            and "*others*" not in flat_done
        ):
            flat_owners = [labels[-1]] if labels else []
            if not flat_owners and not OTHERS_RE.match(stripped):
                flat_owners = subjects
            if flat_owners:
                for owner in flat_owners:
                    for metric in owner.metrics:
                        if metric not in flat_done:
                            flat_done.add(metric)
                            facts.append(
                                _fact(metric, "yoy_change", Decimal(0), None, quote, ctx, ctx.year, ctx.kind)
                            )
            elif OTHERS_RE.match(stripped):
                flat_done.add("*others*")
        specific = [label for label in _specific(labels, text) if not label.is_blocker]
        if specific:
            group = _owners(specific, len(text), text)
            subjects = group if len(group) > 1 else [specific[-1]]
            stated = [a for a in amounts if a["unit"] and a["unit"] != "%"]
            stated_number: str | None = (
                stated[-1]["number"] if len(stated) == 1 and len(specific) == 1 else None
            )
            # '收入预算总计986.40万元,支出预算总计986.40万元,较2017年增加36.40万元': both change
            if (
                stated_number
                and previous
                and previous[1] == stated_number
                and _is_pair(previous[0], specific[0])
            ):
                subjects = [previous[0], specific[0]]
            previous = (specific[0], stated_number) if stated_number else None
        else:
            previous = None
    return facts


def _is_pair(income: LabelMatch, spending: LabelMatch) -> bool:
    """'收入总计' then '支出总计': the same total of both sides."""
    if len(income.metrics) != 1 or len(spending.metrics) != 1:
        return False
    a, b = income.metrics[0], spending.metrics[0]
    return a.startswith("income_") and b == "expenditure_" + a.removeprefix("income_")


def _pair_subject(recent: list[LabelMatch]) -> list[LabelMatch]:
    """'收支较上年增加…': the last income and the last expenditure label named before."""
    income = next((label for label in reversed(recent) if label.metrics[0].startswith("income")), None)
    spending = next(
        (label for label in reversed(recent) if label.metrics[-1].startswith("expenditure")), None
    )
    if income is None or spending is None:
        return []
    return [income] if income is spending else [income, spending]


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
        value=value.copy_abs() if value == 0 else value,  # '减少0万元' is 0, not -0
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
    if "其他" not in paragraph and "其余" not in paragraph and "其它" not in paragraph:
        return facts
    match = _OTHERS_FLAT.search(paragraph)
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
            and metrics()[fact.metric].unit != "count"
        ):
            seen.add(fact.metric)
            extra.append(_fact(fact.metric, "yoy_change", Decimal(0), None, quote, ctx, ctx.year, fact.kind))
    return facts + extra

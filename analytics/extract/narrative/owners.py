"""Which labels an amount or a flat belongs to: the nearest specific label before it (a qualifier
right after a specific label only describes it), a list joined by 和/、 or followed by '均', the two
sides of a '收支' pair."""

from __future__ import annotations

from analytics.extract.labels import LabelMatch
from analytics.extract.narrative.words import (
    DIGIT,
    GENERIC_MAY_FOLLOW,
    GROUP_SEPARATOR,
    GROUP_WORD,
    SOURCE_BEFORE,
    YEAR_WORDS,
)


def specific(labels: list[LabelMatch], text: str) -> list[LabelMatch]:
    """The labels that name figures: a qualifier right after a specific label only describes it."""
    kept: list[LabelMatch] = []
    for label in labels:
        if kept and label.is_qualifier:
            # '因公出国(境)费2014年财政拨款支出决算数为…': a year between them is no other subject
            gap = YEAR_WORDS.sub("", text[kept[-1].end : label.start])
            if len(gap) <= 8 and not DIGIT.search(gap):
                continue
        kept.append(label)
    return kept


def owners(labels: list[LabelMatch], position: int, text: str) -> list[LabelMatch]:
    """The labels an amount at `position` belongs to: the nearest before it (a qualifier right after a
    specific label gives way to it), or all of a list of labels followed by '均为'."""
    if len(labels) == 1:  # (most clauses: one label, alone in any group it could head)
        return list(labels) if labels[0].end <= position else []
    before = [label for label in labels if label.end <= position]
    if not before:
        return []
    kept = specific(before, text) if len(before) > 1 else before  # a lone label is specific
    last = kept[-1]
    if GROUP_WORD.match(text[last.end : position]):
        group = [last]
        for label in reversed(kept[:-1]):
            if not GROUP_SEPARATOR.match(text[label.end : group[0].start]):
                break
            group.insert(0, label)
        return group
    return [last]


_TOTALS = frozenset({"income_total", "income_grand_total", "expenditure_total", "expenditure_grand_total"})


def in_a_longer_name(label: LabelMatch, text: str) -> LabelMatch:
    """A generic label, or a department total, that ends a longer name ('工资福利支出预算', '其他资金
    收入预算总计': the total of one source of funds) names none of our figures: it is kept as a
    blocker, so that the amount after it is no one's."""
    if label.is_blocker or label.start == 0:
        return label
    if not label.is_qualifier:
        if _TOTALS.intersection(label.metrics) and SOURCE_BEFORE.search(text, 0, label.start):
            return LabelMatch(label.start, label.end, label.text, ())
        return label
    before = text[label.start - 1]
    if not ("\u4e00" <= before <= "\u9fff") or before in GENERIC_MAY_FOLLOW:
        return label
    return LabelMatch(label.start, label.end, label.text, ())


def joined_run(labels: list[LabelMatch], text: str) -> list[LabelMatch]:
    """The last label and those joined to it by 和/、/及 ('因公出国(境)费和公务用车费预算与去年持平')."""
    kept = [label for label in specific(labels, text) if not label.is_blocker]
    if not kept:
        return []
    run = [kept[-1]]
    for label in reversed(kept[:-1]):
        if not GROUP_SEPARATOR.match(text[label.end : run[0].start]):
            break
        run.insert(0, label)
    return run


def is_pair(income: LabelMatch, spending: LabelMatch) -> bool:
    """'收入总计' then '支出总计': the same total of both sides."""
    if len(income.metrics) != 1 or len(spending.metrics) != 1:
        return False
    a, b = income.metrics[0], spending.metrics[0]
    return a.startswith("income_") and b == "expenditure_" + a.removeprefix("income_")


def pair_subject(recent: list[LabelMatch]) -> list[LabelMatch]:
    """'收支较上年增加…': the last income and the last expenditure label named before."""
    income = next((label for label in reversed(recent) if label.metrics[0].startswith("income")), None)
    spending = next(
        (label for label in reversed(recent) if label.metrics[-1].startswith("expenditure")), None
    )
    if income is None or spending is None:
        return []
    return [income] if income is spending else [income, spending]

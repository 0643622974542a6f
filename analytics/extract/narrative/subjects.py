"""Who a sentence is about when it names no label itself.

Chinese reports leave the subject out once it is clear: a numbered heading names it ('(二)公务接待费')
and the sentences under it say only '2022年预算安排1万元,与2021年预算持平'; a sentence goes on from the
one before ('…出国(境)费15万元。2016年预算与2015年预算持平。'). Such a sentence takes the subject
before it, but only when the words before its first figure are neutral (years, kinds, verbs of
budgeting: vocabulary.toml's `subject.neutral`); any other noun may be another subject we do not
know, and then the sentence's figures belong to no one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analytics.extract.labels import QUALIFIERS, SOURCES, LabelMatch, find_labels
from analytics.extract.narrative.owners import specific
from analytics.extract.narrative.words import CHANGE_RE, FLAT_RE, NEUTRAL
from analytics.extract.numbers import AMOUNT_RE
from analytics.extract.vocabulary import alternation

_NUMBERING = r"(?:[((]?[一二三四五六七八九十\d]{1,3}[))、.．]|第[一二三四五六七八九十]{1,3}(?:部分|条))"
_HEADING_STARTS = frozenset("((一二三四五六七八九十第0123456789 \t")
_HEADING = re.compile(rf"^\s*{_NUMBERING}\s*(?P<title>[^,;:。]{{2,40}}?)\s*[。:]?\s*$")
_HEADING_TAIL = re.compile(f"{alternation(('subject', 'heading_tail'))}+")
# Words that make a numbered line a statement rather than a heading.
_STATES = re.compile(rf"无|未|没有|{CHANGE_RE.pattern}|{FLAT_RE.pattern}")
_QUALIFIERS = re.compile("|".join(sorted(QUALIFIERS | SOURCES, key=len, reverse=True)))


# Generic words for a total of spending ('预算支出', '支出预算', '本年支出'): under a subject that is one
# item of spending, they say only that its figure is spent or budgeted.
_GENERIC_SPENDING = frozenset({"预算支出", "支出预算", "本年支出", "支出合计", "本年支出合计"})
# The items of spending such words may describe: the 三公 lines, meetings, training, running costs.
_ITEMS = frozenset(
    {"three_public_total", "overseas_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation"}
    | {"reception", "meeting_expenses", "training_expenses", "operating_expenses"}
)


def without_generic_spending(
    labels: list[LabelMatch], subject: LabelMatch | None, subjects: list[LabelMatch]
) -> list[LabelMatch]:
    """The clause's labels without a generic word for spending that opens a sentence about one item
    of spending: under '(二)公务接待费', '2019年预算支出8.5万元,比2018年预算减少0.5万元' states the
    reception's figures, not the department's total spending.

    >>> reception = find_labels("公务接待费")[0]
    >>> without_generic_spending(find_labels("2019年预算支出8.5万元"), reception, [reception])
    []
    >>> income = find_labels("收入预算")[0]
    >>> [x.text for x in without_generic_spending(find_labels("支出预算100万元"), income, [income])]
    ['支出预算']
    """
    if (
        subject is None
        or not labels
        or subjects != [subject]
        or not _ITEMS.issuperset(subject.metrics)
        or "".join(labels[0].text.split()) not in _GENERIC_SPENDING
    ):
        return labels
    return labels[1:]


def heading_subject(sentence: str) -> list[LabelMatch] | None:
    """For a numbered heading, the one label it is about ([] when it names none or several); None
    when the sentence is no heading.

    >>> [label.metrics for label in heading_subject("(二)公务接待费") or []]
    [('reception',)]
    >>> heading_subject("(二)部门收支总体情况")
    []
    >>> heading_subject("一、“三公”经费财政拨款支出决算总体情况")[0].metrics
    ('three_public_total',)
    >>> heading_subject("(1)2018年无公务用车购置预算安排") is None
    True
    >>> heading_subject("2022年预算安排1万元") is None
    True
    """
    if sentence[:1] not in _HEADING_STARTS:
        return None
    found = _heading_subject(sentence)
    return None if found is None else list(found)


@lru_cache(maxsize=4096)  # headings repeat across the documents of a corpus
def _heading_subject(sentence: str) -> tuple[LabelMatch, ...] | None:
    match = _HEADING.match(sentence)
    if match is None or any(m["unit"] for m in AMOUNT_RE.finditer(sentence)):
        return None
    title = match["title"]
    if _STATES.search(title):
        return None  # '(1)2018年无公务用车购置预算安排': a statement, not a heading
    kept = [label for label in specific(find_labels(title), title) if not label.is_blocker]
    if len(kept) != 1 or kept[0].text.endswith("总体"):  # '收支总体情况' titles a section of several figures
        return ()
    rest = title[: kept[0].start] + title[kept[0].end :]
    rest = _HEADING_TAIL.sub("", NEUTRAL.sub("", _QUALIFIERS.sub("", rest)))
    return tuple(kept) if not rest.strip() else ()

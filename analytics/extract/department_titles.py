"""The department a title-like line names (`names_in_title`): the name before its year or subject
('徐闻县经科局2017年部门预算…'), after a leading year ('2016年市国资委财政拨款…'), after a place and year
('岳阳县2015年度移民局“三公”…'), or a place and a sector before 部门 where the line speaks of a whole
sector's budget ('2018年度寻甸县教育部门“三公”经费决算': the 教育局 and its schools). A sector is one of
the kinds of department of `department_types.csv` (教育, 卫生健康, 公安…), or the opening of one
(卫生, 农业).
"""

from __future__ import annotations

import re
from functools import cache

from analytics.extract.departments import named
from analytics.extract.regions import leading_places
from analytics.reference import read_csv, vocabulary

_SECTOR_WORD = "部门"


def _words(name: str) -> list[str]:
    return vocabulary()["metadata"][name]


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    digits = "〇零一二三四五六七八九"
    years = [r"19\d{2}", r"20\d{2}", *(f"{digit}[{digits}]{{3}}" for digit in digits)]
    return {
        # what ends a name in a title: a year or a subject word (only where the first one stands
        # counts: a flat alternation of literals, which a search skips to at once)
        "title_tail": re.compile("|".join(years + [re.escape(tail) for tail in _words("name_tails")])),
        "leading_year": re.compile(r"^(?:关于|公开)?\s*(?:19|20)\d{2}\s*年\s*度?\s*[,，]?\s*"),
        "lead_words": re.compile(r"^(?:关于|公开)"),
    }


@cache
def _sectors() -> frozenset[str]:
    """The kinds of department and their openings of two characters or more ('卫生健康', '卫生')."""
    kinds = {row["department_type"] for row in read_csv("department_types.csv")}
    return frozenset(kind[:end] for kind in kinds for end in range(2, len(kind) + 1))


def _head(text: str) -> str:
    """The text before its first year or subject word (and the spaces before that)."""
    tail = _patterns()["title_tail"].search(text)
    return text[: tail.start()].rstrip() if tail else text


def _head_name(text: str, head: str | None = None) -> str | None:
    """The name `text` opens with (see the module docstring); `head` is `_head(text)` if known."""
    head = _head(text) if head is None else head
    name = named(head)
    if name is None and text.startswith(_SECTOR_WORD, len(head)):
        places, sector = leading_places(head)
        if places and sector in _sectors():
            return head + _SECTOR_WORD
    return name


def names_in_title(text: str) -> list[tuple[str, str | None]]:
    """The name a title-like line gives (see the module docstring), with the place put before the
    year, if any.

    >>> names_in_title("岳阳县2015年度移民局“三公”经费决算情况表")
    [('移民局', '岳阳县')]
    >>> names_in_title("2019年度南京市卫生部门“三公”经费决算")
    [('南京市卫生部门', None)]
    """
    patterns = _patterns()
    text = patterns["lead_words"].sub("", "".join(text.split()))
    leading = patterns["leading_year"].match(text)
    if leading:
        name = _head_name(text[leading.end() :])
        return [(name, None)] if name else []
    head = _head(text)
    name = _head_name(text, head)
    if name:
        return [(name, None)]
    places, remainder = leading_places(head)
    if places and not remainder:  # a place alone before the year: the name follows the year
        after = patterns["leading_year"].sub("", text[len(head) :], count=1)
        name = _head_name(after)
        if name:
            return [(name, places[-1].printed)]
    return []

"""Running text as the narrative reader sees it: normalised (`running_text`), split into sentences
and clauses, with the figure-holding parentheses set aside."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from analytics.extract.narrative.words import DIGIT, PERCENT_ASIDE
from analytics.extract.numerals import NUMERAL_CHARACTERS, chinese_count, chinese_integer

# A full stop ends a sentence, except one closing the last clause inside a parenthesis ('(…运行维护费
# 240万元,比上年增加0万元。)比上年增加0万元'): the words after the bracket go on with the sentence.
_SENTENCE_SPLIT = re.compile(r"(?<=[。!?])(?!\))")
# Clause boundaries; a comma between digits ('1,234') is a thousands separator, not a boundary, nor
# is one between a decimal and a number ('各是400.00,410.00万元': a list of figures).
# (Each branch opens with its punctuation, so the engine skips to the next one.)
_CLAUSE_SPLIT = re.compile(r"[;:。]|,(?:(?!\d{3})(?:(?!\d)|(?<!\.\d,)(?<!\.\d\d,))|(?<!\d,))")

_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})(?=\s*年)")
# A count before its measure word ('三辆', '壹辆', '十二台'); 台 opening a word is no measure word
# ('统一台账', '三台县', '一台阶').
_CN_COUNT = re.compile(rf"([{NUMERAL_CHARACTERS}]{{1,6}})(?=\s*(?:辆|台(?![账帐县阶湾风州区山式站])))")
_NUMERALS = frozenset(NUMERAL_CHARACTERS)
_SPACES = re.compile(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])")
_ASIDE = re.compile(r"\(([^()]*)\)")
_WHITESPACE = re.compile(r"\s")
_ZERO_WORD = re.compile(r"(?:为|是)零(?=[,;。)]|$)")
# What a name may include, said in brackets inside the name ('公务用车(含执法执勤车辆)运行支出').
_INCLUDES_NOTE = re.compile(r"(?:含|包含|包括)[^()\d]{1,20}$")


class Clause(NamedTuple):
    text: str
    start: int  # offset in the sentence


def _count_digits(match: re.Match[str]) -> str:
    """A count in Chinese numerals as digits ('壹' -> '1'); an estimate ('三四') is left as written."""
    count = chinese_count(match.group(1))
    return match.group() if count is None else str(count)


def _numeral_before_measure(text: str) -> bool:
    """Whether a numeral stands right before some 辆 or 台 (a quick look: most of them follow digits,
    and most 台 open words: 平台, 出台)."""
    for measure in "辆台":
        at = text.find(measure)
        while at > 0:  # (spaces are gone by now: running_text drops them first)
            if text[at - 1] in _NUMERALS:
                return True
            at = text.find(measure, at + 1)
    return False


def running_text(text: str) -> str:
    """Running text as the parser reads it: no spaces between characters (PDFs scatter them; a space
    between two digits or letters stays), Chinese-numeral years and counts ('三辆', '壹辆') as digits,
    '为零' as 0."""
    # Each rewrite runs only where its literal characters occur (most paragraphs need none of them).
    if _WHITESPACE.search(text):
        text = _SPACES.sub("", text)
    if "年" in text:
        text = _CN_YEAR.sub(lambda m: str(chinese_integer(m.group(1))), text)
    if ("辆" in text or "台" in text) and _numeral_before_measure(text):
        text = _CN_COUNT.sub(_count_digits, text)
    if "零" in text:
        text = _ZERO_WORD.sub("为0", text)
    return text


def sentences(paragraph: str) -> Iterator[str]:
    for sentence in _SENTENCE_SPLIT.split(paragraph):
        if stripped := sentence.strip():
            yield stripped


def clauses(sentence: str) -> list[Clause]:
    found, start = [], 0
    for match in _CLAUSE_SPLIT.finditer(sentence):
        text = sentence[start : match.start()]
        if text and not text.isspace():
            found.append(Clause(text, start))
        start = match.end()
    text = sentence[start:]
    if text and not text.isspace():
        found.append(Clause(text, start))
    return found


def blank_asides(sentence: str) -> tuple[str, list[tuple[int, str]]]:
    """The sentence with its figure-holding parentheses blanked out, and those parentheses' texts.
    A parenthesis holding only a percentage ('减少18.50万元(65.37%)') stays in the sentence as a clause
    of its own: the percentage of the change before it. A note of what a name includes, inside the
    name, is blanked too: '公务用车(含执法执勤车辆)运行支出' reads as '公务用车运行支出' (labels allow
    blanks inside)."""
    if "(" not in sentence:
        return sentence, []  # no parenthesis: nothing to set aside
    if "%" in sentence:
        sentence = PERCENT_ASIDE.sub(lambda m: f",{m.group(1)} ", sentence)
    asides: list[tuple[int, str]] = []

    def blank(match: re.Match[str]) -> str:
        inner = match.group(1)
        if len(inner) > 3 and DIGIT.search(inner):
            asides.append((match.start(), inner))
            return " " * len(match.group())
        if inner[:1] in "含包" and _INCLUDES_NOTE.match(inner) and _inside_a_name(sentence, match):
            return " " * len(match.group())
        return match.group()

    return _ASIDE.sub(blank, sentence), asides


def _inside_a_name(sentence: str, match: re.Match[str]) -> bool:
    """Whether a parenthesis stands between two Chinese characters (inside a name)."""
    start, end = match.span()
    return start > 0 and end < len(sentence) and _is_cjk(sentence[start - 1]) and _is_cjk(sentence[end])


def _is_cjk(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"

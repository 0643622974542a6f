"""Text from positioned PDF characters, and the repairs PDF text needs.

Spaces are put back from the geometry, and only between two ASCII characters (words and numbers of
Latin text): between Chinese characters, and between Chinese and digits, a space in a PDF is layout,
not text ('474.91 万元' is '474.91万元'). Lines of one paragraph or one cell join without a space,
unless the break falls between two ASCII letters. `tidy` then drops what is left of stray spaces and
empty quote pairs ('三公 经费 “ ”' -> '三公经费'), and rejoins numbers broken at their decimal point.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from statistics import median

from analytics.read.characters import normalise
from analytics.read.pdf_page import Char

SPACE_GAP = 0.15  # of the character height: a wider gap between two ASCII characters is a space

_CJK = (
    r"\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026"
)
_SPACE_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}\d%.,:;()\-])")
_SPACE_BEFORE_CJK = re.compile(rf"(?<=[\d%.,:;()])[ \t]+(?=[{_CJK}])")
_EMPTY_QUOTES = re.compile(r"[“\"]\s*[”\"]|[‘']\s*[’']")
_SPLIT_NUMBER = re.compile(r"(?<=\d)(?:\s+\.\s*|\.\s+)(?=\d)")
_MULTIPLE_SPACES = re.compile(r"[ \t]{2,}")
_ASCII_WORD = re.compile(r"[A-Za-z]")


def chars_text(chars: Sequence[Char]) -> str:
    """The text of characters on one line, in the order given (left to right), spaces put back
    between ASCII characters that stand further apart than the line's usual spacing (letter-spaced
    or justified lines spread all their characters; a space is a wider gap than that)."""
    if not chars:
        return ""
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(chars)]
    usual = max(0.0, median(gaps)) if gaps else 0.0
    pieces = [chars[0].text]
    for previous, char, gap in zip(chars, chars[1:], gaps, strict=False):
        if (
            gap - usual > SPACE_GAP * max(previous.height, char.height)
            and previous.text.isascii()
            and char.text.isascii()
        ):
            pieces.append(" ")
        pieces.append(char.text)
    return "".join(pieces)


def join_lines(lines: Sequence[str]) -> str:
    """Lines of one paragraph or cell as one text: no separator, or a space between two ASCII letters.

    >>> join_lines(["公务用车运行", "费474.", "91万", "元", "total", "amount"])
    '公务用车运行费474.91万元total amount'
    """
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if text and _ASCII_WORD.match(text[-1]) and _ASCII_WORD.match(line[0]):
            text += " "
        text += line
    return text


def tidy(text: str) -> str:
    """Normalise PDF text (see `analytics.read.characters.normalise`) and repair its spacing.

    >>> tidy("三公 经费 “ ” 474 .91 万元, 比上年 减少 5 万元")
    '三公经费474.91万元,比上年减少5万元'
    """
    text = normalise(text)
    text = _EMPTY_QUOTES.sub("", text)
    text = _SPLIT_NUMBER.sub(".", text)
    text = _SPACE_AFTER_CJK.sub("", text)
    text = _SPACE_BEFORE_CJK.sub("", text)
    text = _SPACE_AFTER_CJK.sub("", text)  # again: the first pass may have left pairs to close
    return _MULTIPLE_SPACES.sub(" ", text).rstrip()

"""Text as every reader hands it on: the characters normalised (NFKC, simplified characters, no
control characters, no pinyin glosses, one kind of line break), and the tally of what the traditional
-> simplified step converted, by which a document printed in traditional characters is told."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from typing import Protocol

import opencc

# Line breaks in any convention (CRLF, CR, form feed as a page break, NEL, U+2028/U+2029) become
# "\n"; then C0/C1 controls other than tab and newline, DEL, stray BOMs (U+FEFF) and zero-width
# spaces are dropped.
_NEWLINES = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\u200b]")


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


def split_lines(text: str) -> list[str]:
    """Split text into lines at any line break convention (see _NEWLINES), without the breaks."""
    if "\x1c" in text or "\x1d" in text or "\x1e" in text:  # str.splitlines breaks there too
        return _NEWLINES.sub("\n", text).split("\n")
    lines = text.splitlines()  # one pass in C: 3 times faster; but no empty line after a last break
    if not text or text[-1] in _LINE_BREAKS:
        lines.append("")
    return lines


_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"


def normalise(text: str) -> str:
    """Normalise text the way every reader hands it on: NFKC, simplified characters, no control
    chars, no pinyin glosses.

    NFKC turns full-width digits, letters and signs into half-width ones and the ideographic space
    U+3000 into a plain space; OpenCC 't2s' converts traditional to simplified characters (and
    `script_tally` counts what it changed). A pinyin gloss after a character, as mirror sites print
    traditional pages ('經(jīng)費'), is dropped. Newlines become '\\n'; control characters other than
    tab and newline are dropped. Leading and trailing whitespace is kept (callers strip what they
    need).

    >>> normalise("４７４．９１万元（＜85%）：公務用車運行維護費")
    '474.91万元(<85%):公务用车运行维护费'
    >>> normalise("經(jīng)費支出")
    '经费支出'
    """
    # Table cells and labels repeat across a document and a corpus ('0.00', '合计'): short strings
    # are cached (at most 16,384 of 48 characters or fewer, a few MB), long paragraphs are not.
    result, changed = _normalise_short(text) if len(text) <= 48 else _normalise(text)
    if changed:
        _tally(changed)
    return result


@lru_cache(maxsize=1 << 14)
def _normalise_short(text: str) -> tuple[str, int]:
    return _normalise(text)


def _normalise(text: str) -> tuple[str, int]:
    """The normalised text and how many of its characters the traditional -> simplified step changed."""
    if not text.isprintable():  # printable text holds no line break and no control character
        text = _NEWLINES.sub("\n", text)
        text = _DROPPED.sub("", text)
    for wide, narrow in _FULL_WIDTH:
        if wide in text:
            text = text.replace(wide, narrow)
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text, 0
    text = strip_pinyin_glosses(text)
    if _SIMPLIFIED.get():
        return text, 0
    converted = _t2s().convert(text)
    return converted, _changed_characters(text, converted)


# The full-width characters of most Chinese lines, each with its NFKD form. Replacing them first
# leaves most lines already in NFKC, which `unicodedata.normalize` then only confirms (a quick check)
# instead of decomposing and recomposing every character: 1 µs instead of 7 for a line of 90
# characters. The result is the same, because NFKC composes the NFKD form, which these replacements
# keep. (The ideographic space U+3000 is one of them: NFKC makes it a plain space too.)
_FULL_WIDTH = (("，", ","), ("：", ":"), ("（", "("), ("）", ")"), ("；", ";"), ("\u3000", " "))

# A pinyin syllable with its tone mark, in brackets right after a Chinese character: '經(jīng)'.
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_HAS_TONE_MARK = re.compile(f"[{_TONE_MARKS}]")
_PINYIN_GLOSS = re.compile(
    rf"(?<=[\u3400-\u9fff])\s?\((?=[a-zü{_TONE_MARKS}]*[{_TONE_MARKS}])[a-zü{_TONE_MARKS}]{{1,7}}\)"
)


def strip_pinyin_glosses(text: str) -> str:
    """Text without the pinyin glosses that mirror sites put after characters: a bracketed
    lower-case syllable carrying a tone mark, right after a Chinese character.

    >>> strip_pinyin_glosses("公務(wù)車輛現(xiàn)保有量(2輛)")
    '公務車輛現保有量(2輛)'
    """
    if len(text) > 1000 and not _may_hold_a_tone_mark(text):  # a whole page: 5 times faster than the scan
        return text
    if not _HAS_TONE_MARK.search(text):
        return text
    return _PINYIN_GLOSS.sub("", text)


def _may_hold_a_tone_mark(text: str) -> bool:
    """Whether a text holds a character of U+00C0-U+01FF (the tone marks are among them): in UTF-8,
    just those characters hold a byte C3-C7, which memchr finds in the encoded text."""
    encoded = text.encode("utf-8", errors="surrogatepass")
    return any(lead in encoded for lead in (b"\xc3", b"\xc4", b"\xc5", b"\xc6", b"\xc7"))


def _changed_characters(before: str, after: str) -> int:
    if before == after:
        return 0
    if len(before) != len(after):  # a phrase conversion changed the length: count the difference
        return max(1, abs(len(before) - len(after)))
    return sum(1 for a, b in zip(before, after, strict=True) if a != b)


_TALLY: ContextVar[list[int] | None] = ContextVar("analytics_script_tally", default=None)


@contextmanager
def script_tally() -> Iterator[list[int]]:
    """Count, within this block, the characters that `normalise` and `to_simplified` converted from
    traditional to simplified: `[converted]`. A reader's registry uses it, with the length of the
    text read, to tell a document printed in traditional characters."""
    counts = [0]
    token = _TALLY.set(counts)
    try:
        yield counts
    finally:
        _TALLY.reset(token)


def _tally(converted: int) -> None:
    counts = _TALLY.get()
    if counts is not None:
        counts[0] += converted


_SIMPLIFIED: ContextVar[bool] = ContextVar("analytics_text_simplified", default=False)


def to_simplified(text: str) -> str:
    """Traditional -> simplified characters for a whole text at once (one OpenCC call instead of one
    per paragraph or cell); pinyin glosses go too (see `strip_pinyin_glosses`)."""
    if text.isascii():
        return text
    text = strip_pinyin_glosses(text)
    converted = _t2s().convert(text)
    if changed := _changed_characters(text, converted):
        _tally(changed)
    return converted


@contextmanager
def already_simplified() -> Iterator[None]:
    """Within this block `normalise` skips the traditional -> simplified step: the reader converted
    its whole text with `to_simplified` first. (Short strings cached meanwhile hold simplified text,
    which the step leaves as it is, so the cache stays right outside the block too.)"""
    token = _SIMPLIFIED.set(True)
    try:
        yield
    finally:
        _SIMPLIFIED.reset(token)


@cache
def _t2s() -> _Converter:
    """The traditional -> simplified converter, built on first use (loading its dictionaries takes ms)."""
    converter: _Converter = opencc.OpenCC("t2s")
    return converter

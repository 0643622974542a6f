"""Page marks: the page numbers, and the running headers and footers beside them, that text
exported from printed pages (PDF, Word) leaves between and inside sentences.

- A line that is only a page number in a printed form is dropped wherever it stands: '—5—', '- 2 -',
  '-2-', '第3页', '第 2 页,共 46 页', '2/46'.
- A bare number of one to three digits alone on a line ('6') is a page number where running prose
  stands on both sides of it, or at the start or the end of the text with prose beside it. Among
  short lines (the cells of a table printed one per line) it is a figure and stays.
- The forms that cannot be read as anything else, '第 2 页,共 46 页' and '—5—', are also removed
  inside a line, where an export ran the lines of a page together; so are the table of contents'
  page references that a Word export leaves as field codes ('一、主要职责 PAGEREF _Toc32310 h 3').
- A running header or footer is a short line standing next to a page number on three pages or more:
  those occurrences go (the same line elsewhere, e.g. the title on the first page, stays).
"""

from __future__ import annotations

import re
from collections import Counter

from analytics.model import Block, Paragraph

PAGE_MARK_RE = re.compile(
    r"^\s*(?:[-—–―]{1,2}\s*\d{1,3}\s*[-—–―]{1,2}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
_BARE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# Inside a line: '第 2 页,共 46 页' (either order) and an em-dash pair around a number.
_INLINE_MARK = re.compile(
    r"\s*(?:第\s*\d{1,4}\s*页\s*[,，/]?\s*共\s*\d{1,4}\s*页|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页"
    r"|(?<!\d)[—―]\s*\d{1,3}\s*[—―](?![\d—―])"
    r'|(?:PAGEREF|HYPERLINK\s+\\?l)\s*"?_Toc\w*"?(?:\s*\\?h\b)?(?:\s+\d{1,3}\b)?)\s*'
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_PROSE_LENGTH = 12  # a line of running prose has at least this many characters
_LONGEST_MARK = 24  # characters of the longest page mark ('第 12 页 , 共 120 页' and spaces)
_RUNNING_MIN_PAGES = 3
_RUNNING_MAX_LENGTH = 40


def may_apply(texts: list[str], joined: str) -> bool:
    """Whether paragraphs with these texts (`joined`: them joined by newlines) may hold a page mark
    at all (a quick look)."""
    if "页" in joined or "—" in joined or "―" in joined or "_Toc" in joined:
        return True
    short = [t for t in texts if len(t) <= _LONGEST_MARK]
    return any(PAGE_MARK_RE.match(t) or _BARE_NUMBER.match(t) for t in short)


def is_page_mark(text: str) -> bool:
    """Whether a whole line is a page number in a printed form ('—5—', '第3页', '2/46')."""
    return bool(PAGE_MARK_RE.match(text))


def _is_prose(block: Block | None) -> bool:
    if not isinstance(block, Paragraph):
        return False
    text = block.text
    return len(text) >= _PROSE_LENGTH and "|" not in text and bool(_CJK.search(text))


def drop_page_marks(blocks: list[Block]) -> list[Block]:
    """Blocks without page numbers and the running headers and footers beside them (see the
    module docstring).

    >>> drop_page_marks([Paragraph("本年度支出总计为二十万元,主要用于人员"),
    ...                  Paragraph("—5—"), Paragraph("经费和日常公用经费的支出。")])
    [Paragraph(text='本年度支出总计为二十万元,主要用于人员'), Paragraph(text='经费和日常公用经费的支出。')]
    """
    marks = [_is_mark(blocks, i) for i in range(len(blocks))]
    if not any(marks):
        return [_without_inline_marks(block) for block in blocks]
    beside = _beside_marks(blocks, marks)
    return [
        _without_inline_marks(block) for i, block in enumerate(blocks) if not marks[i] and i not in beside
    ]


def _is_mark(blocks: list[Block], i: int) -> bool:
    block = blocks[i]
    if not isinstance(block, Paragraph) or len(block.text) > _LONGEST_MARK:
        return False
    if PAGE_MARK_RE.match(block.text):
        return True
    if not _BARE_NUMBER.match(block.text):
        return False
    before = blocks[i - 1] if i > 0 else None
    after = blocks[i + 1] if i + 1 < len(blocks) else None
    if before is None or after is None:  # the first or last line, next to prose
        return _is_prose(after if before is None else before)
    return _is_prose(before) and _is_prose(after)


def _beside_marks(blocks: list[Block], marks: list[bool]) -> set[int]:
    """Positions of running headers/footers: short lines next to a page mark on enough pages."""
    neighbours: dict[str, list[int]] = {}
    for i, is_mark in enumerate(marks):
        if not is_mark:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(blocks) and not marks[j]:
                block = blocks[j]
                if isinstance(block, Paragraph) and len(block.text) <= _RUNNING_MAX_LENGTH:
                    neighbours.setdefault(block.text, []).append(j)
    pages = Counter({text: len(set(found)) for text, found in neighbours.items()})
    return {j for text, count in pages.items() if count >= _RUNNING_MIN_PAGES for j in neighbours[text]}


def _without_inline_marks(block: Block) -> Block:
    if not isinstance(block, Paragraph) or (
        "页" not in block.text
        and "—" not in block.text
        and "―" not in block.text
        and "_Toc" not in block.text
    ):
        return block
    text = _INLINE_MARK.sub(_keep_gap, block.text).strip()
    return Paragraph(text) if text != block.text else block


def _keep_gap(match: re.Match[str]) -> str:
    """The text around a removed mark: a space where the mark separated two words, else nothing."""
    return " " if match.group(0)[:1].isspace() and match.group(0)[-1:].isspace() else ""

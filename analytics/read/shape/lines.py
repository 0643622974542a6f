"""Sentences and numbers broken across lines: the printed lines of a page, exported one per
paragraph ('…公务用车购' / '置及运行费支出决算3.98万元;公务接待费支出决算 1.5万' / '元。'), are
joined back into the paragraph they belong to.

Two rules decide whether a paragraph continues the one before it:

- **It cannot start a paragraph**, in any format: it opens with closing punctuation or a unit
  (',', '。', ')', '”', '%', '万元'), or with a unit or date word right after a number that ends
  the line before ('2019' / '年本部门…', '减少91.91' / '万元', '1.5万' / '元。'), or the line before
  ends with an opening bracket or quote, or is only a heading's or item's number ('三、' /
  '支出决算情况说明').
- **The line before was cut by the page's width**: it does not end a sentence and fills the line.
  A text is *hard-wrapped* when most of its lines have about the same printed width (Chinese
  characters count two, ASCII one); a line of at least
  `FULL_SHARE` of that width is full. PDF text, printed lines by nature, keeps the rule it had: a
  line of `PDF_WRAPPED_LENGTH` characters or more not ending a sentence was wrapped.

Headings ('二、…', '第三部分'), list items ('(一)', '1.', '(2)', '●') and table rows are never
joined to the line before, and a heading that is not full is not joined to the line after. Before
the first sentence of a document ends, a line ending like a title ('…部门预算公开', '…情况说明')
is the title, however long, and is not joined to the line after by its length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from statistics import median

from analytics.model import Block, Paragraph

_ENDS_SENTENCE = re.compile(r"[。!?;:!?;:…]\s*$")
_CANNOT_START = re.compile(r"^\s*(?:[,、。;:!?)\]}”’》〉%]|万元|亿元|个百分点)")
_ENDS_WITH_NUMBER = re.compile(r"\d\s*$")
_AFTER_NUMBER = re.compile(r"^\s*(?:万|亿|千元|元|年|月|日|辆|台|人|个|批|次|%)")
_ENDS_WITH_UNIT_HEAD = re.compile(r"\d\s*[万亿千]\s*$")  # '2.5万' / '元'
# A heading's or item's number alone on its line ('三、' / '支出决算情况说明'): its text follows.
_BARE_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[\(（][一二三四五六七八九十\d]{1,3}[\)）]|\d{1,2}\s*[、．]|"
    r"第[一二三四五六七八九十]{1,3}(?:部分|章|节))\s*$"
)
_OPENS = re.compile(r"[(\[{“‘《〈]\s*$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十]{1,3}部分)")
_ITEM_START = re.compile(
    r"^\s*(?:[\(（]?[一二三四五六七八九十\d]{1,3}[\)）、.．](?!\d)|第[一二三四五六七八九十]{1,3}[部章节]|"
    r"[■●◆◇○·•▲►]|[①-⑳⑴-⒇⒈-⒛]|附件|附表|注[::]|备注)"
)
# How a document's title ends: '…部门预算公开', '…决算情况说明', '…统计表' (spaces after it aside).
_TITLE_ENDINGS = ("公开", "说明", "情况", "报告", "预算", "决算", "目录", "概况", "表", "通知", "公告")


def _ends_like_a_title(text: str) -> bool:
    return text.rstrip().endswith(_TITLE_ENDINGS)


PDF_WRAPPED_LENGTH = 24
"""PDF text: a line of this many non-space characters that does not end a sentence was wrapped."""
FULL_SHARE = 0.75
"""A hard-wrapped text: a line at least this share of the text's line width was cut by the width."""
_MIN_WRAPPED_LINES = 4
_BAND = 0.12  # lines within this share of the common width are 'about the same width'
_MIN_WIDTH = 20  # shorter lines (headings, last lines of paragraphs) say nothing of the width


_OPENS_CONTINUATION = frozenset(",、。;:!?)]}”’》〉%万亿个")  # first characters of what _CANNOT_START matches
_AFTER_NUMBER_FIRST = frozenset("万亿千元年月日辆台人个批次%")
_OPENS_LAST = frozenset("([{“‘《〈")  # an opening bracket or quote ends the line: the text goes on
_NUMBERING_LAST = frozenset("、)）部章节")  # how a bare numbering ('三、', '(二)', '第一部分') ends
_SENTENCE_ENDS = frozenset("。!?;:…!?;:")
_WRAP_CANDIDATE = 17  # characters: a shorter line that ends open is a heading, not a wrapped line


def may_apply(texts: list[str], *, pdf: bool = False) -> bool:
    """Whether paragraphs with these texts may hold a broken line (a quick look): one that starts
    like a continuation, or after an opening bracket or a number, or (in PDF text, or where
    `_MIN_WRAPPED_LINES` long lines end open) a line cut by the width."""
    firsts = [t[:1] for t in texts[1:]]  # the first character of each line after another
    lasts = [t[-1:] for t in texts[:-1]]  # the last character of each line before another
    # One look over all lines for the common shapes (an empty line, '' being in every string of
    # characters below, counts as an opening), then line pairs only where a rarer one may be.
    if "" in lasts or not _OPENS_CONTINUATION.isdisjoint(firsts) or not _OPENS_LAST.isdisjoint(lasts):
        return True
    if "元" in firsts or not _NUMBERING_LAST.isdisjoint(lasts) or not _AFTER_NUMBER_FIRST.isdisjoint(firsts):
        for previous, first, last in zip(texts, firsts, lasts, strict=False):
            if last in _NUMBERING_LAST and _BARE_NUMBERING.match(previous):
                return True
            if (first == "元" and last in "万亿千") or (last.isdigit() and first in _AFTER_NUMBER_FIRST):
                return True
    if pdf:
        return any(len(t) >= _WRAP_CANDIDATE and t[-1:] not in _SENTENCE_ENDS for t in texts)
    # distinct lines that end open and are neither a title ('…情况说明') nor a line of fields ('  ')
    open_lines = {
        t
        for t in texts
        if len(t) >= _WRAP_CANDIDATE
        and t[-1:] not in _SENTENCE_ENDS
        and "  " not in t
        and not _ends_like_a_title(t)
    }
    return len(open_lines) >= _MIN_WRAPPED_LINES


def display_width(text: str) -> int:
    """The printed width of a line: a Chinese character counts two, ASCII one (punctuation that
    was full-width before normalisation counts one: a line holds few).

    >>> display_width("收入12.5万元")
    12
    """
    # a Chinese character is three bytes in UTF-8, ASCII one: (bytes + characters) / 2 counts them 2 and 1
    return (len(text.encode()) + len(text)) // 2


def line_width(blocks: list[Block]) -> int | None:
    """The width a hard-wrapped text was cut at, or None when its paragraphs are not printed lines:
    at least half of the lines (and `_MIN_WRAPPED_LINES`) lie within `_BAND` of the median width,
    and hardly any is much wider."""
    widths = [
        w
        for b in blocks
        if isinstance(b, Paragraph)
        and len(b.text) * 2 >= _MIN_WIDTH
        and (w := display_width(b.text)) >= _MIN_WIDTH
    ]
    if len(widths) < _MIN_WRAPPED_LINES:
        return None
    middle = median(widths)
    near = sum(1 for w in widths if abs(w - middle) <= _BAND * middle)
    wider = sum(1 for w in widths if w > (1 + 2 * _BAND) * middle)
    if near >= _MIN_WRAPPED_LINES and near >= 0.5 * len(widths) and wider <= 0.1 * len(widths):
        return round(middle)
    return None


def is_heading(text: str) -> bool:
    """A section heading: '二、…', '第三部分 …', short and not a sentence."""
    return len(text) <= 60 and bool(_HEADING.match(text)) and not _ends_sentence(text)


def _continues(previous: str, line: str) -> bool:
    """Whether `line` cannot start a paragraph of its own after `previous` (any format)."""
    if _CANNOT_START.match(line) or _BARE_NUMBERING.match(previous):
        return True
    if _OPENS.search(previous):
        return True
    if line.lstrip().startswith("元") and _ENDS_WITH_UNIT_HEAD.search(previous):
        return True
    return bool(_ENDS_WITH_NUMBER.search(previous) and _AFTER_NUMBER.match(line))


def join_broken_lines(blocks: list[Block], *, pdf: bool = False) -> list[Block]:
    """Blocks with the printed lines of one paragraph joined (see the module docstring).

    >>> join_broken_lines([Paragraph("其中本年收入390.55万元,较上年度决算数减少175.26"),
    ...                    Paragraph("万元。"), Paragraph("(二)支出决算情况")])
    [Paragraph(text='其中本年收入390.55万元,较上年度决算数减少175.26万元。'), Paragraph(text='(二)支出决算情况')]
    """
    width: list[int | None] = []  # the text's line width, measured when first needed
    out: list[Block] = []
    in_head = True  # no sentence has ended yet: the lines may be the document's title
    for block in blocks:
        last = out[-1] if out else None
        if isinstance(block, Paragraph) and isinstance(last, Paragraph):
            if _joins(last.text, block.text, lambda: _measured(width, blocks), pdf=pdf, in_head=in_head):
                out[-1] = Paragraph(_join(last.text, block.text))
                continue
            if in_head and _ends_sentence(last.text):
                in_head = False
        out.append(block)
    return out


def _measured(width: list[int | None], blocks: list[Block]) -> int | None:
    if not width:
        width.append(line_width(blocks))
    return width[0]


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in _SENTENCE_ENDS


def _joins(
    previous: str, line: str, width: Callable[[], int | None], *, pdf: bool, in_head: bool = False
) -> bool:
    if _ends_sentence(previous) or "|" in previous or "|" in line:
        return False
    if is_heading(line) or _ITEM_START.match(line):
        return False
    if _continues(previous, line):
        return True
    if in_head and _ends_like_a_title(previous):
        return False  # a title line, however long
    if pdf:  # printed lines by nature: the length rule (a table's caption lines are of one width too)
        return len("".join(previous.split())) >= PDF_WRAPPED_LENGTH and not is_heading(previous)
    cut_at = width()
    if cut_at is not None:
        full = display_width(previous) >= FULL_SHARE * cut_at
        return full and (not is_heading(previous) or display_width(previous) >= 0.9 * cut_at)
    return False


def _join(previous: str, line: str) -> str:
    """Two printed lines as one: a space only where two ASCII words or numbers met at the break."""
    left, right = previous.rstrip(), line.lstrip()
    if (
        left
        and right
        and left[-1].isascii()
        and left[-1].isalnum()
        and right[0].isascii()
        and right[0].isalpha()
    ):
        return f"{left} {right}"
    return left + right

"""Spaces inside phrases: PDFs and text exports scatter spaces through Chinese text ('比上年 增加1.30
万元', '支出决算 0万元', '部 门决算', '合 计'), where written Chinese has none.

A run of spaces goes where a Chinese character or Chinese punctuation stands on either side of it
(',;:!?()' count as Chinese punctuation: normalisation made the full-width ones ASCII), where it
stands before '.' or '%' ('31.88 %' -> '31.88%'), and after an opening bracket. A space between two ASCII words or numbers stays ('2.4 -13%', 'Word 2007'). In a paragraph, a
wide gap (two spaces or more, or a tab) between two fields of a line ('部门:某某局    单位:万元') stays
as it is: it separates, it is not debris. Leading and trailing spaces of a paragraph go. A table
cell the pass rebuilds is one field: every such space inside it goes ('预 算 数', '项   目'), but
it keeps its leading spaces, which carry the indentation of its row.
"""

from __future__ import annotations

import re

from analytics.model import Block, Paragraph

_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’"
# After NFKC the full-width ',;:!?()' of Chinese text are ASCII: they attach on either side too.
_GAP = re.compile(rf"(?<=[{_WIDE},;:!?)\]])[ \t]+|[ \t]+(?=[{_WIDE},.;:!?)\]%])|(?<=[(\[])[ \t]+")
_FIELD_GAP = 2


def squeeze_spaces(text: str, *, keep_fields: bool = True) -> str:
    """Text without the spaces that do not belong in Chinese (see the module docstring); not stripped.

    >>> squeeze_spaces("比上年 增加1.30 万元,下降 31.88 %")
    '比上年增加1.30万元,下降31.88%'
    >>> squeeze_spaces("合计 16.4 -2.4")
    '合计16.4 -2.4'
    """
    if " " not in text and "\t" not in text:
        return text
    return _GAP.sub(_keep_field_gap if keep_fields else "", text)


def _keep_field_gap(match: re.Match[str]) -> str:
    gap = match.group(0)
    return gap if len(gap) >= _FIELD_GAP or "\t" in gap else ""


def squeeze_cell(text: str) -> str:
    """A table cell without stray spaces inside it, its leading spaces (indentation) kept.

    >>> squeeze_cell("  其中: 公务 接待费 ")
    '  其中:公务接待费'
    """
    body = text.lstrip(" ")
    if " " not in body and "\t" not in body:
        return text
    return text[: len(text) - len(body)] + squeeze_spaces(body, keep_fields=False).rstrip()


def squeeze_block_spaces(blocks: list[Block]) -> list[Block]:
    """Paragraphs with their stray spaces removed, and stripped. Tables are left to their readers
    (whose cells are already one field each) and to `squeeze_cell` where the pass builds them."""
    out = list(blocks)
    spaced = [i for i, b in enumerate(blocks) if type(b) is Paragraph and (" " in b.text or "\t" in b.text)]
    for i in spaced:  # most paragraphs have no space: they are not looked at again
        block = blocks[i]
        assert isinstance(block, Paragraph)
        text = squeeze_spaces(block.text).strip()
        if text != block.text:
            out[i] = Paragraph(text)
    return out

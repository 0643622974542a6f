"""The document's top-level sections ('二、部门预算安排的总体情况'), for provenance and for skipping
parts that hold no figures (the glossary).

Text exported from PDFs breaks sentences at the end of each printed line ('支出总计 12,486.35 万' /
'元。收支较上年增加…') and puts page numbers ('- 2 -', '第3页') between them; the lines of such a
paragraph are joined again and page numbers dropped, so that a figure is read with its unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analytics.model import Block, Document, Paragraph

HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.]|第[一二三四五六七八九十]{1,3}部分)\s*\S")
# Sections whose text defines terms or duties rather than stating figures.
NO_FIGURES_RE = re.compile(r"名词解释|术语解释|名词说明|部门职责|机构设置|主要职能|职能职责")


@dataclass
class Section:
    heading: str | None  # None for what stands before the first heading
    blocks: list[Block] = field(default_factory=list)

    @property
    def states_figures(self) -> bool:
        return not (self.heading and NO_FIGURES_RE.search(self.heading))


def is_heading(text: str) -> bool:
    """A top-level heading: '二、…', '十一、…', '第三部分 …' (a short line, not a numbered sentence)."""
    return bool(HEADING_RE.match(text)) and len(text) <= 60 and not text.rstrip().endswith("。")


PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
_ENDS_SENTENCE = re.compile(r"[。!?;:!?;:]\s*$")
_CONTINUES = re.compile(r"^\s*[万元%,、。;:)\]”]")
_ITEM_START = re.compile(
    r"^\s*(?:[\(（]?[一二三四五六七八九十\d]{1,3}[\)）、.．](?!\d)|第[一二三四五六七八九十]{1,3}部分|[■●◆·•-])"
)
_WRAPPED_LENGTH = 24  # a line this long that ends mid-sentence was wrapped by the page


def _joins(previous: str, line: str) -> bool:
    """Whether `line` continues the sentence that `previous` (a wrapped printed line) broke off."""
    if not previous or _ENDS_SENTENCE.search(previous) or is_heading(previous) or is_heading(line):
        return False
    if _CONTINUES.match(line):
        return True
    return len(re.sub(r"\s", "", previous)) >= _WRAPPED_LENGTH and not _ITEM_START.match(line)


def join_broken_lines(blocks: list[Block]) -> list[Block]:
    """Blocks with page-number lines dropped and the printed lines of one paragraph joined."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if PAGE_NUMBER_RE.match(block.text):
                continue
            last = out[-1] if out else None
            if isinstance(last, Paragraph) and _joins(last.text, block.text):
                out[-1] = Paragraph(last.text.rstrip() + block.text.lstrip())
                continue
        out.append(block)
    return out


def split_sections(document: Document) -> list[Section]:
    """The document's blocks grouped under their top-level headings (broken lines joined)."""
    sections = [Section(None)]
    for block in join_broken_lines(document.blocks):
        if isinstance(block, Paragraph) and is_heading(block.text):
            sections.append(Section(block.text.strip()))
        else:
            sections[-1].blocks.append(block)
    return sections

"""The document's top-level sections ('二、部门预算安排的总体情况'), for provenance and for skipping
parts that hold no figures (the glossary).

The blocks arrive in shape: page numbers dropped and the printed lines of a paragraph joined by the
read stage's normalisation pass (`analytics.read.shape`).
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


def split_sections(document: Document) -> list[Section]:
    """The document's blocks grouped under their top-level headings."""
    sections = [Section(None)]
    for block in document.blocks:
        if isinstance(block, Paragraph) and is_heading(block.text):
            sections.append(Section(block.text.strip()))
        else:
            sections[-1].blocks.append(block)
    return sections

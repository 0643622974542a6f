"""A table rebuilt from flattened lines, as a block: what the rebuilding steps share (the lines they
look at, the block they make with its caption from the lines above it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analytics.model import Block, Paragraph, Table
from analytics.read.shape.grid import Rows, without_empty_columns, without_row_numbers
from analytics.read.shape.spaces import squeeze_cell, squeeze_spaces

CAPTION = re.compile(
    r"(?:^|[\s(（])(?:金额)?单位\s*[:：]|^附[件表]\s*\d*\s*[:：]?\s*$|表\s*$|^表\s*\d+|^(?:部门|单位|编制单位|单位名称)\s*[:：]"
)
SENTENCE = re.compile(r"[。;!?]|,(?!\d{3})")  # a comma between digits separates thousands
SHORT = 40  # characters: longer lines are not cells
FIGURE_ENDS = frozenset("0123456789%-—")  # how a row of space-aligned figures ends
GLUED_FIGURE = re.compile(r"[\u3400-\u9fff)”](\d[\d,]*\.\d+)$")
CHANGE_WORD = re.compile(r"增加|减少|增长|下降|降低|上升|较|比|为|共|计")


@dataclass
class Found:
    end: int  # the index after the last block used
    blocks: list[Block]


def text_of(block: Block) -> str | None:
    return block.text if isinstance(block, Paragraph) else None


def is_cell_line(block: Block) -> bool:
    """A short line that is no sentence: a figure, or a label of two characters or more (a single
    character per line is text set vertically, not a table)."""
    text = text_of(block)
    if text is None or not 0 < len(text) <= SHORT or "|" in text or SENTENCE.search(text):
        return False
    return len(text.strip()) >= 2 or text.strip().isdigit()


def rebuilt_table(
    rows: Rows, out: list[Block], captions: list[str], loose: Rows | None = None
) -> list[Block]:
    """The Table block for rebuilt rows (and the `loose` rows that lost their empty cells). Its
    caption: the caption lines right above the table (a title, a unit line: they stay paragraphs
    too), then the `captions` found among its cells."""
    above: list[str] = []
    for block in reversed(out[-2:]):
        text = text_of(block)
        if text is None or not CAPTION.search(text) or len(text) > 2 * SHORT:
            break
        above.insert(0, text.strip())
    lines = [*above, *(c.strip() for c in captions if c.strip() not in above)]
    rows = without_empty_columns(without_row_numbers(rows))
    cells = tuple(tuple(squeeze_cell(c) for c in r) for r in rows)
    caption = "\n".join(squeeze_spaces(line).strip() for line in lines) or None
    kept = tuple(tuple(squeeze_cell(c) for c in r if c.strip()) for r in loose or ())
    return [Table(rows=cells, caption=caption, loose=kept)]

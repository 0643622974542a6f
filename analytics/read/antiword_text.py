"""Blocks from antiword's text output (`antiword -w 0 -m UTF-8.txt`), for legacy Word .doc files.

antiword writes each paragraph on one line (with `-w 0`) and each table row as `|cell|cell|`, every
cell padded to its column's width in display columns (a Chinese character counts two). Two things
need undoing:

- Cell text that does not fit its column wraps onto extra lines of the same shape. A line is taken as
  the continuation of the one above when it has the same cell boundaries and text only in cells whose
  cell above was filled to its width; its text is appended to those cells.
- A merged cell is one wide cell. The boundaries of all rows of a table together give its grid; a
  cell covering several grid columns is read once, '' in the positions it spans.

A table's first row that is one cell is its caption, as in the other readers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from analytics.model import Block, Paragraph
from analytics.read.blocks import SpanGrid, cell_text, paragraph_text, table_block

_BAR_TOLERANCE = 2


@dataclass
class _Line:
    """A table line: its cells' text and the display columns where its bars stand."""

    cells: list[str]
    bars: list[int]
    last: list[str]  # the cells as on the row's latest line (its continuation, if any)

    def full(self, index: int) -> bool:
        """Whether cell `index` was filled to its column's width on the row's latest line (so its
        text may go on below)."""
        width = self.bars[index + 1] - self.bars[index] - 1
        return bool(self.last[index].strip()) and display_width(self.last[index].rstrip()) >= width - 1


def antiword_blocks(text: str) -> list[Block]:
    """Paragraphs and tables from antiword's output.

    >>> antiword_blocks("说明\\n|项目    |金额    |\\n|公务接待|1.36    |\\n|费      |        |\\n")
    [Paragraph(text='说明'), Table(rows=(('项目', '金额'), ('公务接待费', '1.36')), caption=None)]
    """
    blocks: list[Block] = []
    table: list[_Line] = []
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        if len(line) >= 2 and line.startswith("|") and line.rstrip().endswith("|"):
            table.append(_parse(line.rstrip()))
            continue
        if table:
            blocks.extend(_table(table))
            table = []
        paragraph = paragraph_text(line)
        if paragraph:
            blocks.append(Paragraph(paragraph))
    if table:
        blocks.extend(_table(table))
    return blocks


def display_width(text: str) -> int:
    """Width in terminal columns: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _parse(line: str) -> _Line:
    cells = line[1:-1].split("|")
    bars = [0]
    for cell in cells:
        bars.append(bars[-1] + display_width(cell) + 1)
    return _Line(cells=cells, bars=bars, last=cells)


def _table(lines: list[_Line]) -> list[Block]:
    rows: list[_Line] = []
    for line in lines:
        previous = rows[-1] if rows else None
        if previous is not None and _continues(previous, line):
            previous.cells = [
                above.rstrip() + below.rstrip() if below.strip() else above
                for above, below in zip(previous.cells, line.cells, strict=True)
            ]
            previous.last = line.cells
        else:
            rows.append(line)
    column_of = _columns(sorted({bar for row in rows for bar in row.bars}))
    grid = SpanGrid()
    for r, row in enumerate(rows):
        for i, cell in enumerate(row.cells):
            start = column_of[row.bars[i]]
            end = column_of[row.bars[i + 1]]
            grid.place(r, start, cell_text(cell), colspan=max(1, end - start))
    block = table_block(grid.rows(), first_row_is_one_cell=len(rows[0].cells) == 1)
    return [block] if block is not None else []


def _columns(bars: list[int]) -> dict[int, int]:
    """Grid column index for each bar position. Positions a column or two apart are one boundary:
    antiword counts the width of some characters (curly quotes, ①) differently from row to row."""
    column_of: dict[int, int] = {}
    column = -1
    previous: int | None = None
    for bar in bars:
        if previous is None or bar - previous > _BAR_TOLERANCE:
            column += 1
        column_of[bar] = column
        previous = bar
    return column_of


def _continues(above: _Line, line: _Line) -> bool:
    """Whether `line` carries on the cells of `above` (see the module docstring)."""
    if line.bars != above.bars:
        return False
    filled = [i for i, cell in enumerate(line.cells) if cell.strip()]
    return bool(filled) and all(above.full(i) for i in filled)

"""Building blocks every reader shares: cell and paragraph text, and the one rule for turning rows
into a block, so that every format gives the same shapes for the same content.

- A paragraph is normalised and stripped; an empty one is no block.
- A cell is normalised with its trailing whitespace dropped and its leading whitespace kept: indented
  labels ('  开展科普活动') carry the hierarchy of the rows.
- A table's first row that is one cell (a merged title row such as '部门固定资产占用情况表') is the
  table's caption, not data; a table that is one cell is a paragraph.
- Merged cells are read once: the text sits in the first position of the span and the other positions
  hold '' (see `SpanGrid`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from analytics.model import Block, Paragraph, Table
from analytics.read.characters import normalise


def paragraph_text(raw: str) -> str:
    """The text of a paragraph as readers hand it on: normalised and stripped.

    >>> paragraph_text("　２０１７年，我单位“三公”经费預算２２万元。 ")
    '2017年,我单位“三公”经费预算22万元。'
    """
    return normalise(raw).strip()


def cell_text(raw: str) -> str:
    """The text of a table cell: normalised, trailing whitespace dropped, leading indentation kept.

    >>> cell_text("　　公务接待费 ")
    '  公务接待费'
    """
    text = normalise(raw).rstrip()
    return "" if not text.strip() else text


def table_block(
    rows: Sequence[Sequence[str]], *, first_row_is_one_cell: bool, caption: str | None = None
) -> Block | None:
    """The block for a table's rows (cells already through `cell_text`), or None for no rows.

    `first_row_is_one_cell` says that the source's first row is a single (merged) cell: when the
    table has more rows, that cell's text becomes the caption (replacing `caption`, e.g. a sheet
    name). A table of one cell is a Paragraph (a framed line of text), or nothing when it is empty.

    >>> table_block([["部门固定资产占用情况表", ""], ["项目", "数量"]], first_row_is_one_cell=True)
    Table(rows=(('项目', '数量'),), caption='部门固定资产占用情况表')
    """
    if not rows:
        return None
    if len(rows) == 1 and len(rows[0]) == 1:
        text = rows[0][0].strip()
        return Paragraph(text) if text else None
    if first_row_is_one_cell and len(rows) > 1 and rows[0] and rows[0][0].strip():
        return Table(rows=tuple(tuple(row) for row in rows[1:]), caption=rows[0][0].strip())
    return Table(rows=tuple(tuple(row) for row in rows), caption=caption)


class SpanGrid:
    """Rows of cells placed on a grid with column and row spans, read once: a span's text goes to
    its top-left position and every other position it covers is ''. Used by the formats whose
    tables carry spans (Word, HTML, PDF grids, spreadsheets).

    >>> grid = SpanGrid()
    >>> grid.place(0, 0, "公务用车购置及运行费", colspan=3)
    >>> grid.place(1, 0, "小计"); grid.place(1, 1, "购置费"); grid.place(1, 2, "运行费")
    >>> grid.rows()
    [['公务用车购置及运行费', '', ''], ['小计', '购置费', '运行费']]
    """

    def __init__(self) -> None:
        self._texts: dict[int, dict[int, str]] = {}  # row -> column -> the text placed there
        self._covered: dict[int, set[int]] = {}  # row -> the columns covered (placed or spanned)
        self._height = 0
        self._width = 0

    def next_free(self, row: int, column: int) -> int:
        """The first column at or after `column` in `row` not covered by an earlier span."""
        covered = self._covered.get(row)
        if covered:
            while column in covered:
                column += 1
        return column

    def place(self, row: int, column: int, text: str, *, colspan: int = 1, rowspan: int = 1) -> None:
        """Put `text` at (row, column), covering `colspan` x `rowspan` positions."""
        if colspan == 1 and rowspan == 1:  # most cells
            self._covered.setdefault(row, set()).add(column)
        else:
            colspan, rowspan = max(1, colspan), max(1, rowspan)
            for r in range(row, row + rowspan):
                self._covered.setdefault(r, set()).update(range(column, column + colspan))
        self._texts.setdefault(row, {})[column] = text
        if row >= self._height:  # a rowspan past the last row adds no rows
            self._height = row + 1
        if column + colspan > self._width:
            self._width = column + colspan

    def place_row(self, row: int, cells: Iterable[tuple[str, int, int]]) -> None:
        """Place a row's cells, (text, colspan, rowspan) each, from the left: each at the first
        column not covered (`next_free`) from where the cell before it ends. (`place` in a loop.)"""
        covered = self._covered.setdefault(row, set())
        texts = self._texts.setdefault(row, {})
        column = 0
        for text, colspan, rowspan in cells:
            while column in covered:
                column += 1
            if colspan == 1 and rowspan == 1:  # most cells
                covered.add(column)
                texts[column] = text
                column += 1
                if row >= self._height:
                    self._height = row + 1
                if column > self._width:
                    self._width = column
            else:
                self.place(row, column, text, colspan=colspan, rowspan=rowspan)
                column += max(1, colspan)

    def rows(self) -> list[list[str]]:
        """The grid as rectangular rows of cell text ('' where nothing was placed)."""
        width = self._width
        return [
            [texts.get(c, "") for c in range(width)] if (texts := self._texts.get(r)) else [""] * width
            for r in range(self._height)
        ]

"""Reader for plain text (format 'text'), rebuilding the tables that text exports flatten.

Two table shapes are recognised, because they are unambiguous:

- Word's "save as plain text": every table cell on its own line, prefixed by a tab (an empty cell is
  a line holding just a tab), a blank line after each row. The table ends at the first line that is
  neither blank nor tab-prefixed.
- Pipe rows, `| a | b |` (Markdown and similar); `|---|:--:|` separator lines are skipped. A table
  ends at the first line that is not a pipe row. A line of bare pipes ('||') outside such a table
  is a paragraph: it is the empty cells of a table flattened one cell per line, which the shape
  pass (`analytics.read.shape`) rebuilds.

Everything else that is not blank is a paragraph, one per line. Columns aligned with spaces are not
guessed into tables. Word's `[bookmark: _Toc471398463]` markers are dropped wherever they stand.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from analytics.model import Block, Document, Paragraph, Table
from analytics.read.characters import normalise, split_lines
from analytics.read.decoding import MIXED_ENCODING, decode

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
_PIPES = "|｜"  # the full-width bar is a pipe too (NFKC makes it one)
_PIPE_SPLIT = re.compile(f"[{re.escape(_PIPES)}]")
_SEPARATOR_CELL = re.compile(r":?-+:?")
_PADDING = " \t"  # only ASCII padding is stripped from pipe cells: ideographic spaces are indentation


def read_text(data: bytes, source_path: str) -> Document:
    """Read a plain-text file into a Document of paragraphs and tables (format 'text').

    The encoding is detected (see `analytics.read.decoding.decode`) and every paragraph and cell is
    normalised (`analytics.read.characters.normalise`). `Document.notes` says how many Word bookmark
    markers were dropped, how many byte sequences could not be decoded (kept as U+FFFD), and whether
    the file mixes UTF-8 and GB18030 lines.
    """
    text, encoding = decode(data)
    text, bookmarks = _BOOKMARK.subn("", text)
    notes = []
    if damaged := text.count("\ufffd"):
        notes.append(f"{damaged} undecodable byte sequence(s) in the file, shown as U+FFFD")
    if bookmarks:
        notes.append(f"dropped {bookmarks} Word bookmark marker(s) like '[bookmark: _GoBack]'")
    if encoding == MIXED_ENCODING:
        notes.append("the file mixes UTF-8 and GB18030 text (pasted from two sources?): decoded line by line")
    return Document(
        source_path=source_path,
        format="text",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=parse_blocks(text),
        encoding=encoding,
        notes=notes,
    )


def parse_blocks(text: str) -> list[Block]:
    """Split decoded text into paragraphs and tables (see the module docstring for the rules).

    >>> parse_blocks("收支总表\\n\\t项目\\n\\t金额\\n\\n\\t　　科普活动\\n\\t１９．００\\n\\n说明")
    [Paragraph(text='收支总表'), Table(rows=(('项目', '金额'), ('  科普活动', '19.00')), caption=None), \
Paragraph(text='说明')]
    """
    builder = _BlockBuilder()
    pipes = any(pipe in text for pipe in _PIPES)  # else no line is a pipe row: none need be looked at
    for line in split_lines(text):
        if not line:
            builder.blank()
        elif line[0] == "\t":
            builder.tab_cell(normalise(line[1:]).rstrip())
        elif (
            pipes
            and (cells := _pipe_cells(line)) is not None
            and (builder.shape == "pipe" or not cells or any(cells))
        ):
            builder.pipe_row(cells)
        elif paragraph := normalise(line).strip():
            builder.paragraph(paragraph)
        else:
            builder.blank()
    return builder.finish()


def _pipe_cells(line: str) -> list[str] | None:
    """The normalised cells of a `| a | b |` line, [] for a `|---|---|` separator, None otherwise."""
    stripped = line.strip()
    if len(stripped) < 2 or stripped[0] not in _PIPES or stripped[-1] not in _PIPES:
        return None
    inner = stripped[1:-1]
    raw_cells = _PIPE_SPLIT.split(inner) if "｜" in inner else inner.split("|")  # str.split: 3x faster
    if "-" in stripped and all(_SEPARATOR_CELL.fullmatch(cell.strip()) for cell in raw_cells):
        return []
    return [normalise(cell.strip(_PADDING)).rstrip() for cell in raw_cells]


@dataclass
class _BlockBuilder:
    """Collects blocks line by line; a table in progress is either tab-cell or pipe shaped."""

    blocks: list[Block] = field(default_factory=list)
    rows: list[tuple[str, ...]] = field(default_factory=list)
    row: list[str] = field(default_factory=list)  # cells of the tab-table row in progress
    shape: str | None = None  # 'tab' or 'pipe' while a table is in progress

    def tab_cell(self, cell: str) -> None:
        if self.shape != "tab":
            self._end_table()
            self.shape = "tab"
        self.row.append(cell)

    def pipe_row(self, cells: list[str]) -> None:
        if self.shape != "pipe":
            self._end_table()
            self.shape = "pipe"
        if cells:  # a separator line adds no row
            self.rows.append(tuple(cells))

    def blank(self) -> None:
        if self.shape == "tab":
            self._end_row()
        elif self.shape == "pipe":
            self._end_table()

    def paragraph(self, text: str) -> None:
        self._end_table()
        self.blocks.append(Paragraph(text))

    def finish(self) -> list[Block]:
        self._end_table()
        return self.blocks

    def _end_row(self) -> None:
        if self.row:
            self.rows.append(tuple(self.row))
            self.row = []

    def _end_table(self) -> None:
        if self.shape is None:  # no table in progress (its rows are only collected with a shape)
            return
        self._end_row()
        block = _table(self.rows)
        if block is not None:
            self.blocks.append(block)
        self.rows = []
        self.shape = None


def _table(rows: list[tuple[str, ...]]) -> Block | None:
    """A Table from its rows; a lone cell is a Paragraph, and a one-cell first row is the caption.

    Word exports a table's merged title row (e.g. '部门固定资产占用情况表') as a single cell; that is
    the table's caption, not data.
    """
    if not rows:
        return None
    if len(rows) == 1 and len(rows[0]) == 1:
        text = rows[0][0].strip()
        return Paragraph(text) if text else None
    if len(rows) > 1 and len(rows[0]) == 1 and rows[0][0].strip():
        return Table(rows=tuple(rows[1:]), caption=rows[0][0].strip())
    return Table(rows=tuple(rows))

"""Tables laid out without borders: lines of several segments with figures -> rows of cells.

A line is a table row when it has at least two segments (see `Line.segments`) and one of them is a
number. Two or more such lines in a row, close together, are a table; a line between or after them
that only carries on cells filled to their column's width above it (wrapped labels) joins those
cells. Its columns are the runs of x
covered by the segments of those rows; up to three lines of several segments straight above are
its header rows, each header segment in the first column it covers (read once, as merged cells are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analytics.model import Table
from analytics.read.blocks import cell_text
from analytics.read.pdf_lines import Line
from analytics.read.pdf_text import tidy

_NUMBER = re.compile(r"[-+]?\(?[\d,]*\d(?:\.\d+)?\)?%?|[-—]")
_MAX_HEADER_LINES = 3
_ROW_GAP = 2.5  # line heights: rows of one table stand closer than this


@dataclass
class FoundTable:
    """A borderless table found among a page's lines: the lines it takes (start, end) and its rows."""

    start: int
    end: int
    table: Table


def find_borderless_tables(lines: list[Line]) -> list[FoundTable]:
    """Borderless tables among a page's lines (top to bottom), as (first line, past-last line, table)."""
    segments = [line.segments() for line in lines]
    is_row = [len(parts) >= 2 and any(_is_number(part) for part in parts) for parts in segments]
    found: list[FoundTable] = []
    i = 0
    while i < len(lines):
        if not is_row[i]:
            i += 1
            continue
        members = [i]
        end = i + 1
        while end < len(lines) and _close(lines[end - 1], lines[end]):
            if not is_row[end] and not _wraps(segments, members, end):
                break
            members.append(end)
            end += 1
        if sum(is_row[k] for k in members) >= 2:
            columns = _columns([part for k in members if is_row[k] for part in segments[k]])
            if len(columns) >= 2:
                start = i
                floor = found[-1].end if found else 0
                while (
                    start > floor
                    and i - start < _MAX_HEADER_LINES
                    and len(segments[start - 1]) >= 2
                    and _close(lines[start - 1], lines[start])
                ):
                    start -= 1
                rows: list[list[str]] = [_row(segments[k], columns) for k in range(start, i)]
                for k in members:
                    cells = _row(segments[k], columns)
                    if is_row[k]:
                        rows.append(cells)
                    else:  # wrapped cell text: it goes on in the row above
                        rows[-1] = [above + below for above, below in zip(rows[-1], cells, strict=True)]
                table = Table(rows=tuple(tuple(cell_text(cell) for cell in row) for row in rows))
                found.append(FoundTable(start, end, table))
        i = end
    return found


def _wraps(segments: list[list[Line]], members: list[int], index: int) -> bool:
    """Whether line `index` holds only the wrapped ends of cells of the line above: each of its
    segments starts where a segment above starts, and that one filled its column."""
    above = segments[members[-1]]
    for part in segments[index]:
        if _is_number(part):
            return False
        over = next((p for p in above if abs(p.x0 - part.x0) <= p.height), None)
        if over is None:
            return False
        widest = max(
            (p.x1 for k in members for p in segments[k] if abs(p.x0 - over.x0) <= over.height),
            default=over.x1,
        )
        if over.x1 < widest - over.height:
            return False
    return True


def _is_number(segment: Line) -> bool:
    return _NUMBER.fullmatch(tidy(segment.text()).replace(" ", "")) is not None


def _close(above: Line, below: Line) -> bool:
    return above.y0 - below.y1 <= _ROW_GAP * max(above.height, below.height)


def _columns(parts: list[Line]) -> list[tuple[float, float]]:
    """The x ranges the segments cover, overlapping ranges merged: the table's columns."""
    spans = sorted((part.x0, part.x1) for part in parts)
    columns: list[tuple[float, float]] = []
    for low, high in spans:
        if columns and low <= columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], high))
        else:
            columns.append((low, high))
    return columns


def _row(parts: list[Line], columns: list[tuple[float, float]]) -> list[str]:
    cells = [""] * len(columns)
    for part in parts:
        overlaps = [min(high, part.x1) - max(low, part.x0) for low, high in columns]
        best = max(
            range(len(columns)), key=lambda j: (overlaps[j] > 0, -j if overlaps[j] > 0 else overlaps[j])
        )
        text = tidy(part.text())
        cells[best] = text if not cells[best] else cells[best] + " " + text
    return cells

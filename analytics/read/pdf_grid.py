"""Tables drawn with borders: ruling lines -> grids -> rows of cells.

Ruling lines that touch form a group; a group with at least two horizontal and two vertical lines
and more than one cell is a table grid. Its columns are the distinct x of its vertical lines, its
rows the distinct y of its horizontal lines. Two neighbouring grid cells with no line between them
are one merged cell: its text is read once, in its top-left position, '' in the others. Characters
are put in the cell their centre falls in; a cell's lines join as in a paragraph.

Leading indentation is kept where the geometry shows it, one space per character height: a one-line
left-aligned label set further right than the leftmost such label of its column, or a wrapped cell
whose first line starts further right than the lines below it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from analytics.model import Block
from analytics.read.blocks import SpanGrid, cell_text, table_block
from analytics.read.pdf_lines import group_lines
from analytics.read.pdf_page import Char, Rule
from analytics.read.pdf_text import join_lines, tidy

TOLERANCE = 2.0  # points: lines this close are one line; a line ending this short of another touches it
_MAX_RULES = 3000  # more is a drawing, not tables: grids are not looked for


@dataclass
class Grid:
    """A table's grid: column edges left to right, row edges top to bottom, and its lines."""

    xs: list[float]
    ys: list[float]
    horizontal: list[Rule]
    vertical: list[Rule]
    chars: list[Char] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, char: Char) -> bool:
        return self.xs[0] <= char.cx <= self.xs[-1] and self.ys[-1] <= char.cy <= self.ys[0]

    def cell_of(self, char: Char) -> tuple[int, int]:
        column = min(max(bisect_right(self.xs, char.cx) - 1, 0), len(self.xs) - 2)
        descending = [-y for y in self.ys]
        row = min(max(bisect_right(descending, -char.cy) - 1, 0), len(self.ys) - 2)
        return row, column


def find_grids(rules: list[Rule]) -> list[Grid]:
    """The table grids the ruling lines of a page form, top to bottom."""
    horizontal = _merge([rule for rule in rules if rule.horizontal], horizontal=True)
    vertical = _merge([rule for rule in rules if not rule.horizontal], horizontal=False)
    if not horizontal or not vertical or len(horizontal) + len(vertical) > _MAX_RULES:
        return []
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if h.x0 - TOLERANCE <= v.x0 <= h.x1 + TOLERANCE and v.y0 - TOLERANCE <= h.y0 <= v.y1 + TOLERANCE:
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = defaultdict(lambda: ([], []))
    for i, h in enumerate(horizontal):
        groups[find(i)][0].append(h)
    for j, v in enumerate(vertical):
        groups[find(len(horizontal) + j)][1].append(v)
    grids = []
    for hs, vs in groups.values():
        xs = _distinct(sorted(v.x0 for v in vs))
        ys = _distinct(sorted((h.y0 for h in hs), reverse=True))
        if len(xs) >= 2 and len(ys) >= 2 and (len(xs) - 1) * (len(ys) - 1) >= 2:
            grids.append(Grid(xs=xs, ys=ys, horizontal=hs, vertical=vs))
    return sorted(grids, key=lambda grid: -grid.top)


def grid_block(grid: Grid) -> Block | None:
    """The Table (or Paragraph, or nothing) the grid and its characters make."""
    anchors = _anchors(grid)
    by_anchor: dict[tuple[int, int], list[Char]] = defaultdict(list)
    for char in grid.chars:
        by_anchor[anchors[grid.cell_of(char)]].append(char)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for (row, column), anchor in anchors.items():
        height, width = spans.get(anchor, (1, 1))
        spans[anchor] = (max(height, row - anchor[0] + 1), max(width, column - anchor[1] + 1))
    texts: dict[tuple[int, int], str] = {}
    offsets: dict[tuple[int, int], tuple[float, float]] = {}  # left-aligned cells: (offset, height)
    for anchor, chars in by_anchor.items():
        lines = group_lines(chars)
        texts[anchor] = tidy(join_lines([line.text() for line in lines]))
        first = lines[0]
        if len(lines) > 1:  # wrapped text: the first line's indent against the lines below
            hanging = first.x0 - min(line.x0 for line in lines[1:])
            if hanging > 0.5 * first.height:
                texts[anchor] = " " * round(hanging / first.height) + texts[anchor]
            continue
        left = first.x0 - grid.xs[anchor[1]]
        right = grid.xs[anchor[1] + spans[anchor][1]] - first.x1
        if left < right:  # not centred, not right-aligned: an offset here is indentation
            offsets[anchor] = (left, first.height)
    lowest: dict[int, float] = {}
    for (_, column), (offset, _) in offsets.items():
        lowest[column] = min(offset, lowest.get(column, offset))
    table = SpanGrid()
    for anchor, (rowspan, colspan) in sorted(spans.items()):
        text = texts.get(anchor, "")
        if anchor in offsets and text:
            offset, char_height = offsets[anchor]
            text = " " * max(0, round((offset - lowest[anchor[1]]) / char_height)) + text
        table.place(anchor[0], anchor[1], cell_text(text), colspan=colspan, rowspan=rowspan)
    first_row = [anchor for anchor in spans if anchor[0] == 0]
    one_cell = len(first_row) == 1 and spans[first_row[0]][1] == len(grid.xs) - 1
    return table_block(table.rows(), first_row_is_one_cell=one_cell)


def _anchors(grid: Grid) -> dict[tuple[int, int], tuple[int, int]]:
    """For each grid cell, the top-left cell of the merged cell it belongs to."""
    rows, columns = len(grid.ys) - 1, len(grid.xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(columns)}

    def find(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)

    for r in range(rows):
        middle_y = (grid.ys[r] + grid.ys[r + 1]) / 2
        for c in range(columns):
            middle_x = (grid.xs[c] + grid.xs[c + 1]) / 2
            if c + 1 < columns and not _covered(grid.vertical, grid.xs[c + 1], middle_y, vertical=True):
                union((r, c), (r, c + 1))
            if r + 1 < rows and not _covered(grid.horizontal, grid.ys[r + 1], middle_x, vertical=False):
                union((r, c), (r + 1, c))
    return {cell: find(cell) for cell in parent}


def _covered(rules: list[Rule], at: float, middle: float, *, vertical: bool) -> bool:
    """Whether a line at `at` (x for vertical lines, y for horizontal ones) passes `middle`."""
    for rule in rules:
        if (
            vertical
            and abs(rule.x0 - at) <= TOLERANCE
            and rule.y0 - TOLERANCE <= middle <= rule.y1 + TOLERANCE
        ):
            return True
        if (
            not vertical
            and abs(rule.y0 - at) <= TOLERANCE
            and rule.x0 - TOLERANCE <= middle <= rule.x1 + TOLERANCE
        ):
            return True
    return False


def _merge(rules: list[Rule], *, horizontal: bool) -> list[Rule]:
    """Collinear lines that overlap or nearly touch, as one line each (double borders become one)."""

    def position(rule: Rule) -> float:
        return rule.y0 if horizontal else rule.x0

    clusters: list[list[Rule]] = []
    for rule in sorted(rules, key=position):
        if clusters and position(rule) - position(clusters[-1][0]) <= TOLERANCE:
            clusters[-1].append(rule)
        else:
            clusters.append([rule])
    merged: list[Rule] = []
    for cluster in clusters:
        at = sum(position(rule) for rule in cluster) / len(cluster)
        spans = sorted((rule.x0, rule.x1) if horizontal else (rule.y0, rule.y1) for rule in cluster)
        start, end = spans[0]
        for low, high in [*spans[1:], (float("inf"), float("inf"))]:
            if low <= end + TOLERANCE:
                end = max(end, high)
                continue
            merged.append(Rule(start, at, end, at) if horizontal else Rule(at, start, at, end))
            start, end = low, high
    return merged


def _distinct(values: list[float]) -> list[float]:
    """Values with those within TOLERANCE of the previous one dropped."""
    kept: list[float] = []
    for value in values:
        if not kept or abs(value - kept[-1]) > TOLERANCE:
            kept.append(value)
    return kept

"""The blocks every reader shares: the span grid against its definition."""

from __future__ import annotations

import random

from analytics.read.blocks import SpanGrid


class _GridByDefinition:
    """Every position a span covers in one set, the texts by position: what SpanGrid must give."""

    def __init__(self) -> None:
        self.texts: dict[tuple[int, int], str] = {}
        self.covered: set[tuple[int, int]] = set()
        self.height = self.width = 0

    def next_free(self, row: int, column: int) -> int:
        while (row, column) in self.covered:
            column += 1
        return column

    def place(self, row: int, column: int, text: str, colspan: int, rowspan: int) -> None:
        colspan, rowspan = max(1, colspan), max(1, rowspan)
        self.covered |= {(r, c) for r in range(row, row + rowspan) for c in range(column, column + colspan)}
        self.texts[(row, column)] = text
        self.height = max(self.height, row + 1)  # a rowspan past the last row adds no rows
        self.width = max(self.width, column + colspan)

    def rows(self) -> list[list[str]]:
        return [[self.texts.get((r, c), "") for c in range(self.width)] for r in range(self.height)]


def test_the_span_grid_places_cells_as_its_definition_says() -> None:
    # rows placed cell by cell or at once, in order or not, with spans of every size (0 and -1 are 1)
    rng = random.Random(5)
    for _ in range(1000):
        grid, reference = SpanGrid(), _GridByDefinition()
        for r in range(rng.randint(0, 6)):
            row = r if rng.random() < 0.8 else rng.randint(0, 6)
            cells = [
                (f"{row}.{i}", rng.choice([1, 1, 1, 2, 3, 0, -1]), rng.choice([1, 1, 1, 2, 4, 0]))
                for i in range(rng.randint(0, 5))
            ]
            if rng.random() < 0.5:
                grid.place_row(row, cells)
            else:
                column = 0
                for text, colspan, rowspan in cells:
                    column = grid.next_free(row, column)
                    grid.place(row, column, text, colspan=colspan, rowspan=rowspan)
                    column += max(1, colspan)
            column = 0
            for text, colspan, rowspan in cells:
                column = reference.next_free(row, column)
                reference.place(row, column, text, colspan, rowspan)
                column += max(1, colspan)
        assert grid.rows() == reference.rows()

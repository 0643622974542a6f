"""Characters -> text lines -> segments: the reading order of a PDF page rebuilt from geometry, so
that characters drawn out of order (quote marks in another font, text objects written in any
order) still read in place.

A line is the characters whose vertical extents overlap by at least half; it reads left to right.
A segment is a run of a line's characters without a gap wider than SEGMENT_GAP character heights:
table cells laid out without borders are segments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from analytics.read.pdf_page import Char
from analytics.read.pdf_text import chars_text

SEGMENT_GAP = 1.2  # character heights: a wider gap on a line separates cells of a borderless table


@dataclass
class Line:
    """Characters on one line, left to right."""

    chars: list[Char]  # not changed once the line is made: its extent is worked out once

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @cached_property
    def x1(self) -> float:
        return max(char.x1 for char in self.chars)

    @cached_property
    def y0(self) -> float:
        return min(char.y0 for char in self.chars)

    @cached_property
    def y1(self) -> float:
        return max(char.y1 for char in self.chars)

    @cached_property
    def height(self) -> float:
        heights = sorted(char.y1 - char.y0 for char in self.chars)
        middle = len(heights) // 2
        return heights[middle] if len(heights) % 2 else (heights[middle - 1] + heights[middle]) / 2

    def text(self) -> str:
        return chars_text(self.chars)

    def segments(self) -> list[Line]:
        """The line split where characters stand more than SEGMENT_GAP heights apart."""
        parts: list[Line] = []
        current: list[Char] = []
        for char in self.chars:
            if current and char.x0 - current[-1].x1 > SEGMENT_GAP * max(char.height, current[-1].height):
                parts.append(Line(current))
                current = []
            current.append(char)
        if current:
            parts.append(Line(current))
        return parts


def group_lines(chars: Iterable[Char]) -> list[Line]:
    """Characters grouped into lines, top to bottom, each left to right."""
    ordered = sorted(chars, key=lambda char: -(char.y0 + char.y1))
    lines: list[list[Char]] = []
    top = bottom = 0.0
    for char in ordered:  # plain comparisons: this runs once per character of every page
        y0, y1 = char.y0, char.y1
        if lines:
            overlap = (top if top < y1 else y1) - (bottom if bottom > y0 else y0)
            spread = top - bottom
            if overlap >= 0.5 * (y1 - y0 if y1 - y0 < spread else spread):
                lines[-1].append(char)
                if y1 > top:
                    top = y1
                if y0 < bottom:
                    bottom = y0
                continue
        lines.append([char])
        top, bottom = y1, y0
    return [Line(sorted(line, key=lambda char: char.x0)) for line in lines]

"""What the PDF reader takes from one page through pypdfium2: the characters with their boxes, and the
ruling lines (table borders) drawn on it. Coordinates are PDF points, y growing upwards.

Characters come from the text page with their loose boxes (the font's full height, so that all
characters of a line share one height); whitespace, including the spaces pdfium makes up between
words, is left out: the layout puts spaces back where the geometry says so.

Ruling lines are path objects: thin ones (at most 2.5 pt across) drawn filled or stroked, and the
straight, axis-parallel edges of stroked paths (a grid drawn as one path, or cells stroked as
rectangles). Paths inside form XObjects are not looked into.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

_THIN = 2.5  # points: a path this narrow is a line, whatever its length
_MIN_RULE = 3.0  # points: shorter strokes are tick marks or dots, not borders
_MAX_SEGMENTS = 400  # paths with more segments are drawings (or outlined text), not grids
_STRAIGHT = 0.5  # points of slant still counted as horizontal or vertical


@dataclass(frozen=True, slots=True)
class Char:
    """One character and its box."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A straight ruling line: horizontal at y = y0 = y1 from x0 to x1, or vertical at x from y0 to y1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y1 - self.y0 < self.x1 - self.x0


@dataclass(frozen=True)
class PageContent:
    """The characters and ruling lines of one page."""

    width: float
    height: float
    chars: list[Char]
    rules: list[Rule]


def page_content(page: pdfium.PdfPage) -> PageContent:
    """The characters (without whitespace) and ruling lines of a page."""
    width, height = page.get_size()
    return PageContent(width=width, height=height, chars=_chars(page), rules=_rules(page))


def _chars(page: pdfium.PdfPage) -> list[Char]:
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # characters outside the BMP: one per index, the slow way
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))
        rect = pdfium_c.FS_RECTF()
        chars = []
        for index, char in enumerate(text):
            if char.isspace() or char in "\ufffe\uffff\x00" or char == "\ufffd":
                continue
            if not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect):
                continue
            if rect.right <= rect.left and rect.top <= rect.bottom:
                continue
            chars.append(
                Char(char, rect.left, min(rect.bottom, rect.top), rect.right, max(rect.bottom, rect.top))
            )
        return chars
    finally:
        textpage.close()


def _rules(page: pdfium.PdfPage) -> list[Rule]:
    rules: list[Rule] = []
    for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=0):
        left, bottom, right, top = path.get_bounds()
        if top - bottom <= _THIN and right - left >= _MIN_RULE:
            middle = (top + bottom) / 2
            rules.append(Rule(left, middle, right, middle))
        elif right - left <= _THIN and top - bottom >= _MIN_RULE:
            middle = (left + right) / 2
            rules.append(Rule(middle, bottom, middle, top))
        elif _stroked(path):
            rules.extend(_edges(path))
    return rules


def _stroked(path: pdfium.PdfObject) -> bool:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path.raw, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return False
    return bool(stroke.value)


def _edges(path: pdfium.PdfObject) -> list[Rule]:
    """The horizontal and vertical straight edges of a stroked path, in page coordinates."""
    count = pdfium_c.FPDFPath_CountSegments(path.raw)
    if count <= 1 or count > _MAX_SEGMENTS:
        return []
    a, b, c, d, e, f = path.get_matrix().get()
    x, y = ctypes.c_float(), ctypes.c_float()
    edges: list[Rule] = []
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(path.raw, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            return edges
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif previous is not None:
            if kind == pdfium_c.FPDF_SEGMENT_LINETO:
                _add_edge(edges, previous, point)
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                _add_edge(edges, point, start)
        previous = point
    return edges


def _add_edge(edges: list[Rule], p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = sorted([p, q])
    if abs(y1 - y0) <= _STRAIGHT and x1 - x0 >= _MIN_RULE:
        middle = (y0 + y1) / 2
        edges.append(Rule(x0, middle, x1, middle))
    elif abs(x1 - x0) <= _STRAIGHT and abs(y1 - y0) >= _MIN_RULE:
        middle = (x0 + x1) / 2
        edges.append(Rule(middle, min(y0, y1), middle, max(y0, y1)))

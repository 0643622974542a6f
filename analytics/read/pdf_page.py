"""What the PDF reader takes from one page through pypdfium2: the characters with their boxes, and the
ruling lines (table borders) drawn on it. Coordinates are PDF points, y growing upwards.

Characters come from the text page with their loose boxes (the font's full height, so that all
characters of a line share one height); whitespace, including the spaces pdfium makes up between
words, is left out: the layout puts spaces back where the geometry says so.

A page whose text runs sideways or upside down (a landscape table on a portrait page turned by the
page's /Rotate, or text drawn rotated) is turned so that its text reads left to right: the
characters' own angle (most of them, sampled) says by how many quarter turns, and every box and
ruling line is turned with them, onto a page of the turned size with its origin at (0, 0).

Ruling lines are path objects: thin ones (at most 2.5 pt across) drawn filled or stroked, and the
straight, axis-parallel edges of stroked paths (a grid drawn as one path, or cells stroked as
rectangles). Paths inside form XObjects are not looked into.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

_THIN = 2.5  # points: a path this narrow is a line, whatever its length
_MIN_RULE = 3.0  # points: shorter strokes are tick marks or dots, not borders
_MAX_SEGMENTS = 400  # paths with more segments are drawings (or outlined text), not grids
_STRAIGHT = 0.5  # points of slant still counted as horizontal or vertical
_ANGLE_SAMPLES = 48  # characters whose angle is asked, spread over the page


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
    """The characters (without whitespace) and ruling lines of a page, turned upright."""
    width, height = page.get_size()
    chars, turns = _chars(page)
    rules = _rules(page)
    if turns == 0 or not chars:
        return PageContent(width=width, height=height, chars=chars, rules=rules)
    left, bottom, right, top = page.get_mediabox()
    turn = _Turn(turns, left, bottom, right, top)
    size = (top - bottom, right - left) if turns % 2 else (right - left, top - bottom)
    return PageContent(
        width=size[0],
        height=size[1],
        chars=[turn.char(char) for char in chars],
        rules=[turn.rule(rule) for rule in rules],
    )


@dataclass(frozen=True)
class _Turn:
    """Page coordinates -> the frame in which text running at `turns` quarter turns clockwise (as
    pdfium measures a character's angle) reads left to right, origin at the box's lower left."""

    turns: int
    left: float
    bottom: float
    right: float
    top: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.turns == 3:  # text runs up the page (a /Rotate 90 landscape page)
            return y - self.bottom, self.right - x
        if self.turns == 1:  # text runs down the page
            return self.top - y, x - self.left
        return self.right - x, self.top - y  # upside down

    def char(self, char: Char) -> Char:
        x0, y0 = self.point(char.x0, char.y0)
        x1, y1 = self.point(char.x1, char.y1)
        return Char(char.text, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    def rule(self, rule: Rule) -> Rule:
        x0, y0 = self.point(rule.x0, rule.y0)
        x1, y1 = self.point(rule.x1, rule.y1)
        return Rule(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _chars(page: pdfium.PdfPage) -> tuple[list[Char], int]:
    """The page's characters and the quarter turns (0-3, clockwise) most of their text runs at."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return [], 0
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # characters outside the BMP: one per index, the slow way
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))
        rect = pdfium_c.FS_RECTF()
        chars = []
        indices = []
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
            indices.append(index)
        step = max(1, len(indices) // _ANGLE_SAMPLES)
        turns = Counter(
            round(pdfium_c.FPDFText_GetCharAngle(textpage, i) / (math.pi / 2)) % 4 for i in indices[::step]
        )
        return chars, turns.most_common(1)[0][0] if turns else 0
    finally:
        textpage.close()


def _rules(page: pdfium.PdfPage) -> list[Rule]:
    """The page's ruling lines, from its top-level path objects (through pdfium's C API directly:
    a Python wrapper per page object costs more than the rest of this)."""
    rules: list[Rule] = []
    raw = page.raw
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    corners = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    path_type = pdfium_c.FPDF_PAGEOBJ_PATH
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        path = pdfium_c.FPDFPage_GetObject(raw, index)
        if pdfium_c.FPDFPageObj_GetType(path) != path_type or not pdfium_c.FPDFPageObj_GetBounds(
            path, *corners
        ):
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        if y1 - y0 <= _THIN and x1 - x0 >= _MIN_RULE:
            middle = (y1 + y0) / 2
            rules.append(Rule(x0, middle, x1, middle))
        elif x1 - x0 <= _THIN and y1 - y0 >= _MIN_RULE:
            middle = (x0 + x1) / 2
            rules.append(Rule(middle, y0, middle, y1))
        elif _stroked(path):
            rules.extend(_edges(path))
    return rules


def _stroked(path: ctypes.c_void_p) -> bool:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return False
    return bool(stroke.value)


def _edges(path: ctypes.c_void_p) -> list[Rule]:
    """The horizontal and vertical straight edges of a stroked path, in page coordinates."""
    count = pdfium_c.FPDFPath_CountSegments(path)
    if count <= 1 or count > _MAX_SEGMENTS:
        return []
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(path, ctypes.byref(matrix)):
        return []
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = ctypes.c_float(), ctypes.c_float()
    edges: list[Rule] = []
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
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

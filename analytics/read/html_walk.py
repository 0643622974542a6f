"""The walk from a web page's article (its element tree) to blocks: block elements break paragraphs,
whitespace collapses as a browser shows it (to nothing where a line break of the markup stands next
to a Chinese character), a <table> is read on its grid with colspan/rowspan read once, and a table
that holds another table, or only one cell, is page layout read as running text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree  # type: ignore[import-untyped]

from analytics.model import Block, Paragraph
from analytics.read.blocks import SpanGrid, cell_text, paragraph_text, table_block
from analytics.read.limits import check_time

_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "section", "article",
     "main", "blockquote", "pre", "hr", "address", "figure", "figcaption", "center", "form", "fieldset",
     "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "body", "html", "legend", "details", "summary"}
)  # fmt: skip
ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d"
_BROKEN_LINE = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\n\r\f]*|[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_WIDE}])")
_MAX_SPAN = 1000  # colspan/rowspan beyond this are typos or traps, not tables


def text_content(element: etree._Element) -> str:
    """The text of an element and its descendants, as lxml.html's text_content() gives it."""
    return str(_STRING_VALUE(element))


_STRING_VALUE = etree.XPath("string()")  # the text of an element's descendants, joined in C


@dataclass
class Walker:
    """Turns an element tree into blocks; the line in progress collects inline text."""

    blocks: list[Block] = field(default_factory=list)
    line: list[str] = field(default_factory=list)

    def flush(self) -> None:
        if self.line:
            raw = "".join(self.line)
            self.line = []
            if raw.isspace():  # the markup's line breaks between blocks: no paragraph, nothing to read
                return
            text = paragraph_text(_collapse(raw))
            if text:
                self.blocks.append(Paragraph(text))

    def element(self, element: etree._Element) -> None:
        """Walk one element and its children, then leave its tail to the caller."""
        tag = element.tag
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag == "table":
            self.flush()
            self.table(element)
            return
        if tag == "br":
            self.flush()
            return
        if tag == "pre":
            self.flush()
            for line in text_content(element).split("\n"):
                self.line.append(line)
                self.flush()
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        if element.text:
            self.line.append(element.text)
        for child in element:
            self.element(child)
            if child.tail:
                self.line.append(child.tail)
        if block:
            self.flush()

    def table(self, table: etree._Element) -> None:
        check_time()
        cells = [_own_cells(row) for row in _own_rows(table)]
        layout = sum(len(row) for row in cells) <= 1 or any(
            inner is not table for inner in table.iter("table")
        )
        if layout:  # page layout: the cells are running text
            for row in cells:
                for cell in row:
                    self.element(cell)
                    self.flush()
            return
        spans = [[(cell.get("colspan"), cell.get("rowspan")) for cell in row] for row in cells]
        if any(colspan or rowspan for row in spans for colspan, rowspan in row):
            grid = SpanGrid()
            for r, (row, row_spans) in enumerate(zip(cells, spans, strict=True)):
                grid.place_row(
                    r,
                    [
                        (_cell_text(cell), _span(colspan, _MAX_SPAN), _span(rowspan, len(cells) - r))
                        for cell, (colspan, rowspan) in zip(row, row_spans, strict=True)
                    ],
                )
            grid_rows = grid.rows()
        else:  # no spans (the common case): the rows as they stand, padded to the widest
            while not cells[-1]:
                cells.pop()  # trailing empty rows hold no position of the grid
            width = max(len(row) for row in cells)
            grid_rows = [[_cell_text(cell) for cell in row] + [""] * (width - len(row)) for row in cells]
        caption_element = table.find("caption")
        caption = paragraph_text(text_content(caption_element)) if caption_element is not None else None
        block = table_block(
            grid_rows, first_row_is_one_cell=bool(cells) and len(cells[0]) == 1, caption=caption or None
        )
        if isinstance(block, Paragraph) and caption:
            self.blocks.append(Paragraph(caption))
        if block is not None:
            self.blocks.append(block)


def _cell_text(cell: etree._Element) -> str:
    """A cell's text: its paragraphs and line breaks joined with '\n'. Whitespace runs collapse; at
    the start only the ASCII whitespace of the markup goes, so &nbsp; and full-width indentation stay."""
    if len(cell) == 0:  # the common case: text and nothing else
        raw = cell.text or ""
        return _leaf_cell_text(raw) if len(raw) <= 48 else cell_text(_collapse(raw).lstrip(" "))
    if not any(_breaks_line(element) for element in cell.iterdescendants()):  # inline markup: one line
        text = _collapse("".join(cell.itertext())).lstrip(" ").rstrip()
        return cell_text(text) if text.strip() else ""
    lines: list[str] = []
    current: list[str] = []

    def visit(element: etree._Element, top: bool) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        breaks = not top and (tag in _BLOCK_TAGS or tag == "br")
        if breaks:
            lines.append("".join(current))
            current.clear()
        if element.text and tag != "br":
            current.append(element.text)
        for child in element:
            visit(child, False)
            if child.tail:
                current.append(child.tail)
        if breaks and tag != "br":
            lines.append("".join(current))
            current.clear()

    visit(cell, True)
    lines.append("".join(current))
    kept = [text for line in lines if (text := _collapse(line).lstrip(" ").rstrip()).strip()]
    return cell_text("\n".join(kept))


def _breaks_line(element: etree._Element) -> bool:
    """Whether an element inside a cell starts a line of its text: a block element or <br>."""
    return isinstance(element.tag, str) and ((tag := element.tag.lower()) in _BLOCK_TAGS or tag == "br")


@lru_cache(maxsize=1 << 14)
def _leaf_cell_text(raw: str) -> str:
    """`_cell_text` of a cell holding only short text: cells repeat ('0.00', '合计'), so they are cached.
    (Under `already_simplified` the page was converted first, so a cached result is right outside it too.)"""
    return cell_text(_collapse(raw).lstrip(" "))


def _collapse(text: str) -> str:
    """Whitespace as a browser shows it: a run is one space, and a line break in the markup next to
    a Chinese character is nothing (Chinese is not spaced between words)."""
    if "\n" not in text and "\t" not in text and "\r" not in text and "\f" not in text and "  " not in text:
        return text  # no line break and no run: nothing to collapse (most text of a page)
    return ASCII_SPACE.sub(" ", _BROKEN_LINE.sub("", text))


def _own_rows(table: etree._Element) -> list[etree._Element]:
    """The table's rows, in order, directly or in thead/tbody/tfoot (not those of nested tables).
    (The HTML parser gives tag names in lower case. The children are filtered here: lxml's
    `iterchildren(tag, ...)` sets up a tag matcher for each call, which costs more than the test.)"""
    rows = []
    for child in table:
        tag = child.tag
        if tag == "tr":
            rows.append(child)
        elif tag in _ROW_GROUPS:
            rows.extend(row for row in child if row.tag == "tr")
    return rows


_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})


def _own_cells(row: etree._Element) -> list[etree._Element]:
    return [cell for cell in row if cell.tag == "td" or cell.tag == "th"]


def _span(raw: str | None, most: int) -> int:
    """A colspan/rowspan value: 1 when absent or invalid, 0 ('to the end') and big values capped."""
    if raw is None:
        return 1
    if raw.isdigit():
        value = int(raw)
        return max(1, min(value if value > 0 else most, most))
    digits = re.match(r"\s*(\d+)", raw)
    value = int(digits.group(1)) if digits else 1
    return max(1, min(value if value > 0 else most, most))

"""Reader for PDF files with a text layer (format 'pdf'), through pypdfium2.

Per page (see pdf_page, pdf_lines, pdf_grid, pdf_columns): the characters and ruling lines; tables
drawn with borders read on their grids; tables without borders found from lines of separate figures;
the rest is lines of running text. Then, over the whole document:

- Lines that repeat at the top or bottom of most pages (running headers and footers, with their
  numbers ignored) and page numbers ('3', '- 3 -', '第3页', '3/12') are dropped; a unit line
  ('单位：万元') never is: it says what the table under it counts in.
- Pages turned by /Rotate, or text drawn sideways, are read turned upright (see pdf_page).
- A table that ends a page and one that opens the next with as many columns are one table broken by
  the page; where the second prints the first's header rows again, they are dropped.
- Lines join into paragraphs, also across pages: a line that reaches the right margin goes on in the
  next one unless that one is indented, set in another size or further away than the line spacing;
  a line ending in a number or a unit prefix goes on in a line starting with its continuation
  ('474.' + '91', '万' + '元') wherever it ends.
- Text is normalised and repaired (`pdf_text.tidy`): no spaces between Chinese characters or between
  figures and Chinese, no empty quote pairs.

A PDF without any text (scanned pages) raises ReadError asking for OCR, an encrypted one ReadError
saying it is password-protected; `Document.notes` counts pages without text in a PDF that has some.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from analytics.errors import ReadError
from analytics.model import Block, Document, Paragraph, Table
from analytics.read.limits import check_time
from analytics.read.pdf_columns import find_borderless_tables
from analytics.read.pdf_grid import find_grids, grid_block
from analytics.read.pdf_lines import Line, group_lines
from analytics.read.pdf_page import page_content
from analytics.read.pdf_text import join_lines, tidy

_UNIT_LINE = re.compile(r"单位\s*[:：]\s*(?:万元|亿元|千元|元)")

_PAGE_NUMBER = re.compile(
    r"[-—–_\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:(?:/|共|of)\s*\d{1,4}\s*页?)?[-—–_\s]*|[-—–\s]*[ivxlcIVXLC]{1,6}[-—–\s]*"
)
_REPEATED_SHARE = 0.5  # of the pages: a top or bottom line repeated this often is a running header
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running headers
_BAND = 0.12  # of the page height: where running headers, footers and page numbers stand
_MARGIN = 1.5  # character heights: a line ending this close to the right margin is full
_FULL_LINES = 3  # lines ending at the same right edge show where the right margin is
_INDENT = 0.8  # character heights: a line starting further right than the margin is indented
_SIZE_CHANGE = 0.2  # share of the height: a bigger change of size starts a new paragraph
_LINE_GAP = 1.0  # character heights between lines: more is a paragraph break
_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、．]|\d{1,2}\.(?!\d)|第[一二三四五六七八九十\d]+[章节部分条])"
)
_CONTINUES = re.compile(r"(?:[\d.]$)|(?:[万亿千百]$)")
_CONTINUATION = re.compile(r"^[\d.%万亿元]")


@dataclass
class _Item:
    """A line of text or a table on a page, in reading order."""

    page: int
    top: float
    bottom: float
    page_height: float
    page_width: float
    line: Line | None = None
    block: Block | None = None
    text: str = ""


def read_pdf(data: bytes, source_path: str) -> Document:
    """Read a PDF's text layer into a Document of paragraphs and tables (format 'pdf')."""
    document = _open(data)
    try:
        pages = len(document)
        items: list[list[_Item]] = []
        empty_pages = 0
        for index in range(pages):
            check_time()
            page = document[index]
            try:
                page_items = _page_items(page, index)
            finally:
                page.close()
            if not page_items:
                empty_pages += 1
            items.append(page_items)
    finally:
        document.close()
    if pages and empty_pages == pages:
        raise ReadError(f"the PDF has no text layer (scanned?); OCR it first ({pages} page(s) without text)")
    notes = []
    dropped = _drop_running_lines(items)
    if dropped:
        notes.append(f"dropped {dropped} running header/footer or page number line(s)")
    if empty_pages:
        notes.append(f"{empty_pages} of {pages} page(s) have no text layer (scanned?)")
    return Document(
        source_path=source_path,
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=_blocks([item for page_items in items for item in page_items]),
        notes=notes,
    )


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError("the PDF is password-protected; remove the password first") from exc
        raise ReadError(f"the PDF is damaged or not a PDF ({exc})") from exc


def _page_items(page: pdfium.PdfPage, index: int) -> list[_Item]:
    """A page's tables and lines of text, top to bottom."""
    content = page_content(page)
    if not content.chars:
        return []
    grids = find_grids(content.rules)
    loose = []
    boxes = [(grid.xs[0], grid.xs[-1], grid.ys[-1], grid.ys[0], grid.chars) for grid in grids]
    for char in content.chars:
        cx, cy = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
        for left, right, bottom, top, inside in boxes:
            if left <= cx <= right and bottom <= cy <= top:
                inside.append(char)
                break
        else:
            loose.append(char)
    height, width = content.height, content.width
    items = [
        _Item(index, grid.top, grid.ys[-1], height, width, block=_on_page(grid_block(grid), index))
        for grid in grids
        if grid.chars
    ]
    lines = group_lines(loose)
    taken: set[int] = set()
    for found in find_borderless_tables(lines):
        items.append(
            _Item(
                index,
                lines[found.start].y1,
                lines[found.end - 1].y0,
                height,
                width,
                block=_on_page(found.table, index),
            )
        )
        taken.update(range(found.start, found.end))
    for number, line in enumerate(lines):
        if number not in taken:
            items.append(
                _Item(index, line.y1, line.y0, height, width, line=line, text=tidy(line.text()).strip())
            )
    items = [item for item in items if item.block is not None or item.text]
    return sorted(items, key=lambda item: -item.top)


def _on_page(block: Block | None, index: int) -> Block | None:
    return replace(block, page=index + 1) if isinstance(block, Table) else block


def _drop_running_lines(pages: list[list[_Item]]) -> int:
    """Drop page numbers and the lines repeated at the top or bottom of most pages; return how many.

    Only lines in the top or bottom band of a page (_BAND of its height), before any table at the
    top or after any at the bottom, are looked at: a title on the first page is not a header.
    """

    def edges(items: list[_Item]) -> list[_Item]:
        found = []
        for run in (items, items[::-1]):
            for item in run[:_EDGE_LINES]:
                if item.line is None:
                    break
                if item.top >= (1 - _BAND) * item.page_height or item.bottom <= _BAND * item.page_height:
                    found.append(item)
        return found

    def key(item: _Item) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", item.text))

    counts: Counter[str] = Counter()
    for items in pages:
        counts.update({key(item) for item in edges(items)})
    repeated = {
        k
        for k, n in counts.items()
        if n >= 2 and n >= _REPEATED_SHARE * len(pages) and not _UNIT_LINE.search(k)
    }
    dropped = 0
    for items in pages:
        doomed = {
            id(item) for item in edges(items) if key(item) in repeated or _PAGE_NUMBER.fullmatch(item.text)
        }
        if len(doomed) == len(items):  # a page of nothing but such lines: keep it as it is
            continue
        dropped += len(doomed)
        items[:] = [item for item in items if id(item) not in doomed]
    return dropped


def _blocks(items: list[_Item]) -> list[Block]:
    """Tables as they are, lines joined into paragraphs (see the module docstring)."""
    lines = [item.line for item in items if item.line is not None]
    left, right = _margins(lines, max((item.page_width for item in items), default=0.0))
    blocks: list[Block] = []
    paragraph: list[_Item] = []

    def flush() -> None:
        if paragraph:
            text = tidy(join_lines([item.text for item in paragraph])).strip()
            if text:
                blocks.append(Paragraph(text))
            paragraph.clear()

    previous: _Item | None = None
    for item in items:
        if item.block is not None:
            flush()
            if previous is not None and _continues(previous, item) and isinstance(blocks[-1], Table):
                blocks[-1] = _joined(blocks[-1], item.block)
            else:
                blocks.append(item.block)
            previous = item
            continue
        previous = None
        if paragraph and not _goes_on(paragraph[-1], item, left, right):
            flush()
        paragraph.append(item)
    flush()
    return [block for block in blocks if not isinstance(block, Table) or block.rows]


def _continues(previous: _Item, item: _Item) -> bool:
    """A table that opens a page right after a table that closed the previous one, with as many
    columns, is the same table broken by the page (it may print the same header rows again)."""
    if not (isinstance(previous.block, Table) and isinstance(item.block, Table)):
        return False
    before, after = previous.block, item.block
    if item.page != previous.page + 1 or not before.rows or not after.rows or after.caption:
        return False
    width = {len(row) for row in before.rows[-3:]}
    return len(after.rows[0]) in width


def _joined(before: Table, after: Block) -> Table:
    """`after` appended to `before`, without the header rows it repeats."""
    assert isinstance(after, Table)
    repeated = 0
    while (
        repeated < min(len(before.rows), len(after.rows) - 1)
        and after.rows[repeated] == before.rows[repeated]
        and not any(_FIGURE.fullmatch(cell.strip()) for cell in after.rows[repeated])
    ):
        repeated += 1
    return Table(rows=before.rows + after.rows[repeated:], caption=before.caption, page=before.page)


_FIGURE = re.compile(r"-?[\d,]+\.\d+")


def _margins(lines: list[Line], page_width: float) -> tuple[float, float]:
    """The body's left margin (where most lines start) and right margin: where the longest lines end
    when several lines end there (justified full lines; running headers and footers are gone by
    now), else the left margin mirrored (a document too short to show one)."""
    if not lines:
        return 0.0, 0.0
    starts = Counter(round(line.x0) for line in lines)
    left = float(min(x for x, n in starts.items() if n == max(starts.values())))
    right = max(line.x1 for line in lines)
    em = sorted(line.height for line in lines)[len(lines) // 2]
    if sum(1 for line in lines if line.x1 >= right - _MARGIN * em) < _FULL_LINES:
        right = max(right, page_width - left)
    return left, right


_AMOUNT_FIRST = re.compile(r"^\s*\d[\d,.]*\s*(?:万元|亿元|元|%)")
_SENTENCE_END = ("。", ";", ":", "!", "?", "；", "：")


def _goes_on(previous: _Item, item: _Item, left: float, right: float) -> bool:
    """Whether the line `item` continues the paragraph whose last line is `previous`."""
    above, below = previous.line, item.line
    assert above is not None and below is not None
    if _CONTINUES.search(previous.text) and _CONTINUATION.match(item.text):
        return True  # a figure or unit broken across lines: '474.' / '91', '万' / '元'
    if _HEADING.match(item.text):
        return False
    if _AMOUNT_FIRST.match(item.text) and not previous.text.rstrip().endswith(_SENTENCE_END):
        return True  # '…2018年收入预算' / '6241.18万元,…': the amount did not fit on the line above
    height = max(above.height, below.height)
    if abs(above.height - below.height) > _SIZE_CHANGE * height:
        return False
    if previous.page == item.page and above.y0 - below.y1 > _LINE_GAP * height:
        return False
    return above.x1 >= right - _MARGIN * height and below.x0 <= left + _INDENT * height

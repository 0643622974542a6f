"""Reader for web pages (format 'html'), also the .doc files that are really Word's HTML export.

1. Decoding: the byte-order mark, then the charset the page declares (`<meta charset>`, the
   http-equiv Content-Type, an XML declaration), then sniffing (`analytics.read.decoding.decode`). GBK
   and GB2312 are decoded as GB18030, their superset, because pages declaring them use its
   characters anyway; a page whose bytes do not match its declared charset is sniffed instead.
2. The article body: scripts, styles, forms' controls, navigation, headers, footers, asides and
   hidden elements go. The content root is the element with the most text among <article>, <main>
   and divs/sections/cells with a typical content class or id (content, article, TRS_Editor, zoom,
   detail, ...), descending into a nested candidate that holds most (60%) of its text; the page's
   <body> when there is none. Inside the root, small elements named like navigation, breadcrumbs or
   share bars go too. A heading (<h1>, or a short element classed 'title') standing before
   the root, outside it, is kept as the first paragraph: sites put the title above the body.
3. Blocks: block elements (<p>, <div>, <h1>..., <li>, <br>, ...) break paragraphs; runs of
   whitespace collapse to one space, and to nothing where a line break of the markup stands next to
   a Chinese character. A <table> is a Table read on its grid with colspan/rowspan
   read once ('' in the spanned positions); its <caption>, or a first row that is one cell, is
   the caption. A table that holds another table, or only one cell, is page layout: its cells are
   read as running text (and the inner tables as tables).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree  # type: ignore[import-untyped]

from analytics.errors import ReadError
from analytics.model import Block, Document, Paragraph
from analytics.read.blocks import SpanGrid, cell_text, paragraph_text, table_block
from analytics.read.characters import already_simplified, to_simplified
from analytics.read.decoding import decode
from analytics.read.limits import check_time

_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_GB_FAMILY = frozenset(
    {"gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "ms936", "euc-cn", "gb18030", "hz-gb-2312"}
)

_REMOVED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select",
     "button", "input", "textarea", "nav", "header", "footer", "aside", "head", "title", "map", "audio", "video"}
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "section", "article",
     "main", "blockquote", "pre", "hr", "address", "figure", "figcaption", "center", "form", "fieldset",
     "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "body", "html", "legend", "details", "summary"}
)  # fmt: skip
_CONTENT_NAME = re.compile(
    r"content|article|trs_editor|zoom|detail|artibody|text|main|zw|con_?t|news_?body|wenzhang|xilan",
    re.IGNORECASE,
)
_NOT_CONTENT_NAME = re.compile(
    r"nav|menu|foot|header|head_|side|crumb|share|comment|related|relevant|pager|copyright|toolbar|login|search",
    re.IGNORECASE,
)
_TITLE_NAME = re.compile(r"title|biaoti|bt\b", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d"
_BROKEN_LINE = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\n\r\f]*|[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_WIDE}])")
_DESCEND_SHARE = 0.6
_CHROME_SHARE = 0.2  # an element named like navigation holding more of the root's text is kept
_MAX_SPAN = 1000  # colspan/rowspan beyond this are typos or traps, not tables


def read_html(data: bytes, source_path: str) -> Document:
    """Read a web page into a Document of its article's paragraphs and tables (format 'html')."""
    text, encoding = decode_html(data)
    if "&#" in text:  # numeric entities become characters only when parsed: convert them node by node
        blocks = html_blocks(text)
    else:
        with already_simplified():
            blocks = html_blocks(to_simplified(text))
    return Document(
        source_path=source_path,
        format="html",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=blocks,
        encoding=encoding,
    )


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a page: BOM, then `declared` or the charset the page declares, then sniffing.

    >>> decode_html('<meta charset="gb2312"><p>公务接待费</p>'.encode("gbk"))[1]
    'gb18030'
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _CHARSET.search(head)
    charset = declared or (found.group(1).decode("ascii") if found else None)
    codec = _codec(charset) if charset else None
    if codec is not None:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass  # the page lies about its charset: sniff instead
    return decode(data)


def _codec(name: str) -> str | None:
    """The Python codec for a declared charset (GBK family -> gb18030), None if unknown."""
    name = name.strip().lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def html_blocks(text: str) -> list[Block]:
    """The blocks of a decoded page's article (see the module docstring).

    >>> html_blocks("<body><div class=nav>首页</div><div class=TRS_Editor><p>三公经费</p>"
    ...             "<table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>22</td></tr></table>"
    ...             "</div><div class=footer>版权所有</div></body>")
    [Paragraph(text='三公经费'), Table(rows=(('项目', '金额'), ('合计', '22')), caption=None)]
    """
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        return []
    try:
        page = etree.fromstring(text, _PARSER)
    except (etree.LxmlError, ValueError) as exc:
        raise ReadError(f"the page could not be parsed as HTML ({exc})") from exc
    if page is None:
        return []
    _strip(page, may_hide=_may_hide(text))
    root = _content_root(page)
    _strip_chrome(root)
    walker = _Walker()
    title = _title_before(page, root)
    if title:
        walker.blocks.append(Paragraph(title))
    walker.element(root)
    walker.flush()
    return walker.blocks


# A plain HTML parser: lxml.html's element classes cost a class lookup per element (12 % of the read)
# for methods this reader replaces with the two functions below.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)


def _text_content(element: etree._Element) -> str:
    """The text of an element and its descendants, as lxml.html's text_content() gives it."""
    return str(_STRING_VALUE(element))


_STRING_VALUE = etree.XPath("string()")  # the text of an element's descendants, joined in C


def _drop_tree(element: etree._Element) -> None:
    """Remove an element and its descendants, keeping its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _strip(page: etree._Element, *, may_hide: bool = True) -> None:
    """Remove what is never article text: scripts, styles, controls, navigation, hidden elements
    (their tail text stays in place). `may_hide` False: the page's source holds neither 'hidden'
    nor 'none' (nor a character reference that could spell them), so nothing is hidden."""
    etree.strip_elements(
        page, *_REMOVED_TAGS, etree.Comment, etree.ProcessingInstruction, etree.Entity, with_tail=False
    )
    if not may_hide:
        return
    for element in page.xpath("//*[@hidden or @style]"):
        hidden = element.get("hidden") is not None or _HIDDEN.search(element.get("style", ""))
        if hidden and element.getparent() is not None:
            _drop_tree(element)


def _may_hide(source: str) -> bool:
    """Whether a page's source holds what hiding needs: the attribute or 'visibility:hidden', or
    'none' (display:none, however spaced: '&nbsp;' or a comment may stand between), or '&#', which
    could spell either. (Plain substring tests: a case-blind regex scan costs 8 times as much.)"""
    lowered = source.lower()
    return "hidden" in lowered or "none" in lowered or "&#" in source


def _strip_chrome(root: etree._Element) -> None:
    """Inside the content root, drop small elements named like navigation, breadcrumbs, share bars."""
    total = max(_text_size(root), 1)
    doomed = [
        element
        for element in root.iterdescendants()
        if (element.get("id") is not None or element.get("class") is not None)
        and _NOT_CONTENT_NAME.search(_names(element))
        and element.find(".//table") is None
        and _text_size(element) < _CHROME_SHARE * total
    ]
    for element in doomed:
        if element.getparent() is not None:
            _drop_tree(element)


def _names(element: etree._Element) -> str:
    return f"{element.get('id', '')} {element.get('class', '')}"


def _content_root(page: etree._Element) -> etree._Element:
    """The element holding the article (see the module docstring), or the body."""
    candidates = [
        element
        for element in page.iter("article", "main", "div", "section", "td")
        if element.tag in ("article", "main")
        or (
            (element.get("id") is not None or element.get("class") is not None)
            and _CONTENT_NAME.search(names := _names(element))
            and not _NOT_CONTENT_NAME.search(names)
        )
    ]
    sizes = {element: _text_size(element) for element in candidates}
    sizes = {element: size for element, size in sizes.items() if size > 0}
    if not sizes:
        body = page.find("body")
        return body if body is not None else page
    root = max(sizes, key=lambda element: sizes[element])
    while True:
        inner = [
            element
            for element in sizes
            if element is not root
            and sizes[element] >= _DESCEND_SHARE * sizes[root]
            and _inside(element, root)
        ]
        if not inner:
            return root
        root = max(inner, key=lambda element: (sizes[element], -_depth(element)))


def _text_size(element: etree._Element) -> int:
    """The number of characters of an element's text that are not ASCII whitespace."""
    text = _text_content(element)
    return len(text) - sum(map(text.count, " \t\n\r\f"))


def _inside(element: etree._Element, ancestor: etree._Element) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


def _depth(element: etree._Element) -> int:
    return sum(1 for _ in element.iterancestors())


def _title_before(page: etree._Element, root: etree._Element) -> str | None:
    """The article title standing before the content root, outside it: the last <h1> before the root,
    else the last short element classed 'title'; None when the root has its own <h1>."""
    if root.tag in ("body", "html") or root.find(".//h1") is not None:
        return None
    heading = classed = None
    around_root = set(root.iterancestors())
    for element in page.iter():
        if element is root:
            break
        if not isinstance(element.tag, str) or element.tag in ("html", "body") or element in around_root:
            continue
        if element.tag == "h1" or _TITLE_NAME.search(_names(element)):
            text = paragraph_text(_ASCII_SPACE.sub(" ", _text_content(element)))
            if text and len(text) <= 100 and element.find(".//table") is None:
                if element.tag == "h1":
                    heading = text
                else:
                    classed = text
    return heading or classed


@dataclass
class _Walker:
    """Turns an element tree into blocks; the line in progress collects inline text."""

    blocks: list[Block] = field(default_factory=list)
    line: list[str] = field(default_factory=list)

    def flush(self) -> None:
        if self.line:
            text = paragraph_text(_collapse("".join(self.line)))
            if text:
                self.blocks.append(Paragraph(text))
            self.line = []

    def element(self, element: etree._Element) -> None:
        """Walk one element and its children, then leave its tail to the caller."""
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "table":
            self.flush()
            self.table(element)
            return
        if tag == "br":
            self.flush()
            return
        if tag == "pre":
            self.flush()
            for line in _text_content(element).split("\n"):
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
        rows = list(_own_rows(table))
        cells = [list(_own_cells(row)) for row in rows]
        layout = sum(len(row) for row in cells) <= 1 or any(
            inner is not table for inner in table.iter("table")
        )
        if layout:  # page layout: the cells are running text
            for row in cells:
                for cell in row:
                    self.element(cell)
                    self.flush()
            return
        if any(cell.get("colspan") or cell.get("rowspan") for row in cells for cell in row):
            grid = SpanGrid()
            for r, row in enumerate(cells):
                column = 0
                for cell in row:
                    column = grid.next_free(r, column)
                    colspan = _span(cell.get("colspan"), _MAX_SPAN)
                    rowspan = _span(cell.get("rowspan"), len(cells) - r)
                    grid.place(r, column, _cell_text(cell), colspan=colspan, rowspan=rowspan)
                    column += colspan
            grid_rows = grid.rows()
        else:  # no spans (the common case): the rows as they stand, padded to the widest
            while not cells[-1]:
                cells.pop()  # trailing empty rows hold no position of the grid
            width = max(len(row) for row in cells)
            grid_rows = [[_cell_text(cell) for cell in row] + [""] * (width - len(row)) for row in cells]
        caption_element = table.find("caption")
        caption = paragraph_text(_text_content(caption_element)) if caption_element is not None else None
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
    return _ASCII_SPACE.sub(" ", _BROKEN_LINE.sub("", text))


def _own_rows(table: etree._Element) -> Iterator[etree._Element]:
    """The table's rows, in order, directly or in thead/tbody/tfoot (not those of nested tables).
    (The HTML parser gives tag names in lower case.)"""
    for child in table.iterchildren("tr", "thead", "tbody", "tfoot"):
        if child.tag == "tr":
            yield child
        else:
            yield from child.iterchildren("tr")


def _own_cells(row: etree._Element) -> Iterator[etree._Element]:
    return row.iterchildren("td", "th")  # type: ignore[no-any-return]


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

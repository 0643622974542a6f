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
3. Blocks (`html_walk`): block elements (<p>, <div>, <h1>..., <li>, <br>, ...) break paragraphs; runs of
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

from lxml import etree  # type: ignore[import-untyped]

from analytics.errors import ReadError
from analytics.model import Block, Document, Paragraph
from analytics.read.blocks import paragraph_text
from analytics.read.characters import already_simplified, to_simplified
from analytics.read.decoding import decode
from analytics.read.html_walk import ASCII_SPACE, Walker, text_content

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
_DESCEND_SHARE = 0.6
_CHROME_SHARE = 0.2  # an element named like navigation holding more of the root's text is kept


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
    root, size = _content_root(page)
    _strip_chrome(root, size)
    walker = Walker()
    title = _title_before(page, root)
    if title:
        walker.blocks.append(Paragraph(title))
    walker.element(root)
    walker.flush()
    return walker.blocks


# A plain HTML parser: lxml.html's element classes cost a class lookup per element (see
# docs/performance.md) for methods this reader replaces with `html_walk.text_content` and `_drop_tree`.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)


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
    # As bytes, every character that is not ASCII one '?': lower case as str.lower() gives it to the
    # ASCII letters, the only ones these words hold, and for a mostly Chinese page twice as fast.
    lowered = source.encode("ascii", errors="replace").lower()
    return b"hidden" in lowered or b"none" in lowered or b"&#" in lowered


def _strip_chrome(root: etree._Element, size: int | None = None) -> None:
    """Inside the content root, drop small elements named like navigation, breadcrumbs, share bars.
    (`size`: the root's `_text_size`, when known.)"""
    total = max(_text_size(root) if size is None else size, 1)
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


def _content_root(page: etree._Element) -> tuple[etree._Element, int | None]:
    """The element holding the article (see the module docstring), or the body; and its
    `_text_size` (None for the body: not measured)."""
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
        return (body if body is not None else page), None
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
            return root, sizes[root]
        root = max(inner, key=lambda element: (sizes[element], -_depth(element)))


def _text_size(element: etree._Element) -> int:
    """The number of characters of an element's text that are not ASCII whitespace."""
    text = text_content(element)
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
            text = paragraph_text(ASCII_SPACE.sub(" ", text_content(element)))
            if text and len(text) <= 100 and element.find(".//table") is None:
                if element.tag == "h1":
                    heading = text
                else:
                    classed = text
    return heading or classed

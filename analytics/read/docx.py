"""Reader for Word .docx files (format 'docx'): lxml straight on the main document part.

Only the body is read: headers, footers, footnotes and comments live in other parts and are ignored.
What the body gives:

- Paragraphs in document order, one block per paragraph; a line break (`w:br`, `w:cr`) also ends a
  block, as it does when Word saves the document as text. `w:tab` is a tab. Deleted text of tracked
  changes, field instructions (TOC, PAGEREF), hidden runs and the fallback copy of drawings are not
  text. Text boxes are read as paragraphs after the paragraph they are anchored in.
- Tables, each a Table block read on its grid: a cell spanning columns (`w:gridSpan`) gives its text
  in its first position and '' in the others; a cell continuing a vertical merge (`w:vMerge`) is ''.
  Rows skipping grid columns (`w:gridBefore`/`w:gridAfter`) are padded with ''. A cell's paragraphs
  are joined with '\\n'; its leading indentation is kept, both typed (full-width spaces) and set as
  paragraph indentation in characters (`w:ind w:firstLineChars="200"` -> two spaces).
- A table whose first row is one cell has that cell as its caption (as the text reader does); a
  table of one cell is read as the paragraphs in it (a framed box of text).
- Nested tables: a table inside a cell becomes a Table block of its own right after its parent's
  (its text is not repeated in the parent's cell); `Document.notes` counts them.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped]

from analytics.errors import ReadError
from analytics.model import Block, Document, Paragraph
from analytics.read.blocks import SpanGrid, cell_text, paragraph_text, table_block
from analytics.read.limits import XmlBudget, check_time, check_zip, read_member

_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",  # transitional (nearly all files)
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # strict
)
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MAIN_CONTENT_TYPE = re.compile(rb'PartName="/([^"]+)"\s+ContentType="[^"]*(?:document|template)\.main\+xml"')
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)


def read_docx(data: bytes, source_path: str) -> Document:
    """Read a .docx file into a Document of paragraphs and tables (format 'docx').

    The archive is checked against the zip limits before anything is inflated. Raises ReadError for
    a damaged archive or a main document part that is not Word XML.
    """
    check_zip(data)
    root = _parse(_main_part(data))
    namespace = root.tag[1 : root.tag.index("}")] if root.tag.startswith("{") else ""
    if namespace not in _NAMESPACES:
        raise ReadError(f"the main document part is not WordprocessingML (root element {root.tag!r})")
    body = root.find(f"{{{namespace}}}body")
    walker = _Walker(_Tags(namespace))
    if body is not None:
        walker.container(body)
    notes = []
    if walker.nested_tables:
        notes.append(f"{walker.nested_tables} nested table(s) read as tables of their own after their parent")
    if walker.text_boxes:
        notes.append(f"{walker.text_boxes} text box(es) read as paragraphs after their anchor paragraph")
    return Document(
        source_path=source_path,
        format="docx",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=walker.blocks,
        notes=notes,
    )


def _main_part(data: bytes) -> bytes:
    """The bytes of the main document part (word/document.xml, or as [Content_Types].xml names it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            name = "word/document.xml"
            budget = XmlBudget()  # read_member: never past the declared size, the XML limit per document
            if name not in names and "[Content_Types].xml" in names:
                found = _MAIN_CONTENT_TYPE.search(read_member(archive, "[Content_Types].xml", budget))
                if found is not None:
                    name = found.group(1).decode("utf-8", "replace")
            if name not in names:
                raise ReadError("no main document part (word/document.xml) in the .docx archive")
            return read_member(archive, name, budget)
    except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile, NotImplementedError) as exc:
        raise ReadError(f"the .docx archive is damaged ({exc})") from exc


def _parse(xml: bytes) -> etree._Element:
    try:
        return etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"the main document part is not well-formed XML ({exc})") from exc


class _Tags:
    """Qualified tag names for one WordprocessingML namespace."""

    def __init__(self, namespace: str) -> None:
        w = f"{{{namespace}}}"
        self.p, self.r, self.t, self.tbl, self.tr, self.tc = (
            w + n for n in ("p", "r", "t", "tbl", "tr", "tc")
        )
        self.tab, self.ptab, self.br, self.cr = w + "tab", w + "ptab", w + "br", w + "cr"
        self.no_break_hyphen = w + "noBreakHyphen"
        self.rpr, self.ppr, self.tcpr, self.trpr = w + "rPr", w + "pPr", w + "tcPr", w + "trPr"
        self.vanish, self.ind = w + "vanish", w + "ind"
        self.grid_span, self.v_merge, self.h_merge = w + "gridSpan", w + "vMerge", w + "hMerge"
        self.grid_before, self.grid_after = w + "gridBefore", w + "gridAfter"
        self.val = w + "val"
        self.txbx = w + "txbxContent"
        self.drawing, self.pict = w + "drawing", w + "pict"
        self.alternate, self.choice = _MC + "AlternateContent", _MC + "Choice"
        # Elements whose children are more of the same (paragraph content or block content).
        self.inline_containers = frozenset(
            w + n
            for n in (
                "hyperlink",
                "ins",
                "moveTo",
                "smartTag",
                "fldSimple",
                "sdt",
                "sdtContent",
                "customXml",
                "dir",
                "bdo",
            )
        )
        self.block_containers = frozenset(w + n for n in ("sdt", "sdtContent", "customXml", "ins", "moveTo"))
        self.indent_attributes = tuple(w + n for n in ("leftChars", "startChars", "firstLineChars"))
        self.hanging = w + "hangingChars"


@dataclass
class _Cell:
    lines: list[str] = field(default_factory=list)
    tables: list[etree._Element] = field(default_factory=list)


@dataclass
class _Walker:
    """Walks the body in document order, collecting blocks."""

    tags: _Tags
    blocks: list[Block] = field(default_factory=list)
    nested_tables: int = 0
    text_boxes: int = 0

    def container(self, element: etree._Element) -> None:
        """Blocks from the paragraphs and tables directly in `element` (body, content control, box)."""
        tags = self.tags
        for child in element:
            if child.tag == tags.p:
                self.paragraph(child)
            elif child.tag == tags.tbl:
                self.table(child)
            elif child.tag in tags.block_containers:
                self.container(child)

    def paragraph(self, p: etree._Element) -> None:
        boxes: list[etree._Element] = []
        for line in "".join(self._inline(p, boxes)).split("\n"):
            text = paragraph_text(line)
            if text:
                self.blocks.append(Paragraph(text))
        for box in boxes:
            self.text_boxes += 1
            self.container(box)

    def table(self, tbl: etree._Element) -> None:
        check_time()
        tags = self.tags
        grid = SpanGrid()
        nested: list[etree._Element] = []
        first_row_cells = 0
        only_cell: etree._Element | None = None
        rows = self._children(tbl, tags.tr)
        for row_index, tr in enumerate(rows):
            column = _int_property(tr.find(tags.trpr), tags.grid_before, tags.val, 0)
            cells = self._children(tr, tags.tc)
            if row_index == 0:
                first_row_cells = len(cells)
                only_cell = cells[0] if len(rows) == 1 and len(cells) == 1 else None
            for tc in cells:
                properties = tc.find(tags.tcpr)
                span = _int_property(properties, tags.grid_span, tags.val, 1)
                cell = self._cell(tc)
                nested.extend(cell.tables)
                text = "" if self._continues_merge(properties) else cell_text("\n".join(cell.lines))
                grid.place(row_index, column, text, colspan=span)
                column += span
        if only_cell is not None:  # a framed box of text, not a table
            self.container(only_cell)
            return
        block = table_block(grid.rows(), first_row_is_one_cell=first_row_cells == 1)
        if block is not None:
            self.blocks.append(block)
        for inner in nested:
            self.nested_tables += 1
            self.table(inner)

    def _cell(self, tc: etree._Element) -> _Cell:
        """A cell's lines of text (its paragraphs, then line breaks) and the tables nested in it."""
        cell = _Cell()
        self._cell_content(tc, cell)
        while cell.lines and not cell.lines[-1].strip():
            cell.lines.pop()
        while cell.lines and not cell.lines[0].strip():
            cell.lines.pop(0)
        return cell

    def _cell_content(self, element: etree._Element, cell: _Cell) -> None:
        tags = self.tags
        for child in element:
            if child.tag == tags.p:
                boxes: list[etree._Element] = []
                text = "".join(self._inline(child, boxes))
                if text.strip() and not cell.lines:
                    text = " " * self._indent_chars(child) + text
                cell.lines.extend(line.rstrip() for line in text.split("\n"))
                for box in boxes:
                    self.text_boxes += 1
                    self._cell_content(box, cell)
            elif child.tag == tags.tbl:
                cell.tables.append(child)
            elif child.tag in tags.block_containers:
                self._cell_content(child, cell)

    def _inline(self, element: etree._Element, boxes: list[etree._Element]) -> list[str]:
        """The text pieces of a paragraph ('\\t' for tabs, '\\n' for breaks); text boxes go to `boxes`."""
        pieces: list[str] = []
        self._collect(element, pieces, boxes)
        return pieces

    def _collect(self, element: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
        tags = self.tags
        for child in element:
            tag = child.tag
            if tag == tags.r:
                self._run(child, pieces, boxes)
            elif tag in tags.inline_containers:
                self._collect(child, pieces, boxes)

    def _run(self, run: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
        tags = self.tags
        for child in run:
            tag = child.tag
            if tag == tags.t:
                pieces.append(child.text or "")
            elif tag == tags.tab or tag == tags.ptab:
                pieces.append("\t")
            elif tag == tags.br or tag == tags.cr:
                pieces.append("\n")
            elif tag == tags.no_break_hyphen:
                pieces.append("-")
            elif tag == tags.rpr:
                if _is_on(child.find(tags.vanish), tags.val):
                    return
            elif tag == tags.alternate:
                choice = child.find(tags.choice)  # the fallback is a copy of the same content
                if choice is not None:
                    boxes.extend(_outermost(choice, tags.txbx))
            elif tag == tags.drawing or tag == tags.pict:
                boxes.extend(_outermost(child, tags.txbx))

    def _continues_merge(self, properties: etree._Element | None) -> bool:
        """Whether a cell continues a merge from the cell above (or, in old files, to its left)."""
        if properties is None:
            return False
        for tag in (self.tags.v_merge, self.tags.h_merge):
            merge = properties.find(tag)
            if merge is not None and merge.get(self.tags.val, "continue") == "continue":
                return True
        return False

    def _indent_chars(self, p: etree._Element) -> int:
        """Paragraph indentation set in characters (hundredths in the XML), as a number of spaces."""
        properties = p.find(self.tags.ppr)
        indent = properties.find(self.tags.ind) if properties is not None else None
        if indent is None:
            return 0
        hundredths = sum(_int(indent.get(name)) for name in self.tags.indent_attributes)
        hundredths -= _int(indent.get(self.tags.hanging))
        return max(0, round(hundredths / 100))

    def _children(self, element: etree._Element, tag: str) -> list[etree._Element]:
        """Children with `tag`, looking through content controls and custom XML wrapped around them."""
        found: list[etree._Element] = []
        for child in element:
            if child.tag == tag:
                found.append(child)
            elif child.tag in self.tags.block_containers:
                found.extend(self._children(child, tag))
        return found


def _outermost(element: etree._Element, tag: str) -> list[etree._Element]:
    """Descendants of `element` with `tag` that are not inside another such descendant."""
    found = []
    for candidate in element.iter(tag):
        parent = candidate.getparent()
        while parent is not None and parent is not element and parent.tag != tag:
            parent = parent.getparent()
        if parent is None or parent is element:
            found.append(candidate)
    return found


def _is_on(toggle: etree._Element | None, val: str) -> bool:
    """Whether an on/off property such as <w:vanish/> is present and on."""
    return toggle is not None and toggle.get(val, "true") not in ("0", "false", "off")


def _int_property(properties: etree._Element | None, tag: str, val: str, default: int) -> int:
    if properties is None:
        return default
    element = properties.find(tag)
    if element is None:
        return default
    value = _int(element.get(val))
    return value if value > 0 else default


def _int(raw: str | None) -> int:
    try:
        return int(raw) if raw is not None else 0
    except ValueError:
        return 0

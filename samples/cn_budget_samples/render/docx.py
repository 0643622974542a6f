"""A Word document (.docx) in the look of a government disclosure: 仿宋 body, bold 黑体 headings,
centred title, grid tables with merged header cells. Core properties carry fixed times."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from cn_budget_samples.document import Disclosure, Heading, Para, TableBlock
from cn_budget_samples.render.variants import surface
from cn_budget_samples.render.zipfix import reproducible_zip


def _font(run: Run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def render_docx(doc: Disclosure, *, full_width: bool = False) -> bytes:
    """The document as .docx bytes (reproducible)."""
    word = new_document()
    props = word.core_properties
    stamp = datetime(doc.published.year, doc.published.month, doc.published.day, 9, 0, 0)
    props.author = doc.printed_name
    props.last_modified_by = doc.printed_name
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    props.title = doc.title
    for block in doc.blocks:
        if isinstance(block, Heading):
            p = word.add_paragraph()
            if block.level == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _font(p.add_run(block.text), "方正小标宋简体", 18, True)
            elif block.level == 1:
                p.paragraph_format.first_line_indent = Pt(32)
                _font(p.add_run(block.text), "黑体", 16)
            else:
                p.paragraph_format.first_line_indent = Pt(32)
                _font(p.add_run(block.text), "楷体_GB2312", 16, True)
        elif isinstance(block, Para):
            p = word.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            _font(p.add_run(surface(block.text, full_width_digits=full_width)), "仿宋_GB2312", 16)
        else:
            _table(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return reproducible_zip(buffer.getvalue())


def _centered(p: Paragraph, text: str, size: float, bold: bool = False) -> None:
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(text), "宋体", size, bold)


def _table(word: object, block: TableBlock) -> None:
    from docx.document import Document as WordDocument

    assert isinstance(word, WordDocument)
    _centered(word.add_paragraph(), block.name, 14, True)
    caption = word.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(caption.add_run(block.caption), "宋体", 10.5)
    rows = [*block.header, *block.rows]
    table = word.add_table(rows=len(rows), cols=block.width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Fill through the XML rows directly: table.cell() re-walks the whole grid on every call.
    for r, (tr, cells) in enumerate(zip(table._tbl.tr_lst, rows, strict=True)):
        for tc, text in zip(tr.tc_lst, cells, strict=False):
            if text:
                p = _Cell(tc, table).paragraphs[0]
                _font(p.add_run(text), "宋体", 10.5, r < len(block.header))
    for row, col, nrows, ncols in block.spans:
        table.cell(row, col).merge(table.cell(row + nrows - 1, col + ncols - 1))
    if block.note:
        _font(word.add_paragraph().add_run(block.note), "仿宋_GB2312", 12)

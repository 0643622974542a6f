"""An Excel workbook (.xlsx): a 说明 sheet with the running text, one sheet per table.

Numbers are numeric cells with a two-decimal format (counts are integers), as finance offices'
workbooks have them; workbook properties carry fixed times."""

from __future__ import annotations

import io
import re
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from cn_budget_samples.document import Disclosure, Heading, Para, TableBlock
from cn_budget_samples.render.zipfix import reproducible_zip

_NUMBER = re.compile(r"^-?\d{1,3}(?:,\d{3})*\.\d{2}$|^-?\d+\.\d{2}$")
_COUNT = re.compile(r"^\d+$")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def render_xlsx(doc: Disclosure) -> bytes:
    """The document as .xlsx bytes (reproducible)."""
    book = Workbook()
    stamp = datetime(doc.published.year, doc.published.month, doc.published.day, 9, 0, 0)
    book.properties.creator = doc.printed_name
    book.properties.lastModifiedBy = doc.printed_name
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.title = doc.title
    notes = book.active
    assert notes is not None
    notes.title = "说明"
    notes.column_dimensions["A"].width = 120
    row = 1
    used = {"说明"}
    for block in doc.blocks:
        if isinstance(block, Heading):
            cell = notes.cell(row=row, column=1, value=block.text)
            cell.font = Font(name="黑体", bold=True, size=16 if block.level == 0 else 12)
            if block.level == 0:
                cell.alignment = Alignment(horizontal="center")
            row += 1
        elif isinstance(block, Para):
            notes.cell(row=row, column=1, value=block.text).alignment = Alignment(wrap_text=True)
            row += 1
        else:
            _table_sheet(book, block, used)
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps dcterms:modified with the time of saving; put the publication time back.
    fixed = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def core(xml: bytes) -> bytes:
        return _MODIFIED.sub(rb"\g<1>" + fixed + rb"\g<2>", xml)

    return reproducible_zip(buffer.getvalue(), {"docProps/core.xml": core})


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("", name).strip()[:28] or "表"
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base[:26]}{n}"
        n += 1
    used.add(candidate)
    return candidate


def _value(text: str) -> str | Decimal | int:
    if _NUMBER.match(text):
        return Decimal(text.replace(",", ""))
    if _COUNT.match(text) and len(text) < 6:
        return int(text)
    return text


def _table_sheet(book: Workbook, block: TableBlock, used: set[str]) -> None:
    sheet: Worksheet = book.create_sheet(_sheet_name(block.name, used))
    width = block.width
    sheet.cell(row=1, column=1, value=block.name).font = Font(name="黑体", bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=2, column=1, value=block.caption)
    first = 3
    for r, cells in enumerate(block.header):
        for c, text in enumerate(cells):
            if text:
                sheet.cell(row=first + r, column=c + 1, value=text).font = Font(bold=True)
    for row, col, nrows, ncols in block.spans:
        sheet.merge_cells(
            start_row=first + row,
            start_column=col + 1,
            end_row=first + row + nrows - 1,
            end_column=col + ncols,
        )
    body = first + len(block.header)
    for r, cells in enumerate(block.rows):
        for c, text in enumerate(cells):
            if not text:
                continue
            value = _value(text)
            cell = sheet.cell(row=body + r, column=c + 1, value=value)
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00" if "," in text else "0.00"
    for c in range(width):
        sheet.column_dimensions[chr(ord("A") + c)].width = 16 if c else 30
    if block.note:
        sheet.cell(row=body + len(block.rows) + 1, column=1, value=block.note)

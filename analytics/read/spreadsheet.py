"""Reader for spreadsheets (formats 'xlsx', 'xls', 'ods') through python-calamine.

Every visible worksheet gives blocks, in workbook order:

- a sheet whose rows each have at most one non-empty cell is narrative: one Paragraph per such row;
- any other sheet is one Table of its rows, empty rows and empty outer columns dropped, its `page`
  the sheet's number in the workbook (from 1). Above the table, rows of one cell and rows of caption
  phrases only ('编制单位:…' | '单位:万元', in cells of their own) are no part of it: the first
  one-cell row is the table's caption, its title ('一般公共预算“三公”经费支出表', as a merged first
  row is in the other readers; without one, the sheet name), the others paragraphs before it. A
  workbook that opens with a table sheet (no narrative sheet before it) also gives that first title
  as a paragraph, so that the document opens with its title ('某某县教育局2020年部门收支总表') as
  documents in other formats do. Rows of one cell below the table are paragraphs after it ('注:…').

Cells are read as stored, not as displayed: a number is written in its shortest exact form within
Excel's 15 significant digits (474.91 -> '474.91', 22.0 -> '22', 0.1+0.2 -> '0.3'), so a percentage
cell shows 0.0175, not 1.75%. Dates are ISO dates. Merged cells are read once: the value in the
top-left cell, '' in the rest of the range (even where the file repeats it).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import math
import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

import python_calamine as calamine

from analytics.errors import ReadError
from analytics.model import Block, Document, Paragraph, Table
from analytics.read.blocks import cell_text, paragraph_text, table_block
from analytics.read.characters import normalise
from analytics.read.limits import check_time, check_zip
from analytics.read.sniff import ZIP_MAGICS, sniff_format

Value = int | float | str | bool | datetime.time | datetime.date | datetime.datetime | datetime.timedelta


def read_spreadsheet(data: bytes, source_path: str) -> Document:
    """Read an .xlsx, .xls or .ods workbook into a Document (format as sniffed from the bytes).

    Zip-based workbooks are checked against the zip limits (declared and actual sizes) first.
    Raises ReadError for a damaged or password-protected workbook.
    """
    if data.startswith(ZIP_MAGICS):
        check_zip(data, verify_streams=True, xml_parsed=True)  # calamine inflates with its own code
    name = sniff_format(data, ".xls")
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError as exc:
        raise ReadError("the workbook is password-protected; save it without a password first") from exc
    except (calamine.CalamineError, calamine.ZipError, calamine.XmlError, ValueError, OSError) as exc:
        raise ReadError(f"the workbook is damaged or not a workbook ({exc})") from exc
    blocks: list[Block] = []
    hidden: list[str] = []
    for number, metadata in enumerate(workbook.sheets_metadata, start=1):
        check_time()
        if metadata.typ != calamine.SheetTypeEnum.WorkSheet:
            continue
        if metadata.visible != calamine.SheetVisibleEnum.Visible:
            hidden.append(metadata.name)
            continue
        try:
            sheet = workbook.get_sheet_by_name(metadata.name)
            values = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except (calamine.CalamineError, calamine.ZipError, calamine.XmlError, ValueError) as exc:
            raise ReadError(f"sheet {metadata.name!r} is damaged ({exc})") from exc
        blocks.extend(
            sheet_blocks(metadata.name, _read_once(values, merged), page=number, opens_document=not blocks)
        )
    notes = [f"skipped {len(hidden)} hidden sheet(s): {', '.join(hidden)}"] if hidden else []
    return Document(
        source_path=source_path,
        format=name if name in ("xlsx", "xls", "ods") else "xlsx",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=blocks,
        notes=notes,
    )


def sheet_blocks(
    sheet_name: str, rows: Sequence[Sequence[str]], page: int | None = None, *, opens_document: bool = False
) -> list[Block]:
    """The blocks of one sheet from its cell texts (see the module docstring for the rules);
    `opens_document`: no block stands before this sheet's.

    >>> sheet_blocks("表7", [["“三公”经费支出表", ""], ["单位：万元", ""], ["项目", "金额"], ["合计", "22"]])
    [Paragraph(text='单位:万元'), Table(rows=(('项目', '金额'), ('合计', '22')), caption='“三公”经费支出表')]
    >>> sheet_blocks("说明", [["一、部门职责"], [""], ["开展学术交流。"]])
    [Paragraph(text='一、部门职责'), Paragraph(text='开展学术交流。')]
    """
    kept = [list(row) for row in rows if any(cell.strip() for cell in row)]
    if not kept:
        return []
    lone = [sum(1 for cell in row if cell.strip()) <= 1 for row in kept]
    if all(lone):
        return [Paragraph(text) for row in kept if (text := paragraph_text("".join(row)))]
    first = next(i for i, row in enumerate(kept) if not lone[i] and not _caption_row(row))
    last = len(lone) - lone[::-1].index(False)
    before = [text for row in kept[:first] if (text := paragraph_text(" ".join(c for c in row if c.strip())))]
    after = [Paragraph(text) for row in kept[last:] if (text := paragraph_text("".join(row)))]
    grid = kept[first:last]
    used = [j for j in range(max(len(row) for row in grid)) if any(j < len(r) and r[j].strip() for r in grid)]
    grid = [[row[j] if j < len(row) else "" for j in range(used[0], used[-1] + 1)] for row in grid]
    title = next((text for text in before if not _CAPTION_PHRASE.match(text)), None)
    others = [Paragraph(text) for text in before if text != title]
    block = table_block(grid, first_row_is_one_cell=False, caption=title or sheet_name.strip() or None)
    if isinstance(block, Table) and page is not None:
        block = replace(block, page=page)
    heading = [Paragraph(title)] if title and opens_document else []
    return [*heading, *others, *([block] if block else []), *after]


# What a caption row above a table says: who compiled it, for which unit, in which unit of money.
_CAPTION_PHRASE = re.compile(
    r"^[(（]?\s*(?:编制单位|编制部门|填报单位|预算单位|单位名称|部门名称|部门|金额单位|单位)\s*[:：]"
)


def _caption_row(row: Sequence[str]) -> bool:
    """A row whose every non-empty cell is a caption phrase ('编制单位:某某局' | '单位:万元')."""
    cells = [normalise(cell).strip() for cell in row if cell.strip()]
    return bool(cells) and all(_CAPTION_PHRASE.match(cell) for cell in cells)


def format_value(value: Value) -> str:
    """A cell value as text, numbers as stored (shortest form within 15 significant digits).

    >>> [format_value(v) for v in (474.91, 22.0, 0.1 + 0.2, -0.0, 1e20, 1.5e-7, True)]
    ['474.91', '22', '0.3', '0', '100000000000000000000', '0.00000015', 'TRUE']
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        number = Decimal(format(value, ".15g"))
        if number == number.to_integral_value():
            return str(int(number))
        return format(number.normalize(), "f")
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _read_once(
    values: list[list[Value]], merged: list[tuple[tuple[int, int], tuple[int, int]]]
) -> list[list[str]]:
    """Cell texts with every merged range read once (its top-left value, '' elsewhere)."""
    rows = [[cell_text(format_value(value)) for value in row] for row in values]
    for (top, left), (bottom, right) in merged:
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, min(right, len(row) - 1) + 1):
                if (r, c) != (top, left):
                    row[c] = ""
    return rows

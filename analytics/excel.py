"""Excel workbooks (.xlsx) of query results and polars frames, for analysts who work in a spreadsheet.

Values keep their types: money (`Decimal`) and counts are numbers, dates and times are dates, NULL is
an empty cell. Text stays text: a cell that begins with `=` is written as a string, never as a
formula (the openpyxl default would make `=HYPERLINK(…)` in a document title a live link), control
characters that the format cannot hold are dropped, and text longer than Excel's cell limit (32,767
characters) is cut. Lists (`documents.notes`) are written as `[a, b]`.

>>> write_xlsx(["metric", "value"], [("reception", Decimal("2.55"))], "out.xlsx")  # doctest: +SKIP
>>> frame_to_xlsx(three_public_frame, "three_public.xlsx", sheet="三公")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, cast

from analytics.load.query import text

if TYPE_CHECKING:
    import polars as pl

MAX_CELL = 32_767
"""The most characters an Excel cell holds."""

MAX_ROWS = 1_048_575
"""Rows an Excel sheet holds below its header line."""


def write_xlsx(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    target: str | os.PathLike[str] | IO[bytes],
    *,
    sheet: str = "result",
) -> int:
    """Write one sheet with a header line and the rows; the number of rows written.

    `target` is a path or a binary file. Raises ValueError for more rows than a sheet holds.
    """
    from openpyxl import Workbook  # loaded only when a workbook is written
    from openpyxl.cell import Cell, WriteOnlyCell

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(_sheet_title(sheet))

    def cell(value: object) -> Cell:
        written = WriteOnlyCell(worksheet, value=cast(Any, _value(value)))  # Decimal is a number too
        if isinstance(written.value, str):
            written.data_type = "s"  # text, even when it begins with '='
        return written

    worksheet.append([cell(c) for c in columns])
    count = 0
    for row in rows:
        count += 1
        if count > MAX_ROWS:
            raise ValueError(f"more than {MAX_ROWS} rows: an Excel sheet holds no more; use CSV or Parquet")
        worksheet.append([cell(v) for v in row])
    if isinstance(target, str | os.PathLike):
        workbook.save(os.fspath(target))
    else:
        buffer = io.BytesIO()
        workbook.save(buffer)
        target.write(buffer.getvalue())
    return count


def frame_to_xlsx(
    frame: pl.DataFrame, target: str | os.PathLike[str] | IO[bytes], *, sheet: str = "data"
) -> int:
    """Write a polars frame as one sheet (exact decimals stay exact numbers); the rows written.

    >>> frame_to_xlsx(deflate(series, base_year=2015), "real_terms.xlsx")  # doctest: +SKIP
    """
    return write_xlsx(frame.columns, frame.iter_rows(), target, sheet=sheet)


def _value(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | Decimal):
        if isinstance(value, Decimal) and not value.is_finite():
            return str(value)
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.replace(tzinfo=None) if isinstance(value, dt.datetime | dt.time) else value
    written = value if isinstance(value, str) else text(value)
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    written = ILLEGAL_CHARACTERS_RE.sub("", written)
    return written[:MAX_CELL]


def _sheet_title(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in name).strip("'") or "sheet"
    return cleaned[:31]


__all__ = ["MAX_CELL", "MAX_ROWS", "frame_to_xlsx", "write_xlsx"]

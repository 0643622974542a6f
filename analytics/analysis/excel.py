"""Any analysis frame as an Excel workbook (see `analytics.excel` for how values are written).

>>> to_excel(execution_rates(db), "execution.xlsx", sheet="执行率")  # doctest: +SKIP
"""

from __future__ import annotations

import os
from typing import IO

import polars as pl

from analytics.excel import frame_to_xlsx


def to_excel(frame: pl.DataFrame, path: str | os.PathLike[str] | IO[bytes], *, sheet: str = "data") -> int:
    """Write `frame` to an .xlsx workbook of one sheet (exact decimals as numbers, text kept as text,
    never a formula); the number of rows written."""
    return frame_to_xlsx(frame, path, sheet=sheet)


__all__ = ["to_excel"]

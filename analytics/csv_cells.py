"""CSV cells that a spreadsheet would run as a formula, made plain text: for every CSV we write.

Excel, LibreOffice and Google Sheets read a cell that begins with `=`, `+`, `-` or `@` as a formula
(and a leading tab or carriage return can hide one), so a document title such as
`=HYPERLINK("http://…","点击")` would land in an analyst's sheet as a live link. Such a text cell gets
a leading apostrophe, the mark spreadsheets themselves use for "this is text" (OWASP's advice for CSV
injection). A plain number (`-5`, `+3.2`) is left alone: a spreadsheet reads it as the number it is.
Only text is touched: numeric columns are written as numbers.

>>> [safe_cell(text) for text in ("=HYPERLINK(\\"http://x\\")", "@SUM(A1)", "-5.30", "-2+3", "公务接待费")]
['\\'=HYPERLINK("http://x")', "'@SUM(A1)", '-5.30', "'-2+3", '公务接待费']
"""

from __future__ import annotations

import re

FORMULA_START = r"^[=+\-@\t\r]"
"""A cell beginning like this is read as a formula (or hides one after a tab or carriage return)."""

PLAIN_NUMBER = r"^[+-]?\d+(?:\.\d+)?$"
"""…unless it is just a signed number."""

_FORMULA_START = re.compile(FORMULA_START)
_PLAIN_NUMBER = re.compile(PLAIN_NUMBER)


def safe_cell(text: str) -> str:
    """`text` as a CSV cell that no spreadsheet runs as a formula (see the module docstring)."""
    if _FORMULA_START.match(text) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


__all__ = ["FORMULA_START", "PLAIN_NUMBER", "safe_cell"]

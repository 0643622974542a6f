"""How the commands print: a console per stream, paths and text made safe for a terminal or a log.

Output goes to a terminal at its width, and anywhere else unwrapped (one table row per line), so
that a log or a pipe gets whole lines. Text that comes from files or the database is printed with
its control characters escaped (`printable`).
"""

from __future__ import annotations

import os
import re
import sys

from rich.console import Console
from rich.text import Text

from analytics.load.query import text as cell_text

WIDE = 10_000  # when output is not a terminal, never wrap: one table row per line


def make_console(*, stderr: bool = False) -> Console:
    """A console on stdout (or stderr): at the terminal's width, or unwrapped when not a terminal."""
    stream = sys.stderr if stderr else sys.stdout  # looked up per call: CliRunner swaps them
    shown = Console(file=stream, highlight=False)
    if not shown.is_terminal:
        shown = Console(file=stream, highlight=False, width=WIDE)
    return shown


def shown_path(path: object) -> str:
    """A path relative to the working directory when it lies below it, else as stored; control
    characters escaped."""
    name = "" if path is None else str(path)
    try:
        relative = os.path.relpath(name)
    except ValueError:  # another drive on Windows
        return printable(name)
    return printable(relative if os.path.isabs(name) and not relative.startswith("..") else name)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_IN_DATA = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str, *, keep_lines: bool = False) -> str:
    r"""`text` safe to print on a terminal or in a log: control characters (terminal escape sequences,
    carriage returns that overwrite a line, bidirectional overrides that reorder it) are written as
    escapes. `keep_lines` keeps newlines and tabs (a table cell of several lines).

    >>> printable("报告\x1b[31m.txt\n")
    '报告\\x1b[31m.txt\\n'
    """
    return (_CONTROL_IN_DATA if keep_lines else _CONTROL).sub(_escape, text)


def cell(value: object) -> Text:
    """A table cell: NULL dimmed, any other value as text, control characters escaped."""
    return Text("NULL", style="dim") if value is None else Text(printable(cell_text(value), keep_lines=True))


__all__ = ["WIDE", "cell", "make_console", "printable", "shown_path"]

"""Tables flattened into lines of words and figures separated by spaces: space-aligned columns (a
label and its figures on each line, column headers above them) and a whole table run together on
one line (labels each followed by a lone figure)."""

from __future__ import annotations

import re

from analytics.model import Block, Table
from analytics.read.shape.grid import (
    Rows,
    is_integer,
    is_number,
    lay_out_header,
    without_empty_columns,
)
from analytics.read.shape.rebuilt import (
    CAPTION,
    CHANGE_WORD,
    GLUED_FIGURE,
    SENTENCE,
    SHORT,
    Found,
    is_cell_line,
    rebuilt_table,
    text_of,
)
from analytics.read.shape.spaces import squeeze_cell, squeeze_spaces

_SPACED_OUT = re.compile(r"(?<![\S])([\u3400-\u9fff])(?:\s+([\u3400-\u9fff])(?!\S))+")
_ROW_TOKENS = re.compile(r"\s+")


def _tokens(text: str) -> list[str]:
    """The space-separated fields of a line, a spaced-out word ('项 目') counted as one."""
    text = _SPACED_OUT.sub(lambda m: "".join(m.group(0).split()), text.strip())
    return [t for t in _ROW_TOKENS.split(text) if t]


def _aligned_row(text: str) -> list[str] | None:
    """A label followed by figures ('2.公务接待费 2.4 4.8 -2.4 -50.00%'), as cells; None otherwise.
    A spreadsheet exported without separators glues a label to its one amount ('行政经费177.50'):
    a decimal figure right after a Chinese character, ending the line, splits off (not after words
    of change: '…减少91.91' is prose cut by the page)."""
    if SENTENCE.search(text):
        return None
    tokens = _tokens(text)
    if len(tokens) == 1 and (glued := GLUED_FIGURE.search(tokens[0])) and not CHANGE_WORD.search(tokens[0]):
        return [tokens[0][: glued.start(1)], glued.group(1)]  # '行政经费177.50': a cell each, joined
    if len(tokens) < 2 or is_number(tokens[0]):
        return None
    figures = 0
    for token in reversed(tokens):
        if not is_number(token):
            break
        figures += 1
    if figures == 0:
        return None
    return [" ".join(tokens[: len(tokens) - figures]), *tokens[len(tokens) - figures :]]


def aligned_table(blocks: list[Block], start: int, out: list[Block]) -> Found | None:
    rows: list[list[str]] = []
    end = start
    last_figures = start
    while end < len(blocks):
        text = text_of(blocks[end])
        if text is None or len(text) > 2 * SHORT:
            break
        row = _aligned_row(text)
        if row is not None:
            rows.append(row)
            last_figures = end
        elif rows and is_cell_line(blocks[end]) and len(tokens := _tokens(text)) in (1, len(rows[-1])):
            rows.append(tokens)  # a label whose figures are blank or words ('单位不需填列')
        else:
            break
        end += 1
    figures = [r for r in rows if len(r) > 1]
    if len(figures) < 2 or not rows or len(rows[0]) < 2:
        return None
    rows = rows[: len(rows) - (end - 1 - last_figures)] if end - 1 > last_figures else rows
    end = last_figures + 1
    width = max(len(r) for r in figures)
    header: Rows = []
    for _ in range(2):  # up to two header lines right above
        previous = text_of(out[-1]) if out else None
        if previous is None or SENTENCE.search(previous) or CAPTION.search(previous):
            break
        tokens = _tokens(previous)
        if not 2 <= len(tokens) <= width or any(is_number(t) for t in tokens):
            break
        header.insert(0, tokens)
        out.pop()
    if len(header) == 2:
        laid = lay_out_header(header[0], header[1], width)
        cells = laid if laid is not None else [header[1] + [""] * (width - len(header[1]))]
    elif header:
        cells = [header[0] + [""] * (width - len(header[0]))]
    else:
        cells = []
    return Found(end, rebuilt_table([*cells, *rows], out, []))


# --- a table run together on one line ------------------------------------------------------------

# A figure standing alone between spaces, not followed by a unit or a date word: a table's cell.
_LONE_FIGURE = re.compile(
    r"(?<=\S)\s+([-+]?\d[\d,]*(?:\.\d+)?)\s+(?![万亿千元年月日%个辆台批名次])(?=\S)|\s+([-+]?\d[\d,]*\.\d+)\s*$"
)
_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(?:万元|亿元|千元|元)")
_MIN_RUN_TOGETHER = 4  # lone figures
_UNIT_START = re.compile(r"^[万亿千元年月日%个辆台批名次]")
_TABLE_NUMBER = re.compile(r"^(?:表|公开)\s*\d")


def is_run_together(text: str) -> bool:
    """A line holding a table's rows one after the other: labels each followed by a lone figure
    ('一、一般公共预算拨款收入 16,745.59 一、一般公共服务支出 二、…'), at least `_MIN_RUN_TOGETHER`."""
    found = _LONE_FIGURE.finditer(text)
    return sum(1 for _ in zip(found, range(_MIN_RUN_TOGETHER), strict=False)) >= _MIN_RUN_TOGETHER


def run_together_table(text: str) -> list[Block]:
    """The rows a run-together line states, as a table following the line (which stays: only the
    pairs of a label and its figures are sure, the rest of the line keeps its words).

    The table starts at the first label followed by a decimal figure (whole numbers before it are
    page and section numbers); a figure followed by a unit or date word is prose. A small whole
    number between a label and a decimal figure is a row number ('收入 1 83.22'), and so is a lone
    one where most labels have one. The caption is the line's text from its last table number
    ('表1') to its unit ('单位:万元')."""
    tokens = _tokens(text)
    pairs: list[tuple[int, list[str]]] = []  # (position of the label, [label, figures...])
    for i, token in enumerate(tokens):
        if i == 0 or not _is_lone_figure(tokens, i) or is_number(tokens[i - 1]):
            continue
        figures = [token]
        j = i + 1
        while j < len(tokens) and _is_lone_figure(tokens, j) and len(figures) < 3:
            figures.append(tokens[j])
            j += 1
        pairs.append((i - 1, [tokens[i - 1], *figures]))
    start = next((n for n, (_, row) in enumerate(pairs) if any("." in c for c in row[1:])), len(pairs))
    pairs = pairs[start:]
    if len(pairs) < 2:
        return []
    numbered = sum(1 for _, row in pairs if len(row) == 3 and is_integer(row[1]) and not is_integer(row[2]))
    rows: Rows = []
    for _, row in pairs:
        if numbered * 2 >= len(pairs) and is_integer(row[1]):
            row = [row[0], *row[2:]] if len(row) > 2 else [row[0], ""]
        rows.append(row)
    rows = without_empty_columns([[squeeze_cell(c) for c in r] for r in rows])
    table = Table(rows=tuple(tuple(r) for r in rows), caption=_run_together_caption(tokens[: pairs[0][0]]))
    return [table]


def _is_lone_figure(tokens: list[str], i: int) -> bool:
    """A figure token not followed by a unit or date word ('2019 年…', '12 万元')."""
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    return is_number(tokens[i]) and not _UNIT_START.match(following)


def _run_together_caption(before: list[str]) -> str | None:
    anchor = max((i for i, t in enumerate(before) if _TABLE_NUMBER.match(t)), default=max(0, len(before) - 6))
    text = " ".join(before[anchor:])
    unit = _UNIT.search(text)
    caption = text[: unit.end()] if unit else text
    return squeeze_spaces(caption).strip() or None

"""Tables that a text export flattened into paragraphs, rebuilt into `Table` blocks.

Four shapes are recognised, each by the way its cells are separated:

- **Pipes**: every cell ends with '|' ('合计 |'), one per line or a row per line, or '|' stands on
  lines of its own between the cells ('|' / '项 目' / '|'); '||' is empty cells; a cell may run over
  two lines ('公务用车' / '购置费 |'). A run of such lines, with the one short line before a leading
  '|', is one table.
- **One cell per line**: a run of short lines, none a sentence, where labels are followed by lines
  that are only a figure ('合计' / '3.1' / '因公出国(境)费' / '0').
- **Space-aligned columns**: lines of a label and figures separated by spaces
  ('2.公务接待费 2.4 4.8 -2.4 -50.00%'), label-only lines among them, with up to two lines of
  column headers above them ('项目 本年预算数 上年预算数').
- **Run together on one line** (a PDF or spreadsheet exported as one line of words): labels each
  followed by a figure standing alone between spaces ('一、一般公共预算拨款收入 16,745.59 一、…'). Only
  the pairs of a label and its figures are sure, so the line stays and the pairs follow it as a
  table of two columns.

Where a row per line is not given, the rows are found from the cells: a data row is a label and the
figures after it (or figures alone, under a header of labels); the number of columns is the one that
makes every row a label followed by figures. The header cells before the first data row are laid out
over those columns (see `grid.split_header`), or left out where figures stand under more labels
than columns (a horizontal table whose spans are lost); a title ('…预算表'), a unit line ('单位:万元') or an
attachment number ('附件8') among them, or on the line right above the table, is the caption. Empty
columns and row-number columns and rows (行次, 栏次) are dropped.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from analytics.model import Block, Paragraph, Table
from analytics.read.shape.grid import (
    ROW_NUMBER_LABEL,
    Rows,
    column_kinds,
    is_integer,
    is_number,
    lay_out_header,
    split_header,
    squeeze,
    unpack_row,
    without_empty_columns,
    without_row_numbers,
)
from analytics.read.shape.spaces import squeeze_cell, squeeze_spaces

_CAPTION = re.compile(
    r"(?:^|[\s(（])(?:金额)?单位\s*[:：]|^附[件表]\s*\d*\s*[:：]?\s*$|表\s*$|^表\s*\d+|^(?:部门|单位|编制单位|单位名称)\s*[:：]"
)
_SENTENCE = re.compile(r"[。;!?]|,(?!\d{3})")  # a comma between digits separates thousands
_SPACED_OUT = re.compile(r"(?<![\S])([\u3400-\u9fff])(?:\s+([\u3400-\u9fff])(?!\S))+")
_ROW_TOKENS = re.compile(r"\s+")
_SHORT = 40  # characters: longer lines are not cells
_HEADER_ROWS = 5  # a row-number column is named, or a row-number row stands, among a table's first rows
_FIGURE_ENDS = frozenset("0123456789%-—")  # how a row of space-aligned figures ends
_GLUED_FIGURE = re.compile(r"[\u3400-\u9fff)”](\d[\d,]*\.\d+)$")
_CHANGE_WORD = re.compile(r"增加|减少|增长|下降|降低|上升|较|比|为|共|计")


def may_apply(texts: list[str], joined: str) -> bool:
    """Whether paragraphs with these texts (`joined`: them joined by newlines) may hold a flattened
    table (a quick look): a pipe, two lines that are only a figure, or a line ending with a figure
    with a space in it."""
    if "|" in joined:
        return True
    figure_lines = 0
    for t in texts:  # one loop for the three looks (a generator per look costs more than the looks)
        if t[-1:] in _FIGURE_ENDS and (" " in t or _GLUED_FIGURE.search(t)):
            return True
        if len(t) > 2 * _SHORT and " " in t and _is_run_together(t):
            return True
        if len(t) <= 16 and is_number(t):
            figure_lines += 1
    return figure_lines >= 2


@dataclass
class _Found:
    end: int  # the index after the last block used
    blocks: list[Block]


def rebuild_tables(blocks: list[Block]) -> list[Block]:
    """Blocks with every flattened table rebuilt (see the module docstring); other blocks as they were."""
    out: list[Block] = []
    i = 0
    no_cells_until = 0  # a run of short lines already found to hold no one-cell-per-line table
    while i < len(blocks):
        block = blocks[i]
        found = None
        if isinstance(block, Paragraph):
            if "|" in block.text:
                found = _pipes(blocks, i, out)
            elif len(block.text) <= _SHORT:
                if i >= no_cells_until:
                    run_end = _run_end(blocks, i)
                    found = _cell_lines(blocks, i, run_end, out) if run_end - i >= 4 else None
                    if found is None:
                        no_cells_until = run_end
                if (
                    found is None
                    and block.text[-1:] in _FIGURE_ENDS
                    and (" " in block.text or _GLUED_FIGURE.search(block.text))
                ):
                    found = _aligned(blocks, i, out)
            elif " " in block.text and _is_run_together(block.text):
                found = _Found(i + 1, [block, *_run_together(block.text)])
        if found is None:
            out.append(block)
            i += 1
        else:
            out.extend(found.blocks)
            i = found.end
    return out


# --- pipes ---------------------------------------------------------------------------------------


def _text(block: Block) -> str | None:
    return block.text if isinstance(block, Paragraph) else None


def _pipes(blocks: list[Block], start: int, out: list[Block]) -> _Found | None:
    end = start
    while end < len(blocks):
        text = _text(blocks[end])
        if text is None:
            break
        if "|" in text:
            end += 1
            continue
        # a cell running over lines: short text lines followed by a line with a pipe
        ahead = end
        while ahead < len(blocks) and ahead - end < 3:
            t = _text(blocks[ahead])
            if t is None or "|" in t or len(t) > _SHORT or _SENTENCE.search(t):
                break
            ahead += 1
        t = _text(blocks[ahead]) if ahead < len(blocks) else None
        if ahead > end and t is not None and "|" in t:
            end = ahead + 1
            continue
        break
    lines = [_text(b) or "" for b in blocks[start:end]]
    first = lines[0].strip()
    before = out[-1] if out else None
    lead = None
    if first.startswith("|") or not first.replace("|", "").strip():
        text = _text(before) if before is not None else None
        if text is not None and len(text) <= _SHORT and "|" not in text and not _SENTENCE.search(text):
            lead = text  # the first cell, or a caption: split_cells decides
    found = _pipe_rows(lines, lead, at_end=end == len(blocks))
    if found is None:
        return None
    if lead is not None:
        out.pop()
    captions, rows, loose = found
    # the title and unit lines of the table stay paragraphs too: they name the document
    titles = [Paragraph(c) for c in captions if _CAPTION.search(c)]
    out.extend(titles)
    table = _table(rows, out, captions)
    del out[len(out) - len(titles) :]
    return _Found(end, [*titles, *table, *(Paragraph(line) for line in loose)])


def _pipe_rows(
    lines: list[str], lead: str | None, *, at_end: bool = False
) -> tuple[list[str], Rows, list[str]] | None:
    """(captions, rows, lines after the table) of a run of pipe lines: a row per line where most
    lines hold several cells, else rows found from the stream of cells. A row of figures that is
    short of columns with no empty cells marked ('22.00 | 8.77 |' under twelve columns) lost its
    empty cells: where its figures stand is unknown, and it follows the table as a line of text
    (unless it is the last of a text that ends with it: cut off, not shifted)."""
    split = [_split_pipe_line(line) for line in lines]
    several = sum(1 for cells in split if sum(1 for c in cells if c.strip()) >= 2)
    single = sum(
        1
        for cells in split
        if sum(1 for c in cells if c.strip()) == 1
        and not _is_caption_row(cells)
        and not _is_sentence_row(cells)
    )
    if several >= 2 and several >= single and lead is None:
        rows = [cells for cells in split if not _is_separator(cells)]
        captions: list[str] = []
        while rows and _is_caption_row(rows[0]):
            captions.append(" ".join(c for c in rows.pop(0) if c.strip()))
        after: list[str] = []
        while rows and _is_sentence_row(rows[-1]):
            after.insert(0, " ".join(c for c in rows.pop() if c.strip()))
        if not rows:
            return None
        width = max(len(r) for r in rows)
        kinds = column_kinds(rows)
        placed: Rows = []
        loose: list[str] = []
        for n, row in enumerate(rows):
            cut = at_end and n == len(rows) - 1
            if len(row) < width and row[-1].strip() and any(map(is_number, row)) and not cut:
                loose.append(" | ".join(row))
            elif kinds and not row[-1].strip():
                placed.append(unpack_row(row, kinds))
            else:
                placed.append(row)
        return captions, placed, loose + after
    stream = "\n".join(([lead] if lead else []) + lines)
    pieces = stream.split("|")
    if pieces and not pieces[0].strip():
        pieces = pieces[1:]
    if pieces and not pieces[-1].strip():
        pieces = pieces[:-1]
    cells = ["".join(p.split("\n")).strip() for p in pieces]
    return _rows_from_cells(cells)


def _is_caption_row(row: list[str]) -> bool:
    """A title or unit row over a table ('…统计表 | |', '| 单位:万元 |'): no figure, a caption cell."""
    return not any(map(is_number, row)) and any(_CAPTION.search(c) for c in row if c.strip())


def _is_sentence_row(row: list[str]) -> bool:
    """A note under a table ('注:…。 |'): one cell, a sentence."""
    cells = [c for c in row if c.strip()]
    return len(cells) == 1 and bool(_SENTENCE.search(cells[0]))


def _split_pipe_line(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [c.strip() for c in text.split("|")]


def _is_separator(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?", c.strip()) for c in cells if c.strip()) and any(
        c.strip() for c in cells
    )


# --- rows from a stream of cells -----------------------------------------------------------------


def _kind(cell: str) -> str:
    if not cell.strip():
        return "E"
    return "N" if is_number(cell) else "T"


def _rows_from_cells(cells: list[str]) -> tuple[list[str], Rows, list[str]] | None:
    """(captions, rows, []) from cells whose row breaks were lost (see the module docstring); None
    if no figure."""
    kinds = [_kind(c) for c in cells]
    start = next(
        (i for i, k in enumerate(kinds) if k == "T" and i + 1 < len(kinds) and kinds[i + 1] == "N"), None
    )
    first_number = next((i for i, k in enumerate(kinds) if k == "N"), None)
    if first_number is None:
        return None
    horizontal = start is None or start > first_number
    if horizontal:  # figures under a header of labels
        start = first_number
        width = next((j for j in range(start, len(kinds)) if kinds[j] == "T"), len(kinds)) - start
    else:
        width = _best_width(kinds[start:])
    if width < 1:
        return None
    head, data = cells[:start], cells[start:]
    rows = [data[i : i + width] for i in range(0, len(data), width)]
    leading, unused, header = _with_header(head, width)
    if horizontal and unused:  # the labels over the figures are unknown: no header rather than a guess
        return leading + unused + [c for row in header for c in row if c], rows, []
    return leading + unused, header + rows, []


def _best_width(kinds: list[str]) -> int:
    """The number of columns that makes the most rows a label followed by figures or blanks."""
    best, best_score = 0, -1.0
    for width in range(2, min(16, len(kinds)) + 1):
        rows = [kinds[i : i + width] for i in range(0, len(kinds), width)]
        good = sum(1 for r in rows if r[0] == "T" and "T" not in r[1:])
        score = good / len(rows) - (0.01 * width)
        if good and score > best_score:
            best, best_score = width, score
    return best


def _with_header(head: list[str], width: int) -> tuple[list[str], list[str], Rows]:
    """The cells before a table's first data row as (the cells up to its last caption-like one
    ('…预算表', '单位:万元'), the labels after them that fit no header over `width` columns, the
    header rows)."""
    head = [c for c in head if c.strip()]
    last_caption = max((i for i, c in enumerate(head) if _CAPTION.search(c)), default=-1)
    leading, labels = head[: last_caption + 1], head[last_caption + 1 :]
    unused, header = split_header(labels, width) if labels else ([], [])
    return leading, unused, header


# --- one cell per line ---------------------------------------------------------------------------


def _is_cell_line(block: Block) -> bool:
    """A short line that is no sentence: a figure, or a label of two characters or more (a single
    character per line is text set vertically, not a table)."""
    text = _text(block)
    if text is None or not 0 < len(text) <= _SHORT or "|" in text or _SENTENCE.search(text):
        return False
    return len(text.strip()) >= 2 or text.strip().isdigit()


def _run_end(blocks: list[Block], start: int) -> int:
    end = start
    while end < len(blocks) and _is_cell_line(blocks[end]):
        end += 1
    return end


def _cell_lines(blocks: list[Block], start: int, end: int, out: list[Block]) -> _Found | None:
    """The table in the run of cell lines blocks[start:end], if any."""
    if is_number(_text(blocks[start]) or ""):
        return None  # a table does not start with a figure
    lines = [_text(b) or "" for b in blocks[start:end]]
    kinds = [_kind(c) for c in lines]
    rows_with_figures = sum(1 for a, b in itertools.pairwise(kinds) if a == "T" and b == "N")
    if rows_with_figures < 2:
        return None
    first = kinds.index("N") - 1
    last = len(kinds) - 1 - kinds[::-1].index("N")
    rows: Rows = []
    for line, kind in zip(lines[first : last + 1], kinds[first : last + 1], strict=True):
        if kind == "T" or not rows:
            rows.append([line])
        else:
            rows[-1].append(line)
    # label-only rows right after the last figure belong to the table too, up to a heading-like line
    tail = last + 1
    while (
        tail < len(lines)
        and not _CAPTION.search(lines[tail])
        and not re.match(r"^[一二三四五六七八九十]+、", lines[tail])
    ):
        rows.append([lines[tail]])
        tail += 1
    width = max(len(r) for r in rows)
    head_start = max(0, first - 2 * width - 4)
    leading, unused, header = _with_header(lines[head_start:first], width)
    # the lines before the table stay paragraphs (the title and unit lines right above it are also
    # its caption); labels that fit no header are caption only
    out.extend(Paragraph(line) for line in lines[:head_start] + leading)
    return _Found(start + tail, _table(header + rows, out, unused))


# --- space-aligned columns -----------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    """The space-separated fields of a line, a spaced-out word ('项 目') counted as one."""
    text = _SPACED_OUT.sub(lambda m: "".join(m.group(0).split()), text.strip())
    return [t for t in _ROW_TOKENS.split(text) if t]


def _aligned_row(text: str) -> list[str] | None:
    """A label followed by figures ('2.公务接待费 2.4 4.8 -2.4 -50.00%'), as cells; None otherwise.
    A spreadsheet exported without separators glues a label to its one amount ('行政经费177.50'):
    a decimal figure right after a Chinese character, ending the line, splits off (not after words
    of change: '…减少91.91' is prose cut by the page)."""
    if _SENTENCE.search(text):
        return None
    tokens = _tokens(text)
    if len(tokens) == 1 and (glued := _GLUED_FIGURE.search(tokens[0])) and not _CHANGE_WORD.search(tokens[0]):
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


def _aligned(blocks: list[Block], start: int, out: list[Block]) -> _Found | None:
    rows: list[list[str]] = []
    end = start
    last_figures = start
    while end < len(blocks):
        text = _text(blocks[end])
        if text is None or len(text) > 2 * _SHORT:
            break
        row = _aligned_row(text)
        if row is not None:
            rows.append(row)
            last_figures = end
        elif rows and _is_cell_line(blocks[end]) and len(tokens := _tokens(text)) in (1, len(rows[-1])):
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
        previous = _text(out[-1]) if out else None
        if previous is None or _SENTENCE.search(previous) or _CAPTION.search(previous):
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
    return _Found(end, _table([*cells, *rows], out, []))


# --- a table run together on one line ------------------------------------------------------------

# A figure standing alone between spaces, not followed by a unit or a date word: a table's cell.
_LONE_FIGURE = re.compile(
    r"(?<=\S)\s+([-+]?\d[\d,]*(?:\.\d+)?)\s+(?![万亿千元年月日%个辆台批名次])(?=\S)|\s+([-+]?\d[\d,]*\.\d+)\s*$"
)
_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(?:万元|亿元|千元|元)")
_MIN_RUN_TOGETHER = 4  # lone figures
_UNIT_START = re.compile(r"^[万亿千元年月日%个辆台批名次]")
_TABLE_NUMBER = re.compile(r"^(?:表|公开)\s*\d")


def _is_run_together(text: str) -> bool:
    """A line holding a table's rows one after the other: labels each followed by a lone figure
    ('一、一般公共预算拨款收入 16,745.59 一、一般公共服务支出 二、…'), at least `_MIN_RUN_TOGETHER`."""
    found = _LONE_FIGURE.finditer(text)
    return sum(1 for _ in zip(found, range(_MIN_RUN_TOGETHER), strict=False)) >= _MIN_RUN_TOGETHER


def _run_together(text: str) -> list[Block]:
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


# --- tables of every format ---------------------------------------------------------------------


def drop_row_numbers(blocks: list[Block]) -> list[Block]:
    """Every table without its row-number columns and rows (行次, 栏次: see
    `grid.without_row_numbers`), whichever reader made it; tables without them are kept as they are."""
    tables = [b for b in blocks if type(b) is Table]
    if not any(_names_row_numbers(table) for table in tables):
        return blocks
    out: list[Block] = []
    for block in blocks:
        if type(block) is Table and _names_row_numbers(block):
            rows = without_row_numbers([list(row) for row in block.rows])
            if rows != [list(row) for row in block.rows]:
                block = Table(rows=tuple(tuple(r) for r in rows), caption=block.caption)
        out.append(block)
    return out


def _names_row_numbers(table: Table) -> bool:
    """Whether one of the table's first rows has a cell '行次' or '栏次' (a quick look)."""
    head = table.rows[:_HEADER_ROWS]
    return "次" in "".join(["".join(row) for row in head]) and any(
        ROW_NUMBER_LABEL.match(squeeze(cell)) for row in head for cell in row if "次" in cell
    )


# --- the block -----------------------------------------------------------------------------------


def _table(rows: Rows, out: list[Block], captions: list[str]) -> list[Block]:
    """The Table block for rebuilt rows. Its caption: the caption lines right above the table (a
    title, a unit line: they stay paragraphs too), then the `captions` found among its cells."""
    above: list[str] = []
    for block in reversed(out[-2:]):
        text = _text(block)
        if text is None or not _CAPTION.search(text) or len(text) > 2 * _SHORT:
            break
        above.insert(0, text.strip())
    lines = [*above, *(c.strip() for c in captions if c.strip() not in above)]
    rows = without_empty_columns(without_row_numbers(rows))
    cells = tuple(tuple(squeeze_cell(c) for c in r) for r in rows)
    return [Table(rows=cells, caption="\n".join(squeeze_spaces(line).strip() for line in lines) or None)]

"""Tables that a text export flattened into paragraphs, rebuilt into `Table` blocks.

Four shapes are recognised, each by the way its cells are separated (the last two are read in
`aligned`):

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
columns and row-number columns and rows (行次, 栏次) are dropped. A row of figures shorter than the
table with no empty cell marked lost its empty cells: it is kept apart as one of the table's `loose`
rows, whose columns only the extractor's sums may tell (`extract.tables.shifted`).
"""

from __future__ import annotations

import itertools
import re

from analytics.model import Block, Paragraph
from analytics.read.shape.aligned import aligned_table, is_run_together, run_together_table
from analytics.read.shape.grid import (
    Rows,
    column_kinds,
    is_number,
    split_header,
    unpack_row,
)
from analytics.read.shape.rebuilt import (
    CAPTION,
    FIGURE_ENDS,
    GLUED_FIGURE,
    SENTENCE,
    SHORT,
    Found,
    is_cell_line,
    rebuilt_table,
    text_of,
)

_SPACED_OUT = re.compile(r"(?<![\S])([\u3400-\u9fff])(?:\s+([\u3400-\u9fff])(?!\S))+")
_ROW_TOKENS = re.compile(r"\s+")


def may_apply(texts: list[str], joined: str) -> bool:
    """Whether paragraphs with these texts (`joined`: them joined by newlines) may hold a flattened
    table (a quick look): a pipe, two lines that are only a figure, or a line ending with a figure
    with a space in it."""
    if "|" in joined:
        return True
    figure_lines = 0
    for t in texts:  # one loop for the three looks (a generator per look costs more than the looks)
        if t[-1:] in FIGURE_ENDS and (" " in t or GLUED_FIGURE.search(t)):
            return True
        if len(t) > 2 * SHORT and " " in t and is_run_together(t):
            return True
        if len(t) <= 16 and is_number(t):
            figure_lines += 1
    return figure_lines >= 2


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
            elif len(block.text) <= SHORT:
                if i >= no_cells_until:
                    run_end = _run_end(blocks, i)
                    found = _cell_lines(blocks, i, run_end, out) if run_end - i >= 4 else None
                    if found is None:
                        no_cells_until = run_end
                if (
                    found is None
                    and block.text[-1:] in FIGURE_ENDS
                    and (" " in block.text or GLUED_FIGURE.search(block.text))
                ):
                    found = aligned_table(blocks, i, out)
            elif " " in block.text and is_run_together(block.text):
                found = Found(i + 1, [block, *run_together_table(block.text)])
        if found is None:
            out.append(block)
            i += 1
        else:
            out.extend(found.blocks)
            i = found.end
    return out


# --- pipes ---------------------------------------------------------------------------------------


def _pipes(blocks: list[Block], start: int, out: list[Block]) -> Found | None:
    end = start
    while end < len(blocks):
        text = text_of(blocks[end])
        if text is None:
            break
        if "|" in text:
            end += 1
            continue
        # a cell running over lines: short text lines followed by a line with a pipe
        ahead = end
        while ahead < len(blocks) and ahead - end < 3:
            t = text_of(blocks[ahead])
            if t is None or "|" in t or len(t) > SHORT or SENTENCE.search(t):
                break
            ahead += 1
        t = text_of(blocks[ahead]) if ahead < len(blocks) else None
        if ahead > end and t is not None and "|" in t:
            end = ahead + 1
            continue
        break
    lines = [text_of(b) or "" for b in blocks[start:end]]
    first = lines[0].strip()
    before = out[-1] if out else None
    lead = None
    if first.startswith("|") or not first.replace("|", "").strip():
        text = text_of(before) if before is not None else None
        if text is not None and len(text) <= SHORT and "|" not in text and not SENTENCE.search(text):
            lead = text  # the first cell, or a caption: split_cells decides
    found = _pipe_rows(lines, lead, at_end=end == len(blocks))
    if found is None:
        return None
    if lead is not None:
        out.pop()
    captions, rows, after, loose = found
    # the title and unit lines of the table stay paragraphs too: they name the document
    titles = [Paragraph(c) for c in captions if CAPTION.search(c)]
    out.extend(titles)
    table = rebuilt_table(rows, out, captions, loose)
    del out[len(out) - len(titles) :]
    return Found(end, [*titles, *table, *(Paragraph(line) for line in after)])


def _pipe_rows(
    lines: list[str], lead: str | None, *, at_end: bool = False
) -> tuple[list[str], Rows, list[str], Rows] | None:
    """(captions, rows, lines after the table, loose rows) of a run of pipe lines: a row per line
    where most lines hold several cells, else rows found from the stream of cells. A row of figures
    that is short of columns with no empty cells marked ('22.00 | 8.77 |' under twelve columns) lost
    its empty cells: where its figures stand is unknown, so it is kept apart as a loose row of the
    table (unless it is the last of a text that ends with it: cut off, not shifted)."""
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
        loose: Rows = []
        for n, row in enumerate(rows):
            cut = at_end and n == len(rows) - 1
            if len(row) < width and row[-1].strip() and any(map(is_number, row)) and not cut:
                loose.append(row)
            elif kinds and not row[-1].strip():
                placed.append(unpack_row(row, kinds))
            else:
                placed.append(row)
        return captions, placed, after, loose
    stream = "\n".join(([lead] if lead else []) + lines)
    pieces = stream.split("|")
    if pieces and not pieces[0].strip():
        pieces = pieces[1:]
    if pieces and not pieces[-1].strip():
        pieces = pieces[:-1]
    cells = ["".join(p.split("\n")).strip() for p in pieces]
    found = _rows_from_cells(cells)
    return None if found is None else (*found, [])


def _is_caption_row(row: list[str]) -> bool:
    """A title or unit row over a table ('…统计表 | |', '| 单位:万元 |'): no figure, a caption cell."""
    return not any(map(is_number, row)) and any(CAPTION.search(c) for c in row if c.strip())


def _is_sentence_row(row: list[str]) -> bool:
    """A note under a table ('注:…。 |'): one cell, a sentence."""
    cells = [c for c in row if c.strip()]
    return len(cells) == 1 and bool(SENTENCE.search(cells[0]))


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
    last_caption = max((i for i, c in enumerate(head) if CAPTION.search(c)), default=-1)
    leading, labels = head[: last_caption + 1], head[last_caption + 1 :]
    unused, header = split_header(labels, width) if labels else ([], [])
    return leading, unused, header


# --- one cell per line ---------------------------------------------------------------------------


def _run_end(blocks: list[Block], start: int) -> int:
    end = start
    while end < len(blocks) and is_cell_line(blocks[end]):
        end += 1
    return end


def _cell_lines(blocks: list[Block], start: int, end: int, out: list[Block]) -> Found | None:
    """The table in the run of cell lines blocks[start:end], if any."""
    if is_number(text_of(blocks[start]) or ""):
        return None  # a table does not start with a figure
    lines = [text_of(b) or "" for b in blocks[start:end]]
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
        and not CAPTION.search(lines[tail])
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
    return Found(start + tail, rebuilt_table(header + rows, out, unused))

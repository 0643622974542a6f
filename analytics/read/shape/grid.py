"""Table geometry that flattened tables lose and every table can carry: cell types, header rows laid
out on the grid under their spanning parents, left-packed rows put back in their columns, and the
row-number rows and columns (行次, 栏次) that hold no figures.

A two-row header printed without its spans ('合计 | 因公出国(境)费 | 公务用车购置及运行费 | 公务接待费'
over '小计 | 购置费 | 运行费', six columns) is laid out as a web page's grid would be: each parent
(the upper cell whose text the lower cells share most) spans the lower cells in order, and every
other upper cell stands over one column alone:

    合计 | 因公出国(境)费 | 公务用车购置及运行费 |        |        | 公务接待费
         |                | 小计                 | 购置费 | 运行费 |
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from analytics.model import Block, Table

NUMBER_CELL = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*%?$")
_DASH_CELL = re.compile(r"^[-—–―]{1,3}$")
ROW_NUMBER_LABEL = re.compile(r"^(?:行次|栏次|序号|编号|行号)$")
_SUBTOTAL = re.compile(r"^(?:小计|合计|计)$")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Characters most labels share, which say nothing about which upper cell a lower one belongs to.
_COMMON = frozenset("费支出经计数年度项目其中的及和与")

Rows = list[list[str]]
_HEADER_ROWS = 5  # a row-number column is named, or a row-number row stands, among a table's first rows


def squeeze(text: str) -> str:
    return "".join(text.split())


def is_number(cell: str) -> bool:
    """A figure cell: '1,234.50', '-3', '12%', or a dash standing for none."""
    text = cell.strip()
    return bool(NUMBER_CELL.match(text) or _DASH_CELL.match(text))


def is_integer(cell: str) -> bool:
    text = cell.strip()
    return text.isdigit() and len(text) <= 3


def _overlap(parent: str, children: Sequence[str]) -> int:
    """How many telling characters an upper cell shares with the cells below it."""
    own = set(_CJK.findall(parent)) - _COMMON
    below = set(_CJK.findall("".join(children))) - _COMMON
    return len(own & below)


def lay_out_header(upper: list[str], lower: list[str], width: int) -> Rows | None:
    """Two header rows printed without their spans, laid out on `width` columns (see the module
    docstring); None when they cannot fill it.

    >>> lay_out_header(["项目", "预算数", "比上年增减"], ["增减额", "增减率"], 4)
    [['项目', '预算数', '比上年增减', ''], ['', '', '增减额', '增减率']]
    """
    parents = len(upper) + len(lower) - width
    if parents < 1 or len(lower) < 2 * parents or parents > len(upper):
        return None
    groups = _groups(lower, parents)
    if groups is None:
        return None
    chosen = _parents(upper, groups)
    if chosen is None:
        return None
    top: list[str] = []
    bottom: list[str] = []
    spans = dict(zip(chosen, groups, strict=True))
    for i, cell in enumerate(upper):
        group = spans.get(i)
        if group is None:
            top.append(cell)
            bottom.append("")
        else:
            top.extend([cell] + [""] * (len(group) - 1))
            bottom.extend(group)
    return [top, bottom] if len(top) == width else None


def _groups(lower: list[str], parents: int) -> list[list[str]] | None:
    """The lower cells split into one group per parent: each '小计' starts a group; one parent takes all."""
    if parents == 1:
        return [lower]
    starts = [i for i, cell in enumerate(lower) if _SUBTOTAL.match(squeeze(cell))]
    if len(starts) != parents or starts[0] != 0:
        return None
    bounds = [*starts, len(lower)]
    groups = [lower[a:b] for a, b in itertools.pairwise(bounds)]
    return groups if all(len(g) >= 2 for g in groups) else None


def _parents(upper: list[str], groups: list[list[str]]) -> list[int] | None:
    """Which upper cells span the groups, in order: the best-sharing one for each group after the
    previous parent; the later cell on a tie (the first column is usually the row labels' header)."""
    chosen: list[int] = []
    start = 0
    for n, group in enumerate(groups):
        last = len(upper) - (len(groups) - n)  # leave a cell for each later group
        candidates = range(start, last + 1)
        if not candidates:
            return None
        best = max(candidates, key=lambda i: (_overlap(upper[i], group), i if len(groups) == 1 else -i))
        if len(groups) > 1 and _overlap(upper[best], group) == 0:
            best = start if n else max(candidates)
        chosen.append(best)
        start = best + 1
    return chosen


def split_header(cells: list[str], width: int) -> tuple[list[str], Rows]:
    """Header cells of a flattened table (row breaks lost, empty cells dropped) as grid rows, after
    the cells that fit no header over `width` columns (returned first: they are captions).

    >>> split_header(["收入", "支出", "项目", "金额"], 2)
    (['收入', '支出'], [['项目', '金额']])
    """
    cells = [c for c in cells if c.strip()]
    if len(cells) <= width:
        return [], [cells + [""] * (width - len(cells))]
    parents = len(cells) - width
    subtotals = [i for i, c in enumerate(cells) if i > parents and _SUBTOTAL.match(squeeze(c))]
    # the lower row starts at its first '小计', else it is the shortest one some upper cell shares with
    splits = subtotals[:1] or range(len(cells) - 2 * parents, parents, -1)
    fallback = None
    for split in splits:
        rows = lay_out_header(cells[:split], cells[split:], width)
        if rows is None:
            continue
        if any(_overlap(t, [b]) for t, b in zip(*rows, strict=True) if t and b):
            return [], rows
        fallback = fallback or rows
    if fallback is not None:
        return [], fallback
    return cells[:-width], [cells[-width:]]  # the last row of labels is the one over the figures


def unpack_row(row: list[str], template: list[str]) -> list[str]:
    """A row whose empty cells were dropped and its figures packed to the left ('二、外交支出 | 29 |'
    under '项目 | 行次 | 金额 | 项目 | 行次 | 金额'), put back in the columns whose kind of cell
    (label, row number, amount) it fits, in order. `template` gives each column's kind: 'T', 'I', 'N'."""
    cells = [c for c in row if c.strip()]
    if len(cells) >= len(template):
        return row
    # best[i][j]: the least cost of placing cells[:i] in columns[:j]
    inf = 10**6
    n, w = len(cells), len(template)
    best = [[inf] * (w + 1) for _ in range(n + 1)]
    came: dict[tuple[int, int], bool] = {}
    for j in range(w + 1):
        best[0][j] = 0
    for i in range(1, n + 1):
        kind = "T" if not is_number(cells[i - 1]) else ("I" if is_integer(cells[i - 1]) else "N")
        for j in range(i, w + 1):
            skip = best[i][j - 1]
            place = best[i - 1][j - 1] + _cost(kind, template[j - 1])
            # on a tie the cell goes to the earlier column: packed cells keep to the left
            best[i][j], came[(i, j)] = (place, True) if place < skip else (skip, False)
    if best[n][w] >= inf:
        return row
    out = [""] * w
    i, j = n, w
    while i > 0:
        if came[(i, j)]:
            out[j - 1] = cells[i - 1]
            i -= 1
        j -= 1
    return out


def _cost(cell: str, column: str) -> int:
    if cell == column:
        return 0
    if {cell, column} == {"I", "N"}:
        return 1 if cell == "I" else 5  # a whole-number amount, or a decimal among row numbers
    return 100


def column_kinds(rows: Rows) -> list[str]:
    """Each column's kind of cell in the rows with figures that fill every column: 'T' label, 'I'
    row number, 'N' amount; [] when no row fills every column."""
    width = max((len(r) for r in rows), default=0)
    full = [r for r in rows if len(r) == width and all(c.strip() for c in r) and any(map(is_number, r))]
    if not full:
        return []
    kinds: list[str] = []
    for j in range(width):
        cells = [r[j] for r in full]
        if not cells:
            kinds.append("N")
        elif all(is_integer(c) for c in cells):
            kinds.append("I")
        elif sum(is_number(c) for c in cells) * 2 >= len(cells):
            kinds.append("N")
        else:
            kinds.append("T")
    return kinds


def without_row_numbers(rows: Rows) -> Rows:
    """Rows without the row-number rows ('栏次 | 1 | 2') and columns (行次) of statistical tables."""
    if not rows:
        return rows
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    drop = {j for j in range(width) if _is_row_number_column(rows, j)}
    kept = [r for r in rows if not _is_row_number_row(r)]
    return [[c for j, c in enumerate(r) if j not in drop] for r in kept]


def _is_row_number_column(rows: Rows, j: int) -> bool:
    cells = [squeeze(r[j]) for r in rows if r[j].strip()]
    labels = sum(1 for c in cells if ROW_NUMBER_LABEL.match(c))
    return labels > 0 and all(is_integer(c) or ROW_NUMBER_LABEL.match(c) for c in cells)


def _is_row_number_row(row: list[str]) -> bool:
    cells = [c for c in row if c.strip()]
    if not cells or not any(ROW_NUMBER_LABEL.match(squeeze(c)) for c in cells):
        return False
    return all(is_integer(c) or ROW_NUMBER_LABEL.match(squeeze(c)) for c in cells)


def without_empty_columns(rows: Rows) -> Rows:
    """Rows padded to one width, without the columns that are empty in every row."""
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    keep = [j for j in range(width) if any(r[j].strip() for r in rows)]
    return [[r[j] for j in keep] for r in rows]


# --- the tables of every format ------------------------------------------------------------------


def drop_row_numbers(blocks: list[Block]) -> list[Block]:
    """Every table without its row-number columns and rows (行次, 栏次: see
    `without_row_numbers`), whichever reader made it; tables without them are kept as they are."""
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

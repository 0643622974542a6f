"""Rows of figures that lost their empty cells (`Table.loose`), placed where the table's own sums
allow no other place.

A text export of a web table may drop the empty cells of a row, so its figures shift left and the
row is shorter than the header:

    三公经费                     | 机关运行经费决算数 |
    合计 | 因公出国(境)费 | 公务用车购置及运行费 | 公务接待费 |
    小计 | 公务用车购置费 | 公务用车运行费 |
    预算数 | 决算数 | 预算数 | 决算数 | … (six pairs) | 325.88 |
    22.00 | 8.77 | 14.00 | 8.47 | 14.00 | 8.47 | 8.00 | 0.30 |       <- 8 figures, 13 columns

The header's merged cells are lost as well, so its columns are rebuilt from what its labels mean: a
row's labels are the parts of the labels above them (公务用车购置费 is a part of 公务用车购置及运行费,
whose 小计 is itself), and a last row of kinds (预算数 | 决算数) repeats once for each label that does
not name its own kind (机关运行经费决算数 does). A figure in the row of kinds after its kinds stands
in the column of the label that named its own kind: that row lost nothing, its places are exact.

The loose row's figures keep their order, so they fill some of the columns left to right; every such
way of filling them is tried, and kept when the sums the metric vocabulary defines hold in it (合计 =
因公出国 + 公务用车 + 公务接待, 公务用车 = 购置 + 运行, for each kind; a dropped cell is empty). A figure
is read only where it stands in the same column in every way kept: above, 22.00/8.77 (合计), 14.00/
8.47 (小计) and 8.00/0.30 (公务接待费) are read, while the second 14.00/8.47 may be 购置费 or 运行费 and
is not. Nothing is read when the header cannot be rebuilt without a guess or no way of filling keeps
the sums; a figure not read is said in a check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from math import comb

from analytics.extract.labels import squeeze as _clean
from analytics.extract.numbers import parse_number
from analytics.extract.tables.cells import TOTAL_WORDS, Meaning, is_number
from analytics.extract.tables.columns import (
    Column,
    column_fact,
    column_kind,
    is_kind_row,
    kind_suffix,
    source_free,
)
from analytics.extract.tables.horizontal import sub_column_metrics
from analytics.model import Check, Fact, Kind, Table
from analytics.reference import children, metrics

# More ways of filling a row than this are not tried (a wide table and a short row): nothing is read.
MAX_WAYS = 20_000
# Sums hold for amounts and for changes (a change of the whole is the changes of its parts).
_SUMMED = frozenset({"amount", "yoy_change"})


@dataclass
class _Node:
    label: str
    metric: str
    said_kind: str  # the kind its own label names ('机关运行经费决算数' -> '决算数'), else ''
    parts: list[_Node] = field(default_factory=list)


@dataclass(frozen=True)
class _Slot:
    metric: str
    label: str
    column: Column | None  # None: a column whose figures are none of ours (行次, 占比)


def loose_row_facts(
    table: Table,
    *,
    meaning: Meaning,
    unit: str | None,
    year: int,
    kind: Kind,
    section: str | None,
    ordinal: int | None,
) -> tuple[list[Fact], list[Check]]:
    """The figures of a table's loose rows that only one column can hold, with those of its row of
    kinds (see the module docstring); a check for each loose row with figures left unread."""
    slots, header_figures = _columns(table, meaning, kind, year)
    facts: list[Fact] = []
    unread: list[str] = []
    for j, value in header_figures.items():
        slot = slots[j] if slots is not None else None
        if slot is not None and slot.column is not None:
            facts.append(
                column_fact(slot.metric, value, unit, slot.column, section, _quote(slot, value), ordinal)
            )
    for row in table.loose:
        values = [parse_number(c.strip()) for c in row]
        placed = _placed(slots, [v for v in values if v is not None]) if None not in values else {}
        for j, value in sorted(placed.items()):
            slot = slots[j] if slots is not None else None
            if slot is not None and slot.column is not None:
                facts.append(
                    column_fact(slot.metric, value, unit, slot.column, section, _quote(slot, value), ordinal)
                )
        if len(placed) < len(row):
            unread.append(f"{' | '.join(row)} ({len(row) - len(placed)} of {len(row)} not read)")
    if not unread:
        return facts, []
    caption = table.caption.splitlines()[0] if table.caption else None
    check = Check(
        check="table:loose_row",
        severity="warning",
        passed=False,
        message=f"table {ordinal}{f' ({caption})' if caption else ''}: a row printed without its empty cells, "
        "so that its figures' columns are unknown, was read only where the table's sums allow one "
        f"column: {'; '.join(unread)}",
        quote=" / ".join(" | ".join(row) for row in table.loose),
    )
    return facts, [check]


def _quote(slot: _Slot, value: Decimal) -> str:
    return f"{slot.label} | {value}"


# --- the header's columns ------------------------------------------------------------------------


def _columns(
    table: Table, meaning: Meaning, kind: Kind, year: int
) -> tuple[list[_Slot] | None, dict[int, Decimal]]:
    """The table's columns, left to right, rebuilt from its header (None where it cannot be), and
    the figures its row of kinds holds after its kinds, by column."""
    label_rows: list[list[str]] = []
    kinds: list[str] = []
    figures: list[Decimal] = []
    for row in table.rows:
        cells = [_clean(c) for c in row if c.strip()]
        if not cells:
            continue
        if kinds or not all(_is_label(c) for c in cells):
            split = next((i for i, c in enumerate(cells) if is_number(c)), len(cells))
            if kinds or not is_kind_row(tuple(cells[:split])) or not all(map(is_number, cells[split:])):
                return None, {}  # a row of figures among the header's rows: not a header we rebuild
            kinds, figures = cells[:split], [v for c in cells[split:] if (v := parse_number(c)) is not None]
            continue
        label_rows.append(cells)
    leaves = _leaves(label_rows, meaning)
    if leaves is None:
        return None, {}
    unnamed = [leaf for leaf in leaves if not leaf.said_kind]
    if kinds and (not unnamed or len(kinds) % len(unnamed)):
        return None, {}
    group = kinds[: len(kinds) // len(unnamed)] if kinds else []
    if any(kinds[i : i + len(group)] != group for i in range(0, len(kinds), len(group) or 1)):
        return None, {}  # the kinds do not repeat label by label
    slots: list[_Slot] = []
    for leaf in leaves:
        for said in [leaf.said_kind] if leaf.said_kind or not group else group:
            column = column_kind(said, kind, year) if said else Column(-1, kind, year)
            slots.append(
                _Slot(
                    leaf.metric, f"{leaf.label} {said}" if said and not leaf.said_kind else leaf.label, column
                )
            )
    header_figures: dict[int, Decimal] = {}
    if figures:
        # exact only where the row of kinds is whole and the labels naming their own kind come last
        named_last = all(leaf.said_kind for leaf in leaves[len(unnamed) :])
        if not named_last or len(kinds) + len(figures) != len(slots):
            return None, {}
        header_figures = dict(enumerate(figures, start=len(kinds)))
    return slots, header_figures


def _is_label(cell: str) -> bool:
    """A cell naming what a column holds, not a figure nor a kind ('预算数')."""
    return not is_number(cell) and not is_kind_row((cell, cell))


def _leaves(label_rows: list[list[str]], meaning: Meaning) -> list[_Node] | None:
    """The header's labels as a tree (each row's labels are parts of the labels above them, in
    order), and its leaves left to right; None where a label names no metric or its place in the
    tree is not sure."""
    if not label_rows:
        return None
    roots = [_node(label, meaning) for label in label_rows[0]]
    if any(node is None for node in roots):
        return None
    above: list[_Node] = [node for node in roots if node is not None]
    top = list(above)
    for row in label_rows[1:]:
        placed = _parts_of(row, above, meaning)
        if placed is None:
            return None
        above = placed
    return list(_walk(top))


def _node(label: str, meaning: Meaning, parent: _Node | None = None) -> _Node | None:
    own, said = kind_suffix(label)
    if TOTAL_WORDS.match(own):
        metric = parent.metric if parent is not None else next(iter(meaning(own, None)), None)
        named = f"{parent.label}/{label}" if parent is not None else label  # '公务用车购置及运行费/小计'
        return _Node(named, metric, said) if metric else None
    # the source of funds qualifies a figure, it does not change what it is ('一般公共预算财政拨款
    # “三公”经费' over the "三公" columns)
    found = meaning(own, None) or meaning(source_free(own), None)
    if not found and parent is not None:
        found = sub_column_metrics(parent.label, own, meaning, None)
    return _Node(label, found[0], said) if len(found) == 1 else None


def _parts_of(row: list[str], above: list[_Node], meaning: Meaning) -> list[_Node] | None:
    """The nodes of one header row, each added as a part of the node above it that its metric is a
    part of ('公务用车购置费' under '公务用车购置及运行费'); a total word ('小计') belongs with the label
    after it (or, last in its row, before it). None where a label fits no node or more than one, or
    the parts do not keep the order of their wholes."""
    owners: list[int | None] = []
    for label in row:
        if TOTAL_WORDS.match(kind_suffix(label)[0]):
            owners.append(None)
            continue
        fits = [i for i, node in enumerate(above) if _is_part(label, node, meaning)]
        if len(fits) != 1:
            return None
        owners.append(fits[0])
    for i, owner in enumerate(owners):
        if owner is None:
            after = next((o for o in owners[i + 1 :] if o is not None), None)
            before = next((o for o in reversed(owners[:i]) if o is not None), None)
            owners[i] = after if after is not None else before
    if any(o is None for o in owners) or owners != sorted(owners, key=lambda o: o or 0):
        return None
    nodes: list[_Node] = []
    for label, owner in zip(row, owners, strict=True):
        parent = above[owner or 0]
        node = _node(label, meaning, parent)
        if node is None:
            return None
        parent.parts.append(node)
        nodes.append(node)
    return nodes


def _is_part(label: str, node: _Node, meaning: Meaning) -> bool:
    own = kind_suffix(label)[0]
    found = meaning(own, None) or sub_column_metrics(node.label, own, meaning, None)
    return len(found) == 1 and metrics()[found[0]].parent == node.metric


def _walk(nodes: list[_Node]) -> Iterator[_Node]:
    for node in nodes:
        if node.parts:
            yield from _walk(node.parts)
        else:
            yield node


# --- placing a loose row -------------------------------------------------------------------------


def _placed(slots: list[_Slot] | None, values: list[Decimal]) -> dict[int, Decimal]:
    """The columns of `values` that every way of filling the columns in order, keeping the table's
    sums, agrees on: {column: value}."""
    if slots is None or not values or len(values) > len(slots) or comb(len(slots), len(values)) > MAX_WAYS:
        return {}
    sums = _sums(slots)
    if not sums:
        return {}  # nothing to tell one way from another
    agreed: dict[int, Decimal] | None = None
    for way in combinations(range(len(slots)), len(values)):
        filled = dict(zip(way, values, strict=True))
        if all(filled.get(whole, 0) == sum(filled.get(p, 0) for p in parts) for whole, parts in sums):
            agreed = filled if agreed is None else {j: v for j, v in agreed.items() if filled.get(j) == v}
            if not agreed:
                return {}
    return agreed or {}


def _sums(slots: list[_Slot]) -> list[tuple[int, list[int]]]:
    """(whole's column, its parts' columns) for each metric whose parts all have a column of the same
    kind, year and measure."""
    at: dict[tuple[str, Kind, int, str], int] = {}
    for j, slot in enumerate(slots):
        if slot.column is not None and slot.column.measure in _SUMMED:
            key = (slot.metric, slot.column.kind, slot.column.year, slot.column.measure)
            at.setdefault(key, j)
    sums: list[tuple[int, list[int]]] = []
    for (metric, col_kind, year, measure), whole in at.items():
        parts = [at.get((part, col_kind, year, measure)) for part in children(metric)]
        if parts and None not in parts:
            sums.append((whole, [p for p in parts if p is not None]))
    return sums

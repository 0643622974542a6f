"""One normalisation pass over every reader's output: the shape of the text, Document -> Document.

Readers turn each format's own structure into blocks; what they hand on still carries the debris of
how the text was made: page numbers between sentences, printed lines cut mid-word, spaces strewn
through phrases. This pass removes it, so that extraction reads every format's text the same way.
The rules, in the order they run (each a general class of debris, in its own module):

1. `marks`: page numbers ('—5—', '第3页', a lone '6' between sentences) and the running headers and
   footers beside them.
2. `flat`: tables that a text export flattened into paragraphs (a cell per line, cells ending in
   '|'; space-aligned columns and whole tables run together on a line: `aligned`) rebuilt into
   Table blocks (`rebuilt`), their header rows laid out on the grid (`grid`); in every table,
   row-number columns and rows (行次, 栏次) dropped (`grid.drop_row_numbers`).
3. `lines`: the printed lines of a paragraph joined back ('…购' / '置及运行费…', '2019' / '年…').
4. `spaces`: spaces inside phrases dropped ('比上年 增加1.30 万元' -> '比上年增加1.30万元').

The pass keeps the blocks it does not change (the same objects), so a clean document costs little.
"""

from __future__ import annotations

from dataclasses import replace

from analytics.model import Block, Document, Paragraph, Table
from analytics.read.shape import flat, lines, marks
from analytics.read.shape.flat import rebuild_tables
from analytics.read.shape.grid import drop_row_numbers
from analytics.read.shape.lines import join_broken_lines
from analytics.read.shape.marks import drop_page_marks
from analytics.read.shape.spaces import squeeze_block_spaces

__all__ = ["shape", "shape_blocks"]


def shape_blocks(blocks: list[Block], *, pdf: bool = False, notes: list[str] | None = None) -> list[Block]:
    """The blocks of a document through every rule of the pass (`pdf`: the text is PDF lines);
    `notes`, if given, receives a line for each kind of repair made (page marks dropped, tables
    rebuilt, printed lines joined), as readers note theirs.

    Most documents need few of the rules: each runs only where a quick look over the paragraphs'
    text finds what it could change."""
    said = notes if notes is not None else []
    texts = _texts(blocks)
    joined = "\n".join(texts)
    if marks.may_apply(texts, joined):
        before = len(blocks)
        blocks = drop_page_marks(blocks)
        if dropped := before - len(blocks):
            said.append(f"dropped {dropped} page number or running header line(s)")
        texts = _texts(blocks)
        joined = "\n".join(texts)
    if flat.may_apply(texts, joined):
        tables = _tables(blocks)
        blocks = rebuild_tables(blocks)
        if rebuilt := _tables(blocks) - tables:
            said.append(f"rebuilt {rebuilt} table(s) that the text export had flattened into lines")
        texts = _texts(blocks)
    blocks = drop_row_numbers(blocks)
    if lines.may_apply(texts, pdf=pdf):
        before = len(blocks)
        blocks = join_broken_lines(blocks, pdf=pdf)
        if joined_lines := before - len(blocks):
            said.append(f"joined {joined_lines} printed line(s) to the paragraph they continue")
    return squeeze_block_spaces(blocks)


def _texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def _tables(blocks: list[Block]) -> int:
    return sum(1 for b in blocks if isinstance(b, Table))


def shape(document: Document) -> Document:
    """The document with its text's shape normalised (see the module docstring), its repairs added
    to its notes; the input is not changed."""
    notes = list(document.notes)
    blocks = shape_blocks(document.blocks, pdf=document.format == "pdf", notes=notes)
    return replace(document, blocks=blocks, notes=notes)

"""Plain text, as Word's "save as plain text" makes it or with pipe tables.

- 'tab': every table cell on its own line prefixed by a tab, a blank line after each row, and
  Word's bookmark markers (`[bookmark: _GoBack]`), like the seed file;
- 'pipe': `| a | b |` rows with a `|---|` line under the header.
"""

from __future__ import annotations

from cn_budget_samples.document import Disclosure, Heading, Para, TableBlock
from cn_budget_samples.render.variants import surface


def render_text(
    doc: Disclosure, *, tables: str = "tab", full_width: bool = False, traditional: bool = False
) -> str:
    """The document as text (lines end with '\\n')."""
    out: list[str] = []
    first_para = True
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(surface(block.text, traditional_chars=traditional))
        elif isinstance(block, Para):
            text = surface(block.text, full_width_digits=full_width, traditional_chars=traditional)
            if first_para and tables == "tab":
                text = "[bookmark: _GoBack]" + text
            first_para = False
            out.append(text)
        else:
            out.extend(_table(block, tables, traditional))
    return "\n".join(out) + "\n"


def _table(table: TableBlock, mode: str, traditional: bool) -> list[str]:
    lines = [
        surface(table.name, traditional_chars=traditional),
        surface(table.caption, traditional_chars=traditional),
    ]
    rows = [*table.header, *table.rows]
    if mode == "pipe":
        for i, row in enumerate(rows):
            lines.append("| " + " | ".join(surface(c, traditional_chars=traditional) for c in row) + " |")
            if i == len(table.header) - 1:
                lines.append("|" + "---|" * len(row))
        lines.append("")
        if table.note:
            lines.append(table.note)
        return lines
    for row in rows:
        lines.extend("\t" + surface(c, traditional_chars=traditional) for c in row)
        lines.append("")
    lines.append("")
    if table.note:
        lines.append(table.note)
    return lines

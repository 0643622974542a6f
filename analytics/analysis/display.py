"""How result objects show in a notebook: their sentences, then their tables (`_repr_html_`).

Text is escaped; the tables are polars' own HTML (which escapes cell text too).

>>> page = result_html("PanelResult", ["固定样本：2个部门", "<b>not bold</b>"],
...                    [("", pl.DataFrame({"year": [2016]}))])
>>> "&lt;b&gt;not bold&lt;/b&gt;" in page and "<table" in page
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import polars as pl

ROWS = 20
"""Rows of each table shown (polars shows the first and last ones of a longer frame)."""


def frame_html(frame: pl.DataFrame, rows: int = ROWS) -> str:
    """A frame as polars renders it in a notebook, at most `rows` rows."""
    with pl.Config(tbl_rows=rows):
        return str(frame._repr_html_())


def result_html(name: str, sentences: Sequence[str], tables: Sequence[tuple[str, pl.DataFrame]]) -> str:
    """A result as HTML: its class name, one paragraph per sentence, then each (caption, frame)."""
    parts = [f'<div class="analytics-result"><p><strong>{html.escape(name)}</strong></p>']
    parts += [f"<p>{html.escape(sentence)}</p>" for sentence in sentences if sentence]
    for caption, frame in tables:
        if caption:
            parts.append(f"<p><em>{html.escape(caption)}</em></p>")
        parts.append(frame_html(frame))
    parts.append("</div>")
    return "\n".join(parts)


__all__ = ["frame_html", "result_html"]

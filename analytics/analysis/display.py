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

from analytics.load import QueryResult

ROWS = 20
"""Rows of each table shown (polars shows the first and last ones of a longer frame)."""


def frame_html(frame: pl.DataFrame, rows: int = ROWS) -> str:
    """A frame as polars renders it in a notebook, at most `rows` rows."""
    with pl.Config(tbl_rows=rows):
        return str(frame._repr_html_())


def query_result_html(result: QueryResult, rows: int = ROWS) -> str:
    """A `QueryResult` (`store.query(...)`) as an HTML table: its first `rows` rows, values as the CLI
    prints them (decimals exact), and how many rows there are.

    >>> page = query_result_html(db.query("select department, year from documents order by 1, 2 limit 3"))
    >>> page.count("<tr>"), "3 rows" in page
    (4, True)
    """
    return result.to_html(rows)


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


__all__ = ["frame_html", "query_result_html", "result_html"]

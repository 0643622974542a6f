"""Rendering the page: Jinja2 with autoescape, so text taken from documents is always shown as text.

Only three things reach the page unescaped, each made safe on purpose: the vl-convert JavaScript
bundle (checked for `</script`), chart specs (`assets.script_json`: `<`, `>`, `&` as JSON escapes)
and the static chart images (base64 data: URIs).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import PurePath
from typing import Any

import jinja2
import polars as pl
from markupsafe import Markup

from analytics.report.model import ReportTable, Section

EMPTY_CELL = "—"
PATH_COLUMNS = {"source_path"}  # shown as the file name on the page; the CSV has the full path


@cache
def environment() -> jinja2.Environment:
    """The templates of `analytics/report/templates`, autoescaped, failing on undefined names."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("analytics.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


SHORT_CELL = 16  # characters: a column whose cells are all this short is never wrapped


@dataclass(frozen=True)
class Header:
    label: str
    numeric: bool
    short: bool = False  # every cell is short: keep it on one line (廊坊市 not 廊坊 / 市)


@dataclass(frozen=True)
class TableView:
    name: str
    title: str
    note: str
    empty: str
    headers: list[Header]
    rows: list[list[str]]
    shown: int
    total: int
    csv: str


@dataclass(frozen=True)
class FigureView:
    name: str
    title: str
    caption: str
    spec: Markup
    fallback: str
    png: str
    svg: str


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    paragraphs: Sequence[str]
    empty: str | None
    figures: list[FigureView]
    tables: list[TableView]


def cell(value: object) -> str:
    """A value as shown in a page table: decimals without trailing zeros and with thousands
    separators (exact, as stored), floats (computed: rates, means, shares) to 2 decimals, years and
    other integers as they are.

    >>> [cell(v) for v in (Decimal("1234.5000"), Decimal("0.0000"), 2017, 12.3456, -0.8907, None)]
    ['1,234.5', '0', '2017', '12.35', '-0.89', '—']
    """
    if value is None:
        return EMPTY_CELL
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        normal = value.normalize()
        return f"{normal:,f}" if normal != 0 else "0"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return EMPTY_CELL
        return f"{value:,.2f}"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | pl.Series):
        return "、".join(cell(v) for v in value)
    return str(value)


def table_view(table: ReportTable, *, rows: int, csv: str) -> TableView:
    """The first `rows` rows of a table, formatted, with Chinese headers (without its CSV-only columns)."""
    frame = table.frame.drop([c for c in table.csv_only if c in table.frame.columns])
    shown = frame.head(rows)
    paths = [i for i, name in enumerate(frame.columns) if name in PATH_COLUMNS]
    body = [[cell(v) for v in row] for row in shown.iter_rows()]
    for row in body:
        for i in paths:
            row[i] = PurePath(row[i]).name if row[i] != EMPTY_CELL else row[i]
    headers = [
        Header(
            table.labels.get(name, name),
            numeric=dtype.is_numeric() and name not in ("year", "code"),
            short=all(len(row[i]) <= SHORT_CELL for row in body),
        )
        for i, (name, dtype) in enumerate(frame.schema.items())
    ]
    return TableView(
        table.name, table.title, table.note, table.empty, headers, body, shown.height, frame.height, csv
    )


def section_view(section: Section, figures: list[FigureView], tables: list[TableView]) -> SectionView:
    return SectionView(section.key, section.title, section.paragraphs, section.empty, figures, tables)


def render_page(**context: Any) -> str:
    """The report page from `index.html.j2` (see the template for the names it needs)."""
    return environment().get_template("index.html.j2").render(**context)


__all__ = ["FigureView", "SectionView", "TableView", "cell", "environment", "render_page", "table_view"]

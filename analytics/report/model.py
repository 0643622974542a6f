"""The report's page model: sections holding figures (Altair charts) and tables (polars frames).

Section builders return these; `build.py` writes each figure as PNG and SVG, each table as CSV, and
renders the whole into `index.html`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl


@dataclass(frozen=True)
class ReportTable:
    """A table: written in full to `tables/<name>.csv`, its first rows shown on the page.

    `labels` maps column names to the Chinese headers shown on the page (the CSV keeps the names).
    `csv_only` columns are written to the CSV but not shown on the page (e.g. a message's English
    original beside its Chinese translation).
    """

    name: str
    title: str
    frame: pl.DataFrame
    labels: Mapping[str, str] = field(default_factory=dict)
    note: str = ""
    empty: str = "无数据。"  # said instead of the table when it has no rows
    csv_only: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportFigure:
    """A chart: `chart` is an Altair chart (anything with `to_dict()`), written to `charts/<name>.*`."""

    name: str
    title: str
    chart: Any
    caption: str = ""


@dataclass(frozen=True)
class Section:
    """One section of the page. `paragraphs` are plain text (escaped when rendered).

    `empty` is said instead of figures and tables when the selection has no data for the section.
    """

    key: str
    title: str
    paragraphs: tuple[str, ...] = ()
    figures: tuple[ReportFigure, ...] = ()
    tables: tuple[ReportTable, ...] = ()
    empty: str | None = None


@dataclass(frozen=True)
class ReportResult:
    """What `build_report` wrote.

    `folder` is the dated folder (`OUT/2026-11-25`), `index` its page, `latest` the `OUT/latest`
    pointer (a symlink, or None where symlinks are not available; `OUT/latest.txt` names the folder
    either way).
    """

    date: dt.date
    folder: Path
    index: Path
    latest: Path | None
    latest_txt: Path
    charts: tuple[Path, ...]
    tables: tuple[Path, ...]
    sections: tuple[str, ...]
    documents: int
    replaced: bool  # True when a folder of the same date was replaced

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file of the dated folder: the page, then charts, then tables."""
        return (self.index, *self.charts, *self.tables)


__all__ = ["ReportFigure", "ReportResult", "ReportTable", "Section"]

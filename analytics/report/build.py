"""`build_report`: the whole report in one call, as `analytics report` runs it.

>>> import datetime as dt
>>> from analytics.report import ReportConfig, build_report
>>> config = ReportConfig(sections=("coverage", "quality"))  # e.g. build_report("data/analytics.duckdb", "reports")
>>> result = build_report(db_path, tmp / "quality", config, today=dt.date(2026, 11, 25))
>>> result.sections, result.documents, [path.name for path in result.tables][:3]
(('coverage', 'quality'), 30, ['coverage_by_year.csv', 'coverage_by_department.csv', 'documents.csv'])
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import polars as pl

from analytics.charts.embed import embed_options
from analytics.csv_cells import FORMULA_START, PLAIN_NUMBER
from analytics.errors import describe_os_error
from analytics.load import open_store
from analytics.report.assets import javascript_bundle, script_json, svg_data_uri
from analytics.report.chart_files import export_chart
from analytics.report.config import ReportConfig, ReportError, Selection, load_config
from analytics.report.model import ReportResult, Section
from analytics.report.publish import point_latest, staging_folder, swap_into_place
from analytics.report.render import FigureView, SectionView, render_page, section_view, table_view
from analytics.report.sections import Inventory, build_sections, inventory, rounded
from analytics.version import __version__

CHARTS = "charts"
TABLES = "tables"
INDEX = "index.html"


def build_report(
    db: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    config: ReportConfig | str | os.PathLike[str] | None = None,
    *,
    today: dt.date | None = None,
) -> ReportResult:
    """Write the trend report of database `db` into `out_dir/<date>/` and point `out_dir/latest` at it.

    `config` is a `ReportConfig`, the path of a TOML/YAML config file, or None for the whole database.
    The dated folder holds `index.html` (self-contained: scripts and charts inlined, works offline),
    `charts/<name>.png|.svg` and `tables/<name>.csv`. A second run on the same day replaces that
    day's folder as a whole. Two runs on the same data give the same files apart from the page's date
    line. `today` defaults to the local date.

    Raises DatabaseError when the database is missing or another process is writing to it, and
    ReportError when it holds no documents, the selection matches none, or the config is invalid.
    """
    settings = _settings(config)
    date = today or dt.date.today()
    database = Path(db)
    with open_store(database, read_only=True) as store:
        found = inventory(store, settings.selection)
        _require_documents(found, settings.selection, database)
        sections = build_sections(store, settings, found)

    out = Path(out_dir)
    name = date.isoformat()
    with staging_folder(out, name) as staging, _writing(staging):
        views, charts, tables = _write_parts(staging, sections, settings)
        page = render_page(
            title=settings.title,
            date=name,
            version=__version__,
            db_name=database.name,
            document_count=found.documents,
            year_span=_year_span(found.years),
            scope=_scope(settings.selection),
            sections=views,
            figure_count=sum(len(view.figures) for view in views),
            bundle=javascript_bundle(),
            embed_options=script_json(embed_options()),
        )
        (staging / INDEX).write_text(page, encoding="utf-8")
        folder = out / name
        replaced = swap_into_place(staging, folder)
    latest = point_latest(out, name)
    return ReportResult(
        date=date,
        folder=folder,
        index=folder / INDEX,
        latest=latest,
        latest_txt=out / "latest.txt",
        charts=tuple(folder / path for path in charts),
        tables=tuple(folder / path for path in tables),
        sections=tuple(section.key for section in sections),
        documents=found.documents,
        replaced=replaced,
    )


@contextlib.contextmanager
def _writing(folder: Path) -> Iterator[None]:
    """A file of the report that cannot be written (disk full, I/O error) is one clear ReportError;
    the half-written folder is removed by `staging_folder` and the previous report stays in place."""
    try:
        yield
    except OSError as exc:
        raise ReportError(
            f"cannot write the report: {describe_os_error(exc)}; the previous report is kept",
            path=str(folder.parent),
        ) from exc


def _settings(config: ReportConfig | str | os.PathLike[str] | None) -> ReportConfig:
    if config is None:
        return ReportConfig()
    if isinstance(config, ReportConfig):
        return config
    return load_config(config)


def _require_documents(found: Inventory, selection: Selection, database: Path) -> None:
    if found.total_in_database == 0:
        raise ReportError(
            "the database holds no documents; ingest some first (analytics ingest PATH --db FILE)",
            path=str(database),
        )
    if found.documents == 0:
        if selection.is_everything:
            raise ReportError(
                "no document could be read: every document has status 'error'", path=str(database)
            )
        raise ReportError("the config's selection matches no document in the database", path=str(database))


def _write_parts(
    folder: Path, sections: Sequence[Section], settings: ReportConfig
) -> tuple[list[SectionView], list[Path], list[Path]]:
    """Write every chart (PNG, SVG) and table (CSV); return the page's views and the relative paths."""
    (folder / CHARTS).mkdir()
    (folder / TABLES).mkdir()
    views: list[SectionView] = []
    charts: list[Path] = []
    tables: list[Path] = []
    figure_names: set[str] = set()
    table_names: set[str] = set()
    for section in sections:
        figure_views: list[FigureView] = []
        for figure in section.figures:
            _unique(figure.name, figure_names, "charts")
            exported = export_chart(figure.chart)
            png_path, svg_path = Path(CHARTS, f"{figure.name}.png"), Path(CHARTS, f"{figure.name}.svg")
            (folder / svg_path).write_text(exported.svg, encoding="utf-8")
            (folder / png_path).write_bytes(exported.png)
            charts += [png_path, svg_path]
            figure_views.append(
                FigureView(
                    name=figure.name,
                    title=figure.title,
                    caption=figure.caption,
                    spec=script_json(exported.spec),
                    fallback=svg_data_uri(exported.svg),
                    png=png_path.as_posix(),
                    svg=svg_path.as_posix(),
                )
            )
        table_views = []
        for table in section.tables:
            _unique(table.name, table_names, "tables")
            csv_path = Path(TABLES, f"{table.name}.csv")
            table = dataclasses.replace(table, frame=rounded(table.frame))
            _write_csv(table.frame, folder / csv_path)
            tables.append(csv_path)
            table_views.append(table_view(table, rows=settings.table_rows, csv=csv_path.as_posix()))
        views.append(section_view(section, figure_views, table_views))
    return views, charts, tables


def _unique(name: str, names: set[str], kind: str) -> None:
    if name in names:  # two parts writing one file would silently lose one of them
        raise ReportError(f"two {kind} of the report are both named {name!r}")
    names.add(name)


def _write_csv(frame: pl.DataFrame, path: Path) -> None:
    """UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly; text that a
    spreadsheet would run as a formula (a title beginning with '=') gets a leading apostrophe."""
    simple = frame.with_columns(
        pl.col(name).cast(pl.List(pl.String)).list.join("; ")
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.List)
    )
    simple = simple.with_columns(
        _safe_text(pl.col(name)).alias(name) for name, dtype in simple.schema.items() if dtype == pl.String
    )
    simple.write_csv(path, include_bom=True)


def _safe_text(column: pl.Expr) -> pl.Expr:
    """`analytics.csv_cells.safe_cell` as a polars expression."""
    formula = column.str.contains(FORMULA_START) & ~column.str.contains(PLAIN_NUMBER)
    return pl.when(formula).then(pl.lit("'") + column).otherwise(column)


def _year_span(years: Sequence[int]) -> str:
    if not years:
        return "年份未知"
    return f"{years[0]}–{years[-1]} 年" if years[0] != years[-1] else f"{years[0]} 年"


def _scope(selection: Selection) -> list[tuple[str, str]]:
    """The selection as (label, value) lines for the page header; 'all' when nothing is selected."""
    if selection.is_everything:
        return [("范围", "数据库中的全部文档")]
    lines = []
    for label, values in (
        ("地区", selection.regions),
        ("部门", selection.departments),
        ("部门类型", selection.department_types),
        ("年份", _years_text(selection.years)),
        ("指标", selection.metrics),
    ):
        if values:
            lines.append((label, values if isinstance(values, str) else "、".join(values)))
    return lines


def _years_text(years: Sequence[int]) -> str:
    if not years:
        return ""
    if list(years) == list(range(years[0], years[-1] + 1)) and len(years) > 2:
        return f"{years[0]}–{years[-1]}"
    return "、".join(str(y) for y in years)


__all__ = ["build_report"]

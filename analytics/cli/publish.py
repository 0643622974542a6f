"""`analytics report` (the trend report) and `analytics export` (Parquet): the database published."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from analytics.cli.console import make_console, shown_path
from analytics.cli.group import db_option
from analytics.parquet_export import export_parquet


@click.command(name="report")
@db_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder of the reports: each run writes OUT/<date>/ and points OUT/latest at it.",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="TOML (or YAML) file selecting regions, departments, types, years and metrics "
    "(see data/reference/report.example.toml). Default: the whole database.",
)
def report_command(db: Path, out_dir: Path, config: Path | None) -> None:
    """Write the trend report: one self-contained index.html (works offline), PNG/SVG charts, CSV tables.

    A second run on the same day replaces that day's folder. Exits 1 with a message when the
    database is missing, empty or being written by another process.
    """
    from analytics.report import build_report  # charts and templates load only for this command

    result = build_report(db, out_dir, config)
    click.echo(f"Report written to {shown_path(result.index)}")
    click.echo(
        f"  {result.documents} documents, {len(result.charts) // 2} charts, {len(result.tables)} tables"
    )
    click.echo(f"  latest: {shown_path(result.latest or result.latest_txt)}")


@click.command(name="export")
@db_option
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write, one sub-folder per table (facts/, documents/, …): a new or empty folder, or an "
    "earlier export (recognised by its _export.json), which is replaced whole. Any other folder is refused.",
)
def export_command(db: Path, out_dir: Path) -> None:
    """Export every table and analyst view to Hive-partitioned Parquet that DuckDB, Spark and Trino read as is.

    facts and documents are partitioned by year and province, budget_lines by year; NULL partition
    values are __HIVE_DEFAULT_PARTITION__. Opens the database read-only.
    """
    result = export_parquet(db, out_dir)
    console = make_console()
    console.print(f"Exported {shown_path(db)} to {shown_path(result.out_dir)}", markup=False)
    table = Table()
    table.add_column("table")
    table.add_column("rows", justify="right")
    table.add_column("files", justify="right")
    table.add_column("partitioned by")
    for exported in result.tables:
        table.add_row(
            Text(exported.table),
            str(exported.rows),
            str(exported.files),
            Text(", ".join(exported.partition_by) or "-"),
        )
    console.print(table)


__all__ = ["export_command", "report_command"]

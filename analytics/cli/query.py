"""`analytics sql` (ad-hoc SQL, read-only) and `analytics check` (the failed checks): reading the database."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from analytics.cli.console import WIDE, cell, make_console, printable, shown_path
from analytics.cli.group import db_option
from analytics.load import QueryResult, open_store


@click.command(name="sql")
@click.argument("query")
@db_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json", "xlsx"]),
    default="table",
    show_default=True,
    help="table: aligned for reading; csv: with a header line; json: an array of objects; "
    "xlsx: an Excel workbook, to --out FILE or to stdout when it is not a terminal.",
)
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the result to this file instead of stdout.",
)
def sql_command(query: str, db: Path, output_format: str, out_file: Path | None) -> None:
    """Run a SQL QUERY against the database, read-only.

    Only statements that read run (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN); anything else
    (INSERT, DROP, COPY … TO, EXPORT DATABASE, ATTACH, INSTALL, SET, …) is refused and nothing runs.
    read_csv and read_parquet read local files. Money columns are exact decimals in 万元.
    Example: analytics sql "select metric, value from facts limit 5"
    """
    if output_format == "xlsx" and out_file is None and sys.stdout.isatty():
        raise click.UsageError("--format xlsx writes a binary workbook: give --out FILE or redirect stdout")
    with open_store(db, read_only=True, sandbox=True) as store:
        result = store.read_query(query)
    if output_format == "xlsx":
        _write_xlsx(result, out_file)
    elif out_file is not None:
        _write_text_result(result, output_format, out_file)
    elif output_format == "csv":
        click.echo(result.to_csv(), nl=False)
    elif output_format == "json":
        click.echo(result.to_json())
    else:
        console = make_console()
        console.print(_table(result))
        noun = "row" if len(result.rows) == 1 else "rows"
        console.print(f"{len(result.rows)} {noun}", style="dim")


def _write_xlsx(result: QueryResult, out_file: Path | None) -> None:
    from analytics.excel import write_xlsx

    try:
        if out_file is not None:
            write_xlsx(result.columns, result.rows, out_file)
        else:
            write_xlsx(result.columns, result.rows, sys.stdout.buffer)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


def _write_text_result(result: QueryResult, output_format: str, out_file: Path) -> None:
    """`--out` for the text formats: what they print on stdout, into the file (UTF-8)."""
    if output_format == "json":
        out_file.write_text(result.to_json() + "\n", encoding="utf-8")
    elif output_format == "csv":
        out_file.write_text(result.to_csv(), encoding="utf-8")
    else:
        with out_file.open("w", encoding="utf-8") as handle:
            Console(file=handle, width=WIDE, highlight=False).print(_table(result))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _table(result: QueryResult) -> Table:
    table = Table()
    for i, column in enumerate(result.columns):
        values = [row[i] for row in result.rows if row[i] is not None]
        numeric = bool(values) and all(_is_number(v) for v in values)
        table.add_column(column, justify="right" if numeric else "left")
    for row in result.rows:
        table.add_row(*(cell(v) for v in row))
    return table


@click.command(name="check")
@db_option
def check_command(db: Path) -> None:
    """List the failed checks (sums that do not add up, figures that disagree, …).

    Exits 1 if any failed check has severity 'error', 0 otherwise (warnings alone pass).
    """
    with open_store(db, read_only=True) as store:
        failed = store.failed_checks()
    console = make_console()
    if not failed.rows:
        console.print("No failed checks.")
        return
    table = Table()
    for column in ("document", "severity", "check", "metric", "expected", "actual", "message", "quote"):
        table.add_column(column, justify="right" if column in ("expected", "actual") else "left")
    records = failed.records()
    for r in records:
        document = shown_path(r["source_path"])
        if r["department"] or r["year"]:
            document += f"\n{r['department'] or ''} {r['year'] or ''}".rstrip()
        severity = Text(str(r["severity"]), style="bold red" if r["severity"] == "error" else "yellow")
        table.add_row(
            Text(document),
            severity,
            Text(printable(str(r["check_name"]))),
            cell(r["metric"]),
            cell(r["expected"]),
            cell(r["actual"]),
            Text(printable(str(r["message"]), keep_lines=True)),
            cell(r["quote"]),
        )
    console.print(table)
    errors = sum(r["severity"] == "error" for r in records)
    console.print(f"{len(records)} failed checks: {errors} errors, {len(records) - errors} warnings.")
    if errors:
        sys.exit(1)


__all__ = ["check_command", "sql_command"]

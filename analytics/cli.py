"""The `analytics` command: a thin layer over the library (`analytics.ingest`, `analytics.open_store`).

Each command parses its arguments, makes one or two library calls and renders the result with rich.
Library errors become `Error: …` and exit code 1, without a traceback.
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
import duckdb
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from analytics.errors import AnalyticsError, describe_os_error
from analytics.executors.choose import check_executor, default_jobs
from analytics.export import export_parquet
from analytics.ingestion import DEFAULT_BATCH_SIZE, IngestProgress, IngestReport, ingest
from analytics.load import DEFAULT_DB, QueryResult, open_store
from analytics.load.query import text

DB_ENVVAR = "ANALYTICS_DB"
_WIDE = 10_000  # when output is not a terminal, never wrap: one table row per line


class _Group(click.Group):
    """Turns library errors, and I/O errors (a full disk, a closed output), into a clean one-line
    `Error: …` message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AnalyticsError as exc:
            raise click.ClickException(_printable(str(exc))) from exc
        except OSError as exc:
            where = f"{_printable(str(exc.filename))}: " if exc.filename else ""
            raise click.ClickException(f"{where}{describe_os_error(exc)}") from exc
        except (duckdb.IOException, duckdb.FatalException) as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise click.ClickException(
                f"the database could not be read or written: {_printable(first_line)}"
            ) from exc


def _console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout  # looked up per call: CliRunner swaps them
    console = Console(file=stream, highlight=False)
    if not console.is_terminal:
        console = Console(file=stream, highlight=False, width=_WIDE)
    return console


def _db_option(function: Any) -> Any:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        envvar=DB_ENVVAR,
        show_default=True,
        show_envvar=True,
        help="The DuckDB database file.",
    )(function)


def _shown_path(path: object) -> str:
    """A path relative to the working directory when it lies below it, else as stored; control
    characters escaped."""
    name = "" if path is None else str(path)
    try:
        relative = os.path.relpath(name)
    except ValueError:  # another drive on Windows
        return _printable(name)
    return _printable(relative if os.path.isabs(name) and not relative.startswith("..") else name)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_IN_DATA = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _printable(text: str, *, keep_lines: bool = False) -> str:
    r"""`text` safe to print on a terminal or in a log: control characters (terminal escape sequences,
    carriage returns that overwrite a line, bidirectional overrides that reorder it) are written as
    escapes. `keep_lines` keeps newlines and tabs (a table cell of several lines).

    >>> _printable("报告\x1b[31m.txt\n")
    '报告\\x1b[31m.txt\\n'
    """
    return (_CONTROL_IN_DATA if keep_lines else _CONTROL).sub(_escape, text)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="analytics", message="%(prog)s %(version)s")
def main() -> None:
    """Chinese government budget disclosures (部门预算/决算公开) into one DuckDB database.

    Ingest a folder of disclosures, then query the tables and views with SQL.
    """
    # The analyses warn how many figures they left out for a failed check (for notebooks); the
    # report says so on its page, and a cron log needs no Python warning lines.
    warnings.filterwarnings("ignore", message=r".* left out for a failed check")


# -- ingest ------------------------------------------------------------------------------------


@main.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_db_option
@click.option(
    "--progress/--no-progress", default=True, show_default=True, help="Show a progress bar on stderr."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help=f"Worker processes that read and extract; this process alone writes. "
    f"Default: the number of cores ({default_jobs()} here). 1 parses in this process.",
)
@click.option(
    "--executor",
    default="local",
    show_default=True,
    metavar="local|dask://HOST:PORT",
    help="Where files are parsed: local processes, or the workers of a Dask scheduler "
    "(pip install '.[dask]' in a checkout of this project; the workers must see the files at the same paths).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Documents written per transaction (a batch is also written at least once a second). "
    "A killed run loses at most the batch being written.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="First remove from the database the files that are gone from the folders given (not for a "
    "folder that holds no disclosure at all: an unmounted drive must not empty the database).",
)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Also follow symlinks that lead out of the folders given (by default they are skipped and "
    "listed, so that a link dropped in the folder cannot publish a file from elsewhere).",
)
def ingest_command(
    paths: tuple[Path, ...],
    db: Path,
    progress: bool,
    jobs: int | None,
    executor: str,
    batch_size: int,
    prune: bool,
    follow_symlinks: bool,
) -> None:
    """Read, extract, check and load files and folders (recursively) into the database.

    Unchanged files are skipped, changed files replace their earlier rows, and a file that cannot be
    read is reported and recorded (status 'error') while the rest goes on. Exits 1 if any file failed.
    Files are parsed by --jobs worker processes (or on a Dask cluster); the database is written in
    batches by this process alone.
    """
    check_executor(executor)  # before the progress bar starts
    options: dict[str, Any] = {
        "jobs": jobs,
        "executor": executor,
        "batch_size": batch_size,
        "prune": prune,
        "follow_symlinks": follow_symlinks,
    }
    if progress:
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=_console(stderr=True),
        ) as bar:
            task = bar.add_task("ingesting", total=None)

            def advance(event: IngestProgress) -> None:
                bar.update(
                    task,
                    total=event.total,
                    completed=event.done,
                    description=escape(_printable(Path(event.path).name)[:40]),
                )

            report = ingest(paths, db=db, progress=advance, **options)
            bar.update(task, description="done")
    else:
        report = ingest(paths, db=db, **options)
    _print_report(_console(), report, pruning=prune)
    if not report.ok:
        sys.exit(1)


def _print_report(console: Console, report: IngestReport, *, pruning: bool = False) -> None:
    console.print(f"Ingested into {_shown_path(report.db_path)}", markup=False)
    summary = Table(show_header=False)
    summary.add_column("what")
    summary.add_column("count", justify="right")
    rows: Sequence[tuple[str, object]] = (
        ("documents seen", report.documents_seen),
        ("  loaded", report.documents_loaded),
        ("    of which replaced an earlier version", report.documents_replaced),
        ("  unchanged", report.documents_unchanged),
        ("  duplicate of another file", report.documents_duplicate),
        ("  failed", report.documents_failed),
        ("facts written", report.facts_written),
        ("failed checks: errors", report.failed_check_errors),
        ("failed checks: warnings", report.failed_check_warnings),
        ("failed checks in the whole database: errors", report.database_failed_errors),
        ("failed checks in the whole database: warnings", report.database_failed_warnings),
        ("documents without figures", report.documents_without_figures),
        ("errors", len(report.errors)),
        ("skipped: FIFOs, devices, symlinks out of the folders, …", len(report.skipped)),
    )
    if pruning:
        rows = (*rows, ("removed: files gone from the folders", len(report.pruned)))
    if report.corrections is not None and (report.corrections.outcomes or report.corrections.error):
        rows = (*rows, *_correction_counts(report))
    for label, count in rows:
        summary.add_row(label, str(count))
    console.print(summary)
    _print_corrections(console, report)
    for folder in report.not_pruned:
        console.print(
            f"Not pruned: {_shown_path(folder)} holds no disclosure (a drive that is not mounted?); "
            "its documents were kept.",
            markup=False,
            soft_wrap=True,
        )
    if report.skipped:
        console.print("Skipped (not read)")
        skipped = Table()
        skipped.add_column("file")
        skipped.add_column("why")
        for entry in report.skipped:
            skipped.add_row(Text(_shown_path(entry.path)), Text(_printable(entry.reason)))
        console.print(skipped)
    if report.errors:
        console.print("Files that failed")
        errors = Table()
        errors.add_column("file")
        errors.add_column("stage")
        errors.add_column("message")
        for error in report.errors:
            errors.add_row(Text(_shown_path(error.path)), Text(error.stage), Text(_printable(error.message)))
        console.print(errors)


def _correction_counts(report: IngestReport) -> tuple[tuple[str, object], ...]:
    corrections = report.corrections
    assert corrections is not None
    return (
        ("hand corrections applied", len(corrections.applied)),
        ("hand corrections not applied", len(corrections.not_applied)),
    )


def _print_corrections(console: Console, report: IngestReport) -> None:
    """The hand corrections that are not in force, with why (a changed document first of all)."""
    corrections = report.corrections
    if corrections is None:
        return
    if corrections.error:
        console.print(
            f"Corrections not applied: {_printable(corrections.error)}", markup=False, soft_wrap=True
        )
    if not corrections.not_applied:
        return
    console.print(f"Corrections not applied ({_shown_path(corrections.file)})", markup=False)
    table = Table()
    table.add_column("line", justify="right")
    table.add_column("status")
    table.add_column("message")
    for outcome in corrections.not_applied:
        table.add_row(str(outcome.line), outcome.status, Text(_printable(outcome.message)))
    console.print(table)


# -- sql ---------------------------------------------------------------------------------------


@main.command(name="sql")
@click.argument("query")
@_db_option
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
        console = _console()
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
            Console(file=handle, width=_WIDE, highlight=False).print(_table(result))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _cell(value: object) -> Text:
    return Text("NULL", style="dim") if value is None else Text(_printable(text(value), keep_lines=True))


def _table(result: QueryResult) -> Table:
    table = Table()
    for i, column in enumerate(result.columns):
        values = [row[i] for row in result.rows if row[i] is not None]
        numeric = bool(values) and all(_is_number(v) for v in values)
        table.add_column(column, justify="right" if numeric else "left")
    for row in result.rows:
        table.add_row(*(_cell(v) for v in row))
    return table


# -- check -------------------------------------------------------------------------------------


@main.command(name="check")
@_db_option
def check_command(db: Path) -> None:
    """List the failed checks (sums that do not add up, figures that disagree, …).

    Exits 1 if any failed check has severity 'error', 0 otherwise (warnings alone pass).
    """
    with open_store(db, read_only=True) as store:
        failed = store.failed_checks()
    console = _console()
    if not failed.rows:
        console.print("No failed checks.")
        return
    table = Table()
    for column in ("document", "severity", "check", "metric", "expected", "actual", "message", "quote"):
        table.add_column(column, justify="right" if column in ("expected", "actual") else "left")
    records = failed.records()
    for r in records:
        document = _shown_path(r["source_path"])
        if r["department"] or r["year"]:
            document += f"\n{r['department'] or ''} {r['year'] or ''}".rstrip()
        severity = Text(str(r["severity"]), style="bold red" if r["severity"] == "error" else "yellow")
        table.add_row(
            Text(document),
            severity,
            Text(_printable(str(r["check"]))),
            _cell(r["metric"]),
            _cell(r["expected"]),
            _cell(r["actual"]),
            Text(_printable(str(r["message"]), keep_lines=True)),
            _cell(r["quote"]),
        )
    console.print(table)
    errors = sum(r["severity"] == "error" for r in records)
    console.print(f"{len(records)} failed checks: {errors} errors, {len(records) - errors} warnings.")
    if errors:
        sys.exit(1)


# -- correct -----------------------------------------------------------------------------------


@main.command(name="correct")
@click.argument("document")
@click.option(
    "--metric", required=True, help="The figure's metric key, e.g. reception (see the metrics table)."
)
@click.option("--year", required=True, type=int, help="The year the figure refers to.")
@click.option("--kind", required=True, type=click.Choice(["budget", "final"]), help="The figure's kind.")
@click.option(
    "--measure",
    default="amount",
    show_default=True,
    type=click.Choice(["amount", "yoy_change", "yoy_pct"]),
    help="What the figure is: the amount, or its change against the prior year.",
)
@click.option("--value", required=True, help="The right value, in the metric's unit (万元 for money).")
@click.option("--reason", required=True, help="Why the printed figure is wrong (kept with the correction).")
@click.option("--author", default=None, help="Who makes the correction. Default: the user name.")
@_db_option
@click.option(
    "--corrections",
    "corrections_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    envvar="ANALYTICS_CORRECTIONS",
    show_envvar=True,
    help="The corrections file. Default: beside the database, <database>.corrections.csv.",
)
def correct_command(
    document: str,
    metric: str,
    year: int,
    kind: str,
    measure: str,
    value: str,
    reason: str,
    author: str | None,
    db: Path,
    corrections_file: Path | None,
) -> None:
    """Correct a figure of DOCUMENT (its path as ingested, its doc_id or its sha256) by hand.

    The correction is added to the corrections file, which lives outside the database, and applied at
    once; every later ingest applies it again (facts.basis and facts.quality 'corrected', the printed
    value kept in facts.original_value). If the document's file changes, the correction is reported
    by the ingest and no longer applied. Every stated figure of the document with this metric,
    measure, year and kind is corrected (a figure printed in the text and in a table is two facts).
    Example: analytics correct reports/审计局2019预算.pdf --metric reception --year 2019 --kind budget
    --value 2.55 --reason "正文1.65与表中不符"
    """
    from analytics.load.corrections import add_correction

    with open_store(db) as store:
        outcome, report = add_correction(
            store,
            document,
            metric=metric,
            year=year,
            kind=kind,
            value=value,
            reason=reason,
            measure=measure,
            author=author if author is not None else _user(),
        )
    console = _console()
    console.print(_printable(f"Corrected {outcome.message}."), markup=False, soft_wrap=True)
    console.print(
        f"Recorded in {_shown_path(report.file)}: applied again on every ingest.",
        markup=False,
        soft_wrap=True,
    )
    others = [o for o in report.not_applied if o.line != outcome.line]
    if others:
        console.print(f"{len(others)} other correction(s) of the file are not applied:", markup=False)
        for other in others:
            console.print(Text(_printable(other.message)))


def _user() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return None


# -- report ------------------------------------------------------------------------------------


@main.command(name="report")
@_db_option
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
    click.echo(f"Report written to {_shown_path(result.index)}")
    click.echo(
        f"  {result.documents} documents, {len(result.charts) // 2} charts, {len(result.tables)} tables"
    )
    click.echo(f"  latest: {_shown_path(result.latest or result.latest_txt)}")


# -- export ------------------------------------------------------------------------------------


@main.command(name="export")
@_db_option
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
    console = _console()
    console.print(f"Exported {_shown_path(db)} to {_shown_path(result.out_dir)}", markup=False)
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


# -- accuracy ----------------------------------------------------------------------------------


@main.command(name="accuracy")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--truth",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Labelled truth: a JSON list of documents {file, department, region, year, kind, facts}.",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Ingest into this database and keep it (default: a temporary one, removed afterwards).",
)
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Parse in N processes.")
@click.option(
    "--min-recall", type=float, default=0.9, show_default=True, help="Exit 1 below this share found."
)
@click.option(
    "--max-wrong", type=float, default=0.02, show_default=True, help="Exit 1 above this share wrong."
)
@click.option(
    "--min-meta", type=float, default=0.9, show_default=True, help="Exit 1 below this metadata share."
)
@click.option("--markdown", is_flag=True, help="Print Markdown tables (for docs/accuracy.md).")
@click.option("-v", "--verbose", is_flag=True, help="List every figure and field that is not right.")
def accuracy_command(
    paths: tuple[Path, ...],
    truth: Path,
    db: Path | None,
    jobs: int | None,
    min_recall: float,
    max_wrong: float,
    min_meta: float,
    markdown: bool,
    verbose: bool,
) -> None:
    """Ingest PATHS and score the figures and metadata against labelled truth.

    The semantics are those of the project's scorer (../shared/tools/score.py): a labelled figure is
    found when a stated fact of its document (matched by file name) has its metric, measure, kind
    (and year, where labelled) and a value within 0.005, wrong when facts of that key exist but none
    has the value. The last line is the scorer's summary; exits 1 when a threshold is not met.
    """
    from analytics.accuracy import accuracy, to_markdown

    try:
        score = accuracy(paths, truth, db=db, jobs=jobs)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    console = _console()
    if markdown:
        click.echo(to_markdown(score, misses=verbose), nl=False)
    else:
        _print_accuracy(console, score, verbose=verbose)
    click.echo(score.summary())
    if not score.passes(min_recall, max_wrong, min_meta):
        sys.exit(1)


def _print_accuracy(console: Console, score: Any, *, verbose: bool) -> None:
    metrics = Table(title="figures per metric")
    for column in ("metric", "labelled", "found", "wrong", "missing"):
        metrics.add_column(column, justify="left" if column == "metric" else "right")
    for metric, c in sorted(score.by_metric.items(), key=lambda kv: (-kv[1].total, kv[0])):
        metrics.add_row(Text(metric), str(c.total), str(c.found), str(c.wrong), str(c.missing))
    console.print(metrics)
    fields = Table(title="metadata per field")
    for column in ("field", "right", "labelled"):
        fields.add_column(column, justify="left" if column == "field" else "right")
    for name, (right, total) in score.by_field.items():
        fields.add_row(name, str(right), str(total))
    console.print(fields)
    documents = Table(title="per document")
    for column in ("document", "labelled", "found", "wrong", "missing", "metadata wrong"):
        documents.add_column(column, justify="left" if column in ("document", "metadata wrong") else "right")
    for name, c in score.by_document.items():
        wrong_fields = ", ".join(score.metadata_misses.get(name, []))
        documents.add_row(Text(name), str(c.total), str(c.found), str(c.wrong), str(c.missing), wrong_fields)
    console.print(documents)
    if verbose:
        for line in score.misses:
            console.print(Text(line))

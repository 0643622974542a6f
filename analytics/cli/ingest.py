"""`analytics ingest`: files and folders into the database, with a progress bar and the run's report."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from analytics.cli.console import make_console, printable, shown_path
from analytics.cli.group import db_option
from analytics.executors.choose import check_executor, default_jobs
from analytics.ingestion import DEFAULT_BATCH_SIZE, IngestProgress, IngestReport, ingest


@click.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
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
            console=make_console(stderr=True),
        ) as bar:
            task = bar.add_task("ingesting", total=None)

            def advance(event: IngestProgress) -> None:
                bar.update(
                    task,
                    total=event.total,
                    completed=event.done,
                    description=escape(printable(Path(event.path).name)[:40]),
                )

            report = ingest(paths, db=db, progress=advance, **options)
            bar.update(task, description="done")
    else:
        report = ingest(paths, db=db, **options)
    _print_report(make_console(), report, pruning=prune)
    if not report.ok:
        sys.exit(1)


def _print_report(console: Console, report: IngestReport, *, pruning: bool = False) -> None:
    console.print(f"Ingested into {shown_path(report.db_path)}", markup=False)
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
            f"Not pruned: {shown_path(folder)} holds no disclosure (a drive that is not mounted?); "
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
            skipped.add_row(Text(shown_path(entry.path)), Text(printable(entry.reason)))
        console.print(skipped)
    if report.errors:
        console.print("Files that failed")
        errors = Table()
        errors.add_column("file")
        errors.add_column("stage")
        errors.add_column("message")
        for error in report.errors:
            errors.add_row(Text(shown_path(error.path)), Text(error.stage), Text(printable(error.message)))
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
            f"Corrections not applied: {printable(corrections.error)}", markup=False, soft_wrap=True
        )
    if not corrections.not_applied:
        return
    console.print(f"Corrections not applied ({shown_path(corrections.file)})", markup=False)
    table = Table()
    table.add_column("line", justify="right")
    table.add_column("status")
    table.add_column("message")
    for outcome in corrections.not_applied:
        table.add_row(str(outcome.line), outcome.status, Text(printable(outcome.message)))
    console.print(table)


__all__ = ["ingest_command"]

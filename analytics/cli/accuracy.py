"""`analytics accuracy`: ingest labelled documents and score the figures and metadata against the truth."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from analytics.cli.console import make_console


@click.command(name="accuracy")
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
    console = make_console()
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


__all__ = ["accuracy_command"]

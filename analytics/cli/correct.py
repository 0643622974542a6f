"""`analytics correct`: a figure corrected by hand, kept in the corrections file and applied at once."""

from __future__ import annotations

from pathlib import Path

import click
from rich.text import Text

from analytics.cli.console import make_console, printable, shown_path
from analytics.cli.group import db_option
from analytics.load import open_store


@click.command(name="correct")
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
@db_option
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
    console = make_console()
    console.print(printable(f"Corrected {outcome.message}."), markup=False, soft_wrap=True)
    console.print(
        f"Recorded in {shown_path(report.file)}: applied again on every ingest.",
        markup=False,
        soft_wrap=True,
    )
    others = [o for o in report.not_applied if o.line != outcome.line]
    if others:
        console.print(f"{len(others)} other correction(s) of the file are not applied:", markup=False)
        for other in others:
            console.print(Text(printable(other.message)))


def _user() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return None


__all__ = ["correct_command"]

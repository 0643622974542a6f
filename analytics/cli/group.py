"""The `analytics` command group: its options, and library errors turned into one clean line.

Every command is a thin layer over the library: it parses its arguments, makes one or two library
calls and renders the result. A library error (AnalyticsError), an I/O error (a full disk, a closed
output) or a database that cannot be read becomes `Error: …` and exit code 1, without a traceback.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import click
import duckdb

from analytics.cli.console import printable
from analytics.errors import AnalyticsError, describe_os_error
from analytics.load import DEFAULT_DB

DB_ENVVAR = "ANALYTICS_DB"


class _Group(click.Group):
    """Turns library errors, and I/O errors (a full disk, a closed output), into a clean one-line
    `Error: …` message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AnalyticsError as exc:
            raise click.ClickException(printable(str(exc))) from exc
        except OSError as exc:
            where = f"{printable(str(exc.filename))}: " if exc.filename else ""
            raise click.ClickException(f"{where}{describe_os_error(exc)}") from exc
        except (duckdb.IOException, duckdb.FatalException) as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise click.ClickException(
                f"the database could not be read or written: {printable(first_line)}"
            ) from exc


def db_option(function: Any) -> Any:
    """The `--db FILE` option (default: $ANALYTICS_DB, else the default database)."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        envvar=DB_ENVVAR,
        show_default=True,
        show_envvar=True,
        help="The DuckDB database file.",
    )(function)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cn-budget-analytics", message="%(prog)s %(version)s")
def main() -> None:
    """Chinese government budget disclosures (部门预算/决算公开) into one DuckDB database.

    Ingest a folder of disclosures, then query the tables and views with SQL.
    """
    # The analyses warn how many figures they left out for a failed check (for notebooks); the
    # report says so on its page, and a cron log needs no Python warning lines.
    warnings.filterwarnings("ignore", message=r".* left out for a failed check")


__all__ = ["DB_ENVVAR", "db_option", "main"]

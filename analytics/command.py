"""The `analytics` console script's entry point, kept apart from the command line it runs.

A worker process that the fork server starts runs the parent's main script again before its first
task (multiprocessing does, so that what the script defines can be unpickled). For the console
script that is this module, which imports nothing: importing `analytics.cli` there (the commands,
DuckDB, Arrow, rich) cost every worker about 0.13 s of CPU before its first document.
"""

from __future__ import annotations


def main() -> None:
    """Run the `analytics` command line (`analytics.cli.main`)."""
    from analytics.cli import main as command_line

    command_line()


__all__ = ["main"]

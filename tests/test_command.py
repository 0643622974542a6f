"""The console script's entry point: light to import (workers import it again), and it runs the CLI."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_entry_point_loads_neither_the_command_line_nor_the_database() -> None:
    code = (
        "import sys; import analytics.command; "
        "print(sorted(m for m in ('analytics.cli', 'duckdb', 'pyarrow', 'rich') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_entry_point_runs_the_command_line() -> None:
    code = "import sys; sys.argv = ['analytics', '--help']; from analytics.command import main; main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Usage: analytics" in done.stdout
    assert "ingest" in done.stdout

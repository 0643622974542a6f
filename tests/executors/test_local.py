"""The worker processes start light: what the fork server preloads is the parsing code, not the
database, Arrow or the analysis stack (each worker would otherwise carry them for nothing)."""

from __future__ import annotations

import subprocess
import sys

from analytics.executors.local import PRELOAD

HEAVY = ("duckdb", "pyarrow", "polars", "altair")


def test_the_preloaded_modules_import_no_database_or_analysis_library() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {PRELOAD!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_import_analytics_stays_light_and_its_names_resolve() -> None:
    code = (
        "import sys, analytics\n"
        f"light = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "missing = [n for n in analytics.__all__ if getattr(analytics, n, None) is None]\n"
        "print(light, missing)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] []"


def test_a_fork_server_started_early_is_the_one_the_pool_forks_its_workers_from() -> None:
    code = (
        "import os\n"
        "from multiprocessing import forkserver\n"
        "from analytics.executors.local import process_pool, start_fork_server\n"
        "if __name__ == '__main__':\n"
        "    start_fork_server()\n"
        "    server = forkserver._forkserver._forkserver_pid\n"
        "    with process_pool(2) as pool:\n"
        "        parent = pool.submit(os.getppid).result()\n"
        "    print(server is not None and parent == server)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"

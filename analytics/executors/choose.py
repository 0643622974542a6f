"""From `ingest(jobs=..., executor=...)` to an executor, and how many tasks to keep in flight on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from analytics.errors import AnalyticsError
from analytics.executors.local import InlineExecutor, process_pool

DASK_SCHEME = "dask://"
STARTUP_TIMEOUT_S = 120.0


def default_jobs() -> int:
    """The number of CPU cores this process may use (the default of `--jobs`)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def check_executor(executor: str | Executor | None) -> None:
    """Raise AnalyticsError for an executor name that `executor_for` would not understand."""
    if isinstance(executor, str) and executor not in ("", "local") and not executor.startswith(DASK_SCHEME):
        raise AnalyticsError(
            f"unknown executor {executor!r}: use 'local' or 'dask://HOST:PORT' (a Dask scheduler)"
        )


def local_pool_size(jobs: int | None, executor: str | Executor | None) -> int:
    """The worker processes `executor_for` starts on this machine for these arguments (0 when the
    executor is another: a Dask cluster, an Executor given; 1 means this process parses)."""
    if executor not in (None, "", "local"):
        return 0
    return default_jobs() if jobs is None else jobs


@contextmanager
def executor_for(
    *, jobs: int | None = None, executor: str | Executor | None = None, files: int | None = None
) -> Iterator[tuple[Executor, int]]:
    """The executor to parse on and its number of parallel slots; shut down on exit if made here.

    `executor`: None (local: `jobs` worker processes, or this process when `jobs` is 1 or there are
    at most `jobs` `files` to parse), `'dask://HOST:PORT'` (a Dask scheduler; needs the `dask`
    extra), or any `concurrent.futures.Executor` (used as given, left running).
    """
    if isinstance(executor, Executor):
        yield executor, max(1, jobs or default_jobs())
        return
    check_executor(executor)
    if isinstance(executor, str) and executor not in ("", "local"):
        from analytics.executors.cluster import dask_executor

        with dask_executor(executor) as (cluster, slots):
            yield cluster, slots
        return
    count = local_pool_size(jobs, executor)
    if count < 1:
        raise AnalyticsError(f"jobs must be at least 1, not {count}")
    if count == 1 or (files is not None and files <= 1):
        yield InlineExecutor(), 1
        return
    pool = process_pool(count)
    try:
        _check_started(pool)
        yield pool, count
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _check_started(pool: Executor) -> None:
    """Run a no-op on the pool: a worker that cannot even start is a clear error, not every file failing."""
    try:
        pool.submit(_ping).result(timeout=STARTUP_TIMEOUT_S)
    except (BrokenProcessPool, TimeoutError) as exc:
        raise AnalyticsError(
            "the worker processes could not start. A script that calls analytics.ingest with jobs > 1 "
            "must do so under `if __name__ == '__main__':` (workers import the main module); "
            f"or pass jobs=1 ({type(exc).__name__})"
        ) from exc


def _ping() -> bool:
    return True

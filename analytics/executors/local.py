"""Executors on this machine: inline (in the calling process) and a pool of worker processes.

The pool's workers are started by a fork server that has imported the parsing code once, so a new
worker costs milliseconds, not a fresh interpreter. Workers ignore Ctrl-C (the parent stops them) and
exit by themselves when the parent dies, even of SIGKILL (on POSIX systems: Windows has no signal 0
to probe the parent with, so there a worker outlives a killed parent until its task ends).

Workers are not recycled after a number of tasks (`max_tasks_per_child`): in Python 3.11 to 3.14 the
pool can then deadlock once a worker retires while tasks are queued (CPython gh-115634), which an
ingest of 10,000 files hit.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from analytics.processes import alive

T = TypeVar("T")

PARENT_POLL_S = 1.0

WORKER_GC_THRESHOLD = 50_000

PRELOAD = [
    "analytics.ingestion.worker",
    "analytics.read",
    "analytics.extract",
    "analytics.validate",
    "analytics.ingestion.warm",  # last: parses a few documents of our own, so workers start warm
]
"""Imported once by the fork server, so that every worker starts with them loaded."""


class InlineExecutor(Executor):
    """Runs each call at once in the calling process: `jobs=1`, and runs too small for a pool."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to whoever asks for the result, as a pool would
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            future.set_exception(exc)
        return future


def start_fork_server() -> None:
    """Start the fork server now, without waiting for it: it imports and warms the parsing code
    while this process goes on (walking and hashing the files), instead of after. For a run that
    will surely parse (a new database); `process_pool` uses the server started here. Does nothing
    where the platform has no fork server or it is running already."""
    if _fork_server() is None:
        return
    from multiprocessing import forkserver

    forkserver.ensure_running()


def process_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of `jobs` worker processes (fork server where the platform has one, else spawn)."""
    context: BaseContext = _fork_server() or multiprocessing.get_context("spawn")  # spawn: Windows
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_init_worker,
        initargs=(os.getpid(),),
    )


def _fork_server() -> BaseContext | None:
    """The fork server's context, set to preload PRELOAD; None where the platform has none."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _init_worker(parent_pid: int) -> None:
    """Ignore Ctrl-C (the parent shuts the pool down), collect garbage less often, and watch the
    parent: if it dies (kill -9), nobody would ever send this worker another task or take its
    results, so it leaves."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Parsing allocates many short-lived, acyclic objects: a cycle collection every 700 allocations
    # (the default) costs a worker time for nothing (measured: docs/performance.md, "Garbage
    # collection"). The modules imported so far never die.
    gc.freeze()
    gc.set_threshold(max(gc.get_threshold()[0], WORKER_GC_THRESHOLD), *gc.get_threshold()[1:])
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="watch-parent", daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        if not alive(parent_pid):
            os._exit(1)

"""One ingest run's loop: hash ahead, keep the workers busy, write in batches, report every file.

The pieces, each with its own state: `Intake` and `Claims` (`analytics.ingestion.intake`) decide
what needs parsing; `Dispatch` keeps a bounded number of tasks in flight on the executor and copes
with workers that die; `Writer` (`analytics.ingestion.writer`) writes what is pending; `Tally` turns
each file's outcome into progress events and the report. `Scheduler.go` runs them until every file
has its outcome.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool

from analytics.ingestion.files import Identity
from analytics.ingestion.intake import Claims, Intake
from analytics.ingestion.report import FileError, IngestProgress, IngestReport, ProgressCallback
from analytics.ingestion.worker import Parsed, Task, parse_files, settings_environment
from analytics.ingestion.writer import FLUSH_SECONDS, Outcome, Pending, Writer
from analytics.load import LoadResult, Store

FILES_PER_TASK = 4
"""Files sent to a worker in one task: enough to make the cost of a task small, few enough to balance."""

TASKS_PER_SLOT = 8
"""Tasks kept in flight per worker slot: workers never wait for work, memory stays bounded."""

GC_THRESHOLD = 50_000

StartExecutor = Callable[[int | None], tuple[Executor, int]]
"""Starts the executor (given the number of files to parse, when all are known): it and its slots."""


class Tally:
    """Each file's outcome as it comes: progress events, then the report's results and errors in the
    order of the walk."""

    def __init__(self, total: int, progress: ProgressCallback | None) -> None:
        self.total = total
        self.progress = progress
        self.done = 0
        self.results: list[tuple[int, LoadResult]] = []
        self.errors: list[tuple[int, FileError]] = []

    def finish(self, entry: Pending, result: LoadResult, error: FileError | None) -> None:
        if self.progress is not None:
            self.progress(IngestProgress(self.done, self.total, entry.path))
        self.done += 1
        self.results.append((entry.index, result))
        if error is not None:
            self.errors.append((entry.index, error))
        if self.progress is not None:
            self.progress(IngestProgress(self.done, self.total, entry.path, result))

    def into(self, report: IngestReport) -> None:
        """Fill the report's results and errors, in the order of the walk."""
        report.results = [result for _, result in sorted(self.results, key=lambda pair: pair[0])]
        report.errors = [error for _, error in sorted(self.errors, key=lambda pair: pair[0])]


class Dispatch:
    """Tasks in flight on the executor. When a worker dies, the tasks it took down are run again one
    file at a time (`suspects`) until the file at fault fails alone."""

    def __init__(self, start: StartExecutor) -> None:
        self.start = start
        self.executor: Executor | None = None
        self.slots = 1
        self.inflight: dict[Future[list[tuple[int, Parsed]]], Task] = {}
        self.suspects: deque[Task] = deque()
        self.environment = settings_environment()

    @property
    def busy(self) -> bool:
        return bool(self.inflight or self.suspects)

    def submit(self, queue: deque[tuple[int, str, str | None]], parse_count: int | None) -> None:
        """Start the executor when there is something to parse, and keep it supplied from `queue`."""
        if self.executor is None and (queue or self.suspects):
            self.executor, self.slots = self.start(parse_count)
        if self.executor is None:
            return
        limit = 1 if self.suspects else self.slots * TASKS_PER_SLOT
        while len(self.inflight) < limit and (self.suspects or queue):
            task = self.suspects.popleft() if self.suspects else self._next_task(queue)
            self.inflight[self.executor.submit(parse_files, task, self.environment)] = task

    def _next_task(self, queue: deque[tuple[int, str, str | None]]) -> Task:
        size = FILES_PER_TASK if self.slots > 1 else 1
        return tuple(queue.popleft() for _ in range(min(size, len(queue))))

    def collect(self) -> list[Pending]:
        """Wait (at most FLUSH_SECONDS) for tasks to finish; their files, parsed or failed."""
        finished, _ = wait(self.inflight, timeout=FLUSH_SECONDS, return_when=FIRST_COMPLETED)
        parsed: list[Pending] = []
        for future in finished:
            task = self.inflight.pop(future)
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                # A worker died (a reader crashed or was killed by the OS): every task in flight is
                # lost. Rerun them one file at a time until the culprit is found.
                self.executor = None
                lost = [task, *self.inflight.values()]
                self.inflight.clear()
                return parsed + [p for t in lost for p in self._split_or_fail(t, "its worker process died")]
            except Exception as exc:  # a cluster lost the task (KilledWorker, …)
                parsed += self._split_or_fail(task, f"the task failed on the cluster: {exc!r}")
                continue
            for index, result in outcomes:
                path = result.path if isinstance(result, FileError) else result.source_path
                parsed.append(Pending(index, path, parsed=result))
        return parsed

    def _split_or_fail(self, task: Task, why: str) -> list[Pending]:
        if len(task) > 1:
            self.suspects.extend((item,) for item in task)
            return []
        ((index, path, sha256),) = task
        message = f"read failed for {path}: {why} while parsing this file"
        return [Pending(index, path, parsed=FileError(path, "read", message, "WorkerError", sha256))]


class Scheduler:
    """One ingest run: hashing, dispatching to the executor, batching the writes, the report."""

    def __init__(
        self,
        store: Store,
        files: list[str],
        progress: ProgressCallback | None,
        batch_size: int,
        identities: dict[str, Identity] | None = None,
    ) -> None:
        self.report = IngestReport(db_path=store.path)
        self.claims = Claims()
        self.intake = Intake(store, files, self.claims, identities or {})
        self.writer = Writer(store, batch_size)
        self.tally = Tally(len(files), progress)

    def go(self, start: StartExecutor) -> None:
        """Hash, parse and write every file; the report is complete when this returns."""
        thresholds = gc.get_threshold()
        # The writer allocates many short-lived, acyclic objects (unpickled rows, results): collecting
        # cycles every 700 allocations costs it time for nothing (docs/performance.md, "Garbage
        # collection").
        gc.set_threshold(max(thresholds[0], GC_THRESHOLD), *thresholds[1:])
        try:
            self._loop(Dispatch(start))
        finally:
            gc.set_threshold(*thresholds)
            self.intake.close()
        self.tally.into(self.report)

    def _loop(self, dispatch: Dispatch) -> None:
        while True:
            self._hash_ahead(dispatch.slots)
            dispatch.submit(self.claims.queue, self._parse_count(dispatch))
            if not dispatch.busy and not self.claims.queue and self.intake.done:
                self._flush()
                if not self.claims.queue and not self.claims.waiting and not self.writer.pending:
                    return
                continue
            if dispatch.inflight:
                self.writer.pending += dispatch.collect()
            if self.writer.due:
                self._flush()

    def _hash_ahead(self, slots: int) -> None:
        """Hash ahead of the workers, but write (and report) unchanged files as they come."""
        while (
            not self.intake.done
            and len(self.claims.queue) < 4 * FILES_PER_TASK * max(slots, 2)
            and not self.writer.full
        ):
            self.writer.pending += self.intake.next_chunk_settled()

    def _parse_count(self, dispatch: Dispatch) -> int | None:
        """The number of files to parse, when it is known (every file hashed, none waiting)."""
        hashed_all = self.intake.done and not self.claims.waiting and not dispatch.suspects
        return len(self.claims.queue) if hashed_all else None

    def _flush(self) -> None:
        for entry, outcome in self.writer.flush():
            if outcome is None:  # the bytes are no longer loaded anywhere: parse after all
                assert entry.settle is not None
                self.claims.claim_or_wait(entry.index, entry.path, entry.settle)
            else:
                self._finish(entry, outcome)

    def _finish(self, entry: Pending, outcome: Outcome) -> None:
        result, error = outcome
        self.tally.finish(entry, result, error)
        self.writer.pending += self.claims.release(entry.index, result)


__all__ = ["FILES_PER_TASK", "Scheduler"]

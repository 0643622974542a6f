"""Where the parsing runs: in this process, in local worker processes, or on a Dask cluster.

Read, extract and validate are pure functions of a file's bytes, so any `concurrent.futures.Executor`
can run them; only the process that called `ingest` writes the database. `executor_for` turns the
`jobs` and `executor` arguments of `ingest` into one.

>>> from analytics.executors import executor_for
>>> with executor_for(jobs=1) as (executor, slots):
...     executor.submit(len, "abc").result()
3
"""

from analytics.executors.choose import default_jobs, executor_for
from analytics.executors.local import InlineExecutor, process_pool

__all__ = ["InlineExecutor", "default_jobs", "executor_for", "process_pool"]

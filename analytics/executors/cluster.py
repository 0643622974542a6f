"""Parsing on a Dask distributed cluster: the scheduler's workers read and extract, the driver writes.

Every worker needs this package installed (`pip install '.[dask]'` in a checkout of this project)
and must see the files at the same paths as the driver (a shared or network file system): tasks
carry paths, not bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from analytics.errors import AnalyticsError

CONNECT_TIMEOUT_S = 30


def scheduler_address(url: str) -> str:
    """`dask://HOST:PORT` -> the scheduler address Dask wants (`tcp://HOST:PORT`).

    >>> scheduler_address("dask://10.0.0.5:8786")
    'tcp://10.0.0.5:8786'
    >>> scheduler_address("dask://tls://scheduler:8786")
    'tls://scheduler:8786'
    """
    rest = url.removeprefix("dask://")
    if not rest:
        raise AnalyticsError("the executor 'dask://' names no scheduler: use dask://HOST:PORT")
    return rest if "://" in rest else f"tcp://{rest}"


@contextmanager
def dask_executor(url: str) -> Iterator[tuple[Executor, int]]:
    """Connect to the scheduler at `url` (`dask://HOST:PORT`); yields a concurrent.futures executor
    on its workers and their number of threads. Closes the connection (not the cluster) on exit."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise AnalyticsError(
            "the Dask executor needs the optional dependencies: pip install '.[dask]' (in a checkout of this project)"
        ) from exc
    address = scheduler_address(url)
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise AnalyticsError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        slots = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
        executor: Executor = client.get_executor(pure=False)  # type: ignore[no-untyped-call]
        try:
            yield executor, slots
        finally:
            executor.shutdown(wait=False)
    finally:
        client.close()  # type: ignore[no-untyped-call]

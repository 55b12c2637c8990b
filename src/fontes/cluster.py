"""Analysis on a Dask cluster (dask.distributed): each document is a task that a worker reads and
analyses; results stream back in file order to this process, the store's only writer. A task on a
worker that dies is run again on another worker by the scheduler (and retried on errors), so a lost
worker loses no document. Workers need fontes installed, as on this machine."""
from __future__ import annotations

import logging
import os
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Callable, Iterator

from .errors import FontesError

RETRIES = 2  # a task that fails on a worker is tried this many more times


def connect(address: str):
    """A client for a scheduler address (tcp://host:8786), or for a new LocalCluster ("local")."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - installed with fontes
        raise FontesError("dask.distributed is not installed (pip install 'dask[distributed]')") from exc
    if address == "local":
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster)
    try:
        return Client(address, timeout="15s")
    except (OSError, TimeoutError) as exc:
        raise FontesError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


@contextmanager
def submitter(address: str) -> Iterator[tuple[Callable[..., Future], int]]:
    """A function that runs `task(*args)` on the cluster and returns its future, and the number of
    worker threads there; the client (and a local cluster) is closed on leaving. The caller hands
    the task over, so this module knows nothing of what is run."""
    client = connect(address)
    try:
        def submit(task: Callable, *args) -> Future:
            return client.submit(task, *args, pure=False, retries=RETRIES)

        yield submit, max(1, sum(client.nthreads().values()))
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None and address == "local":
            cluster.close()

"""The one way to run a batch of independent tasks: here, in worker processes, or on a
dask cluster.

``run(fn, tasks)`` calls ``fn(task)`` for every task and returns the results in
task order, however they were computed, so a batch's result does not depend on
``jobs`` or on where it ran.  ``fn`` must be a module-level function and the tasks
plain picklable values: the pool works with the ``spawn`` start method (no state is
inherited from the parent), and a cluster's workers import ``fn`` by name.

A cluster needs the optional ``distributed`` package (``pip install 'sumiwake[cluster]'``)
and the game installed on every worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int], None]
CONNECT_TIMEOUT = "10s"  # how long to look for a cluster's scheduler before giving up


class BatchError(RuntimeError):
    """A batch could not be sent where the user asked.  ``code`` names the message (a key of
    the CLI's catalog: ``batch.no_distributed``, ``batch.unreachable``), ``params`` fill it."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}" if params else code)


def _indexed(item: tuple[Callable[[Any], Any], int, Any]) -> tuple[int, Any]:
    fn, i, task = item
    return i, fn(task)


def run(fn: Callable[[T], R], tasks: Sequence[T], jobs: int = 1, cluster: str | None = None,
        progress: Progress | None = None, start_method: str | None = None,
        chunksize: int | None = None) -> list[R]:
    """``[fn(t) for t in tasks]``, computed with ``jobs`` worker processes or on the dask
    scheduler at ``cluster`` (an address such as ``tcp://10.0.0.5:8786``).

    ``progress(done, total)`` is called in this process as results arrive.
    ``start_method`` picks the process start method (None: the platform's default)."""
    total = len(tasks)
    out: list[Any] = [None] * total
    done = 0

    def got(i: int, r: Any) -> None:
        nonlocal done
        out[i] = r
        done += 1
        if progress is not None:
            progress(done, total)

    if cluster is not None:
        for i, r in _on_cluster(fn, tasks, cluster):
            got(i, r)
    elif jobs > 1 and total > 1:
        import multiprocessing as mp

        workers = min(jobs, total)
        size = chunksize or max(1, min(16, total // (4 * workers)))
        with mp.get_context(start_method).Pool(workers) as pool:
            for i, r in pool.imap_unordered(_indexed, [(fn, i, t) for i, t in enumerate(tasks)], chunksize=size):
                got(i, r)
    else:
        for i, t in enumerate(tasks):
            got(i, fn(t))
    return out


def _on_cluster(fn: Callable[[Any], Any], tasks: Sequence[Any], address: str):
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise BatchError("batch.no_distributed") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BatchError("batch.unreachable", address=address, detail=exc) from None
    try:
        # pure=False: two equal tasks are still two games; the key keeps each result's index
        futures = [client.submit(_indexed, (fn, i, t), pure=False) for i, t in enumerate(tasks)]
        for fut in as_completed(futures):
            yield fut.result()
    finally:
        client.close()

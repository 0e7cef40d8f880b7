"""Runners: where the engine's partition tasks run — here, in a pool of processes
(:class:`LocalRunner`) or on ``dask.distributed`` (:class:`DaskRunner`). Both have ``map``
(results in order) and ``recycle`` (fresh workers), and run the same functions."""

from __future__ import annotations

import ctypes
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache, partial
from multiprocessing import get_context

import pyarrow as pa


def release_memory() -> None:
    """Give memory freed by this process back to the system: the C allocator's free pages
    (``malloc_trim``, where the C library has it) and pyarrow's pool. A long run's resident memory
    then follows what is in use rather than what once was."""
    pa.default_memory_pool().release_unused()
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None)
    except (OSError, TypeError):  # no C library to ask (Windows)
        return None


def _then_release(func: Callable, item, **shared):
    """``func(item, **shared)``, then :func:`release_memory`: how :class:`LocalRunner` runs a task
    (Dask workers trim their own: ``distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_``)."""
    try:
        return func(item, **shared)
    finally:
        release_memory()


class WorkerError(RuntimeError):
    """A worker process died (killed, or out of memory) and its tasks could not be run again."""


def _watch_parent(parent: int) -> None:
    """In a worker process: end it when the process that started it is gone, however that ended."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="coop-parent-watch", daemon=True).start()


class LocalRunner:
    """Run partition tasks here (``jobs=1``) or in ``jobs`` processes (spawned, so nothing
    inherited by fork can differ).

    A worker process that dies mid-task (killed, out of memory) is replaced and the tasks not yet
    done run again, up to ``retries`` times a pass; then the run stops with a
    :class:`WorkerError`. Tasks are pure and write atomically, so a task run twice changes
    nothing. Workers end by themselves when the driver is gone, however it ended.
    """

    def __init__(self, jobs: int = 1, *, retries: int = 2):
        if not isinstance(jobs, int) or jobs < 1:
            raise ValueError(f"jobs must be a positive int, got {jobs!r}")
        if not isinstance(retries, int) or retries < 0:
            raise ValueError(f"retries must be an int >= 0, got {retries!r}")
        self.jobs = jobs
        self.retries = retries
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.jobs, mp_context=get_context("spawn"), initializer=_watch_parent, initargs=(os.getpid(),)
        )

    def __enter__(self) -> LocalRunner:
        if self.jobs > 1:
            self._pool = self._new_pool()
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def recycle(self) -> None:
        """Replace the worker processes with fresh ones: memory a pass left behind goes back to
        the system before the corpus-wide step (a no-op in this process)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = self._new_pool()

    def map(self, func: Callable, items: Sequence, **shared) -> Iterable:
        """``func(item, **shared)`` for each item, results in order, as they come."""
        task = partial(_then_release, func, **shared)
        if self._pool is None:
            return map(task, items)
        return self._map_retrying(task, list(items))

    def _map_retrying(self, task: Callable, items: list) -> Iterable:
        done, deaths = 0, 0
        while done < len(items):
            futures = [self._pool.submit(task, item) for item in items[done:]]
            try:
                for future in futures:
                    result = future.result()
                    done += 1
                    yield result
            except BrokenProcessPool:
                deaths += 1
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = self._new_pool()
                if deaths > self.retries:
                    raise WorkerError(
                        f"a worker process died {deaths} times running {getattr(task.args[0], '__name__', 'a task')} "
                        f"(killed, or out of memory?); {done} of {len(items)} tasks were done. Try fewer --jobs or a "
                        "smaller --partition-mb"
                    ) from None


class DaskRunner:
    """Run partition tasks on ``dask.distributed``: the scheduler at ``scheduler`` (for example
    ``tcp://10.0.0.5:8786``), else a ``LocalCluster`` of ``jobs`` single-threaded worker
    processes on this machine. Workers must see the output folder at the same path (a shared
    file system) and have this package installed."""

    def __init__(self, scheduler: str | None = None, *, jobs: int | None = None, client=None):
        self.scheduler = scheduler
        self.jobs = jobs
        self.client = client
        self._own: list = []

    def __enter__(self) -> DaskRunner:
        if self.client is None:
            from distributed import Client, LocalCluster

            if self.scheduler:
                self.client = Client(self.scheduler)
            else:
                cluster = LocalCluster(
                    n_workers=self.jobs or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    host="127.0.0.1",
                )
                self.client = Client(cluster)
                self._own.append(cluster)
            self._own.insert(0, self.client)
        return self

    def __exit__(self, *exc) -> None:
        for thing in self._own:
            thing.close()
        self._own.clear()

    def recycle(self) -> None:
        """Nothing: Dask workers manage their own memory (``distributed.worker.memory``)."""

    def map(self, func: Callable, items: Sequence, **shared) -> Iterable:
        """``func(item, **shared)`` on the workers; results in order. Each shared argument (the
        model) is made once by a task of its own and passed between workers from there: unlike
        scattered data, a task's result that dies with its worker is made again."""
        if not items:
            return []
        sent = {k: self.client.submit(_same, v, pure=False) for k, v in shared.items()}
        futures = self.client.map(func, items, pure=False, **sent)
        return self.client.gather(futures)


def _same(value):
    return value

"""Where runs execute: in this process, a local process pool, or a dask.distributed cluster.

Every executor takes an iterator of :class:`RunJob` and yields :class:`RunRecord` as runs
finish, keeping at most a small window of runs in flight, so the parent's memory does
not grow with the number of runs. The results do not depend on the executor: a run is a
pure function of its job. Workers ignore SIGINT; the parent decides how to stop (local
pool workers and their forkserver are started with SIGINT blocked, and a worker that
starts after its sweep stopped ends silently: :mod:`sim.experiment.forkserver_start`, so
a Ctrl-C prints the sweep's one line only). Local pool workers end when the sweep's
process dies, even by SIGKILL.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from sim.experiment.parent_watch import watch_parent
from sim.experiment.plan import RunJob
from sim.experiment.task import RunRecord, RunStatus, perform_run
from sim.held_signals import signals_held

IN_FLIGHT_PER_WORKER = 2
ATTEMPTS = 3  # a run whose worker dies this many times is recorded as failed
# Settings for a local dask cluster, whose scheduler and nannies share this machine's
# cores with the runs. The workers' statistical profiler samples every task thread each
# 10 ms for a dashboard a sweep does not open: it slowed each run by about 10% on 2
# cores. The 20 ms event-loop tick, the nannies' 100 ms memory polls and the 0.5 s
# system monitor cost the sweep's own process 0.8 s of CPU per 20 default runs (0.3 s
# with the settings below), taken from the workers. Workers of an existing cluster take
# their own settings: docs/cluster.md gives the profiler's as an environment variable.
LOCAL_DASK_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    # a run is lost with its worker this many times before dask gives up on it
    "distributed.scheduler.allowed-failures": ATTEMPTS - 1,
    # one run per worker thread at a time: a run queued on a worker that dies counts as
    # lost with it, so at dask's default (1.1, two per single-thread worker) a run that
    # kills its worker every time took an innocent one down with it
    "distributed.scheduler.worker-saturation": 1.0,
}


PRELOAD = ["sim.experiment.forkserver_start", "sim.output.results", "sim.experiment.task"]
"""What the forkserver imports once for all workers: first how its children report errors
(:mod:`sim.experiment.forkserver_start`), then the model."""


class Executor(Protocol):
    """Runs jobs and yields their records in completion order."""

    description: str

    def run(self, jobs: Iterable[RunJob]) -> Iterator[RunRecord]: ...

    def close(self) -> None: ...


class InProcess:
    """Runs one job after another in this process (notebooks, ``--workers 1``, debugging)."""

    description = "in-process"

    def run(self, jobs: Iterable[RunJob]) -> Iterator[RunRecord]:
        for job in jobs:
            yield perform_run(job)

    def close(self) -> None:
        pass


def start_forkserver() -> None:
    """Start the forkserver (once per process) with SIGINT blocked, so that it, and every
    worker it forks, is deaf to Ctrl-C from birth: a Ctrl-C while they start (the
    forkserver importing the model, a worker not yet at its initializer) interrupted
    them and each printed a KeyboardInterrupt traceback after the sweep's one line. A
    blocked signal stays blocked across fork and exec; the sweep decides how to stop.
    The resource tracker is started first: it unblocks SIGINT when it starts."""
    from multiprocessing import forkserver, resource_tracker

    resource_tracker.ensure_running()
    with signals_held((signal.SIGINT,)):
        forkserver.ensure_running()


def _start_worker(sweep: int) -> None:
    """A pool worker ignores SIGINT (the sweep decides how to stop) and ends when the
    sweep's process ``sweep`` dies (sim.experiment.parent_watch)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent(sweep)


class LocalPool:
    """A pool of worker processes on this machine (forkserver: the model imported once).

    When a worker process dies (killed, out of memory, a crash in native code) the pool
    breaks and every run in flight fails with it, although one at most caused it. Those
    runs are suspects: each is run again alone in a fresh pool, so a suspect that kills
    its worker again is the culprit; it is recorded as failed once its worker has died
    ``ATTEMPTS`` times (the first death, in company, counts), and the others are recorded
    as they finish.
    """

    def __init__(self, workers: int, task: Callable[[RunJob], RunRecord] = perform_run) -> None:
        self.workers = workers
        self.task = task
        self.description = f"local pool, {workers} processes"
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        start_forkserver()
        return ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
        )

    def run(self, jobs: Iterable[RunJob]) -> Iterator[RunRecord]:
        pending: dict[Future, RunJob] = {}
        suspects: deque[RunJob] = deque()
        source = iter(jobs)
        window = self.workers * IN_FLIGHT_PER_WORKER
        while True:
            if suspects:
                yield self._run_alone(suspects.popleft())
                continue
            while len(pending) < window and (job := next(source, None)) is not None:
                pending[self._pool.submit(self.task, job)] = job
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                try:
                    record = future.result()
                except BrokenProcessPool:
                    suspects.append(job)
                    continue
                yield record
            if suspects:  # the pool broke: every run still in flight failed with it
                suspects.extend(pending.values())
                pending.clear()
                self._restart()

    def _run_alone(self, job: RunJob) -> RunRecord:
        for _ in range(ATTEMPTS - 1):
            try:
                return self._pool.submit(self.task, job).result()
            except BrokenProcessPool:
                self._restart()
        return failed_record(job, f"its worker process died {ATTEMPTS} times while running it")

    def _restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """A dask.distributed cluster: an existing scheduler's address, or a local cluster."""

    def __init__(
        self,
        address: str | None = None,
        workers: int = 2,
        task: Callable[[RunJob], RunRecord] = perform_run,
    ) -> None:
        import dask
        from distributed import Client, LocalCluster

        self.task = task
        self._cluster = None
        if address is None:
            with dask.config.set(LOCAL_DASK_CONFIG):
                self._cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            address = self._cluster.scheduler_address
        self.client = Client(address)
        self.description = f"dask {address}"

    def run(self, jobs: Iterable[RunJob]) -> Iterator[RunRecord]:
        from distributed import as_completed

        window = max(2, IN_FLIGHT_PER_WORKER * self._slots())
        source = iter(jobs)
        jobs_by_key: dict[str, RunJob] = {}
        queue = as_completed()
        for job in _take(source, window):
            queue.add(self._submit(job, jobs_by_key))
        for future in queue:
            job = jobs_by_key.pop(future.key)
            yield self._collect(future, job)
            future.release()
            for more in _take(source, 1):
                queue.add(self._submit(more, jobs_by_key))

    def _submit(self, job: RunJob, jobs_by_key: dict[str, RunJob]) -> Any:
        key = f"alliance-run-{job.run_id}-{time.monotonic_ns()}"
        jobs_by_key[key] = job
        return self.client.submit(self.task, job, key=key, retries=ATTEMPTS - 1, pure=False)

    @staticmethod
    def _collect(future: Any, job: RunJob) -> RunRecord:
        try:
            return future.result()
        except Exception as err:  # e.g. KilledWorker after every retry
            return failed_record(job, f"{type(err).__name__}: {err} ({ATTEMPTS} attempts)")

    def _slots(self) -> int:
        info = self.client.scheduler_info()
        return sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()) or 1

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def failed_record(job: RunJob, error: str) -> RunRecord:
    return RunRecord(job.run_id, RunStatus.FAILED, error=error, started=time.time())


def _take(source: Iterator[RunJob], n: int) -> list[RunJob]:
    out = []
    for _ in range(n):
        job = next(source, None)
        if job is None:
            break
        out.append(job)
    return out

"""Where runs execute: in this process, a local process pool, or a dask.distributed cluster.

Every executor takes an iterator of :class:`RunJob` and yields :class:`RunRecord` as runs
finish, keeping at most a small window of runs in flight, so the parent's memory does
not grow with the number of runs. The results do not depend on the executor: a run is a
pure function of its job. Workers ignore SIGINT; the parent decides how to stop.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from sim.experiment.plan import RunJob
from sim.experiment.task import RunRecord, RunStatus, perform_run

IN_FLIGHT_PER_WORKER = 2
DASK_ATTEMPTS = 3  # a run whose worker dies this many times is recorded as failed
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
}


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


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalPool:
    """A pool of worker processes on this machine (forkserver: the model imported once)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.description = f"local pool, {workers} processes"
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["sim.results", "sim.experiment.task"])
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_ignore_sigint)

    def run(self, jobs: Iterable[RunJob]) -> Iterator[RunRecord]:
        pending: dict[Future, RunJob] = {}
        source = iter(jobs)
        window = self.workers * IN_FLIGHT_PER_WORKER
        while True:
            while len(pending) < window and (job := next(source, None)) is not None:
                pending[self._pool.submit(perform_run, job)] = job
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                yield self._collect(future, job)

    def _collect(self, future: Future, job: RunJob) -> RunRecord:
        try:
            return future.result()
        except BrokenProcessPool as err:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return failed_record(job, f"worker process died: {err}")

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """A dask.distributed cluster: an existing scheduler's address, or a local cluster."""

    def __init__(self, address: str | None = None, workers: int = 2) -> None:
        import dask
        from distributed import Client, LocalCluster

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
        return self.client.submit(perform_run, job, key=key, retries=DASK_ATTEMPTS - 1, pure=False)

    @staticmethod
    def _collect(future: Any, job: RunJob) -> RunRecord:
        try:
            return future.result()
        except Exception as err:  # e.g. KilledWorker after every retry
            return failed_record(job, f"{type(err).__name__}: {err} ({DASK_ATTEMPTS} attempts)")

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

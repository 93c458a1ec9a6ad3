"""The local pool's retry count, checked fast and deterministically with a stand-in pool
whose "worker" dies on a chosen run: the first death (in company) counts, the suspect is
then run alone, and a run is recorded as failed after exactly ``ATTEMPTS`` deaths. The
runs that were in flight when the pool broke are run again and recorded once each."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest

from sim.experiment.executors import ATTEMPTS, LOCAL_DASK_CONFIG, LocalPool
from sim.experiment.plan import RunJob
from sim.experiment.task import RunRecord, RunStatus

CULPRIT = "run-01"


class DyingPool:
    """Stands in for a ProcessPoolExecutor: ``CULPRIT`` kills the worker while it has
    deaths left; once broken, every run submitted to this pool fails with it."""

    def __init__(self, world: dict) -> None:
        self.world = world
        self.broken = False

    def submit(self, task, job: RunJob) -> Future:
        self.world["submitted"].append(job.run_id)
        future: Future = Future()
        if job.run_id == CULPRIT and self.world["deaths_left"] > 0:
            self.world["deaths_left"] -= 1
            self.world["deaths"] += 1
            self.broken = True
        if self.broken:
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(task(job))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        self.world["pools_shut"] += 1


class StandInPool(LocalPool):
    def __init__(self, deaths: int) -> None:
        self.world = {"submitted": [], "deaths_left": deaths, "deaths": 0, "pools_shut": 0}
        super().__init__(workers=2, task=finish)

    def _new_pool(self):
        return DyingPool(self.world)


def finish(job: RunJob) -> RunRecord:
    return RunRecord(job.run_id, RunStatus.DONE, {"x": float(job.seed)})


def jobs(n: int) -> list[RunJob]:
    return [RunJob(f"run-{i:02d}", None, 1, i, 1) for i in range(n)]


def run_all(deaths: int, n: int = 10) -> tuple[dict[str, RunRecord], dict]:
    pool = StandInPool(deaths)
    records = list(pool.run(jobs(n)))
    ids = [r.run_id for r in records]
    assert sorted(ids) == [f"run-{i:02d}" for i in range(n)]  # each run recorded once
    return {r.run_id: r for r in records}, pool.world


@pytest.mark.parametrize("deaths", range(ATTEMPTS))
def test_a_run_whose_worker_dies_fewer_than_attempts_times_completes(deaths):
    records, world = run_all(deaths)
    assert all(r.status is RunStatus.DONE for r in records.values())
    assert world["deaths"] == deaths
    assert world["submitted"].count(CULPRIT) == deaths + 1
    assert records[CULPRIT].outcomes == {"x": 1.0}


@pytest.mark.parametrize("deaths", [ATTEMPTS, ATTEMPTS + 4])
def test_a_run_is_failed_after_exactly_attempts_deaths(deaths):
    records, world = run_all(deaths)
    assert ATTEMPTS == 3
    assert world["deaths"] == 3 and world["submitted"].count(CULPRIT) == 3
    culprit = records.pop(CULPRIT)
    assert culprit.status is RunStatus.FAILED
    assert culprit.error == "its worker process died 3 times while running it"
    assert all(r.status is RunStatus.DONE for r in records.values())


def test_runs_in_flight_with_the_death_are_run_again():
    _, world = run_all(deaths=1, n=6)
    # window 4 (2 workers x 2): run-00 finishes, run-01 kills the pool, so run-02 and
    # run-03 (in flight with it) are lost once and run again; run-04, 05 once
    counts = {i: world["submitted"].count(f"run-{i:02d}") for i in range(6)}
    assert counts == {0: 1, 1: 2, 2: 2, 3: 2, 4: 1, 5: 1}
    assert world["pools_shut"] == 1  # one break, one restart (the suspects ran fine)


def test_dask_gives_a_run_the_same_number_of_attempts():
    assert LOCAL_DASK_CONFIG["distributed.scheduler.allowed-failures"] == ATTEMPTS - 1

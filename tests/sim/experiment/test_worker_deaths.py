"""A worker process that dies loses no run but its own: the runs in flight with it are
run again, a run whose worker dies once is retried and completes, and one that kills its
worker every time is recorded as failed after three deaths while the sweep goes on."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from sim.experiment.executors import ATTEMPTS, DaskCluster, InProcess, LocalPool
from sim.experiment.loading import load_experiment
from sim.experiment.reading import runs_table, timeseries_table
from sim.experiment.sweep import run_sweep
from sim.experiment.task import perform_run

pytestmark = pytest.mark.slow
TIMING = ["started", "wall_seconds", "worker", "session", "attempts"]
CULPRIT = "p0001-r002"


def die_running(run_id: str, deaths_folder: str, deaths: int, job):
    """Kill this worker process while running ``run_id``, its first ``deaths`` times
    (each death is a file in ``deaths_folder``, so it counts across processes)."""
    if job.run_id == run_id:
        folder = Path(deaths_folder)
        if len(list(folder.iterdir())) < deaths:
            (folder / f"death-{os.getpid()}").touch()
            os._exit(1)
    return perform_run(job)


def stored(folder):
    runs = runs_table(folder).drop(columns=TIMING).sort_values("run_id").reset_index(drop=True)
    series = timeseries_table(folder).sort_values(["run_id", "step"]).reset_index(drop=True)
    return runs, series


def sweep_with(executor, tiny_experiment, out: Path) -> None:
    try:
        run_sweep(load_experiment(tiny_experiment()), executor, out)
    finally:
        executor.close()


def killer(tmp_path: Path, deaths: int):
    folder = tmp_path / "deaths"
    folder.mkdir()
    return partial(die_running, CULPRIT, str(folder), deaths), folder


EXECUTORS = {
    "pool": lambda task: LocalPool(2, task=task),
    "dask": lambda task: DaskCluster(workers=2, task=task),
}


@pytest.mark.parametrize("kind", sorted(EXECUTORS))
def test_a_worker_that_dies_once_costs_no_run(kind, tiny_experiment, tmp_path):
    sweep_with(InProcess(), tiny_experiment, tmp_path / "whole")
    task, deaths = killer(tmp_path, deaths=1)
    sweep_with(EXECUTORS[kind](task), tiny_experiment, tmp_path / "died")
    assert len(list(deaths.iterdir())) == 1
    died, whole = stored(tmp_path / "died"), stored(tmp_path / "whole")
    assert (died[0]["status"] == "done").all()
    for left, right in zip(died, whole, strict=True):
        assert left.equals(right)


@pytest.mark.parametrize("kind", sorted(EXECUTORS))
def test_a_run_that_kills_its_worker_every_time_fails_alone(kind, tiny_experiment, tmp_path):
    sweep_with(InProcess(), tiny_experiment, tmp_path / "whole")
    task, deaths = killer(tmp_path, deaths=ATTEMPTS + 5)
    sweep_with(EXECUTORS[kind](task), tiny_experiment, tmp_path / "died")
    assert len(list(deaths.iterdir())) == ATTEMPTS  # given up after three deaths
    runs = runs_table(tmp_path / "died").set_index("run_id")
    assert runs.loc[CULPRIT, "status"] == "failed"
    assert runs.loc[CULPRIT, "error"]
    others = runs.drop(index=CULPRIT)
    assert (others["status"] == "done").all()
    whole = stored(tmp_path / "whole")[0].set_index("run_id").drop(index=CULPRIT)
    assert len(others) == len(whole)
    columns = [c for c in whole.columns if c not in ("status", "error")]
    mine = others.drop(columns=TIMING).loc[whole.index, columns]
    assert mine.equals(whole[columns])

"""The runs of a sweep: design points crossed with replicates, each with its id and seed.

A run id names the point and the replicate (``p0012-r007``), so any single run can be
re-run alone and gives the same rows. The scenario of a point is its base scenario with
the point's factor values set, validated once in the parent; the worker gets only the
:class:`RunJob` (scenario, steps, seed) and returns a small record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sim.experiment.design import Point
from sim.experiment.loading import LoadedExperiment, with_settings
from sim.experiment.seeds import replicate_seed
from sim.scenario import Scenario


@dataclass(frozen=True)
class PlannedRun:
    """One run of the sweep as recorded in the store's plan."""

    run_id: str
    point_id: int
    replicate: int
    seed: int


@dataclass(frozen=True)
class RunJob:
    """What a worker needs for one run, and nothing more."""

    run_id: str
    scenario: Scenario
    steps: int
    seed: int
    record_every: int


def run_id(point_id: int, replicate: int) -> str:
    return f"p{point_id:04d}-r{replicate:03d}"


def planned_runs(
    points: Iterable[Point], replicates: Iterable[int], root_seed: int
) -> Iterator[PlannedRun]:
    """Points × replicates, replicate-major within a point, with the common seeds."""
    reps = list(replicates)
    for point in points:
        for k in reps:
            yield PlannedRun(
                run_id(point.point_id, k), point.point_id, k, replicate_seed(root_seed, k)
            )


def point_scenario(loaded: LoadedExperiment, point: Point) -> Scenario:
    """The base scenario of ``point`` with its factor values and the experiment's horizon
    set, validated as ``alliance run`` would validate it."""
    where = f"{loaded.path} (point {point.point_id}: {point.base})"
    steps = loaded.experiment.steps
    return with_settings(loaded.bases[point.base], point.overrides, steps, where)


def run_job(loaded: LoadedExperiment, scenario: Scenario, run: PlannedRun) -> RunJob:
    """The job for ``run`` on the point's ``scenario`` (which carries the horizon)."""
    experiment = loaded.experiment
    return RunJob(run.run_id, scenario, scenario.steps, run.seed, experiment.record_every)

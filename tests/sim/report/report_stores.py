"""Constructed sweep stores with known numbers, written through the real store writer, so
the report can be tested against answers computed independently of it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from sim.experiment.design import Point
from sim.experiment.plan import PlannedRun
from sim.experiment.spec import Experiment
from sim.experiment.store import StoreWriter
from sim.experiment.task import RunRecord, RunStatus
from sim.scenario.mode_files import mode_scenario

LEVER = "alliance.sharing"
LEVELS = ("equal", "contribution")
Values = Callable[[str, str, int], dict[str, float]]


def build_store(
    folder: Path,
    modes: list[str],
    values: Values,
    replicates: int = 6,
    failed: frozenset[tuple[str, str, int]] = frozenset(),
    missing: frozenset[tuple[str, str, int]] = frozenset(),
    scenarios: dict[str, dict] | None = None,
) -> Path:
    """A store of ``modes`` × the sharing rule's two levels × ``replicates``, each done run
    carrying ``values(mode, level, replicate)`` as outcomes and a short time series."""
    experiment = Experiment(
        name="constructed", scenarios=tuple(modes), baseline=modes[0],
        factors={LEVER: list(LEVELS)}, replicates=replicates, seed=7,
        outcomes=("final_window.member_share",),
    )  # fmt: skip
    points = [
        Point(i * len(LEVELS) + j, mode, j, ((LEVER, level),))
        for i, mode in enumerate(modes)
        for j, level in enumerate(LEVELS)
    ]
    with StoreWriter(folder) as store:
        store.set_meta(_meta(experiment, scenarios or _tiny_scenarios(modes)))
        store.add_points(points)
        plan = [PlannedRun(f"p{p.point_id:04d}-r{r:03d}", p.point_id, r, 1000 + r)
                for p in points for r in range(replicates)]  # fmt: skip
        store.add_plan(plan)
        session = store.start_session({"started": 0.0, "executor": "constructed"})
        for run in plan:
            point = points[run.point_id]
            key = (point.base, LEVELS[point.cell], run.replicate)
            if key in missing:
                continue
            store.record(run, _record(run, key, values, key in failed), session)
    return folder


def _record(run: PlannedRun, key: tuple[str, str, int], values: Values, fail: bool) -> RunRecord:
    if fail:
        return RunRecord(run.run_id, RunStatus.FAILED, error="ValueError: constructed failure")
    outcomes = values(*key)
    share = outcomes.get("final_window.member_share", 0.5)
    series = pd.DataFrame({
        "step": [0, 5, 10], "member_share": [0.1, share / 2, share],
        "cooperation_share": [0.5, 0.5, outcomes.get("final_window.cooperation_share", 0.5)],
    })  # fmt: skip
    return RunRecord(run.run_id, RunStatus.DONE, outcomes, series)


def _meta(experiment: Experiment, scenarios: dict[str, dict]) -> dict[str, str]:
    return {
        "experiment_name": experiment.name,
        "experiment_file": "experiments/constructed.yaml",
        "experiment_sha256": "0" * 64,
        "experiment_resolved": json.dumps(experiment.model_dump(mode="json"), sort_keys=True),
        "quick": "false",
        "scenarios": json.dumps(scenarios),
        "created": "0",
        "versions": json.dumps({"archives-alliance": "test"}),
        "git_commit": "",
        "git_dirty": "null",
    }


def _tiny_scenarios(modes: list[str]) -> dict[str, dict]:
    return {m: tiny_mode_scenario("market_only") for m in modes}


def tiny_mode_scenario(mode: str) -> dict:
    """A mode's scenario shrunk to 40 firms and 6 steps (the audit runs it)."""
    scenario = mode_scenario(mode, population={"enterprises": 40}, steps=6)
    return scenario.model_dump(mode="json", exclude={"source_path"})

"""Adaptive replication stops where it should on a constructed case with known variance."""

from __future__ import annotations

import numpy as np
from sweep_doubles import SD, fake_run

import sim.output.results
from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.reading import runs_table
from sim.experiment.seeds import replicate_seed
from sim.experiment.statistics import sufficient
from sim.experiment.summary import summarise_store

PRECISION, MIN, MAX, BATCH, ROOT = 0.05, 4, 40, 4, 11


def expected_replicates(sd: float) -> int:
    """Apply the rule by hand: add BATCH replicates until the interval is narrow enough."""
    n = MIN
    while n < MAX:
        values = [
            1.0 + sd * np.random.default_rng(replicate_seed(ROOT, k)).standard_normal()
            for k in range(n)
        ]
        if sufficient(values, PRECISION, 0.01):
            break
        n = min(n + BATCH, MAX)
    return n


def adaptive_experiment(tiny_experiment):
    """One scenario, the sharing rules as points, adaptive replication of member share."""
    return tiny_experiment(
        scenarios=["a.yaml"],
        baseline=None,
        seed=ROOT,
        factors={"alliance.sharing": list(SD)},
        outcomes=["time_average.member_share"],
        replicates={"min": MIN, "max": MAX, "precision": PRECISION, "batch": BATCH},
    )


def test_each_point_stops_at_its_own_precision(tiny_experiment, tmp_path, monkeypatch):
    monkeypatch.setattr(sim.output.results, "run_scenario", fake_run)
    path = adaptive_experiment(tiny_experiment)
    from sim.experiment.sweep import run_sweep

    run_sweep(load_experiment(path), InProcess(), tmp_path / "s")
    runs = runs_table(tmp_path / "s")
    counts = runs.groupby("alliance.sharing")["replicate"].count().to_dict()
    expected = {level: expected_replicates(sd) for level, sd in SD.items()}
    assert expected["equal"] == MIN and expected["capacity"] == MAX  # the case spans both ends
    assert MIN < expected["contribution"] < MAX
    assert counts == expected
    for level, group in runs.groupby("alliance.sharing"):  # replicates 0..n-1: common seeds
        assert sorted(group["replicate"]) == list(range(expected[level]))
    table = summarise_store(tmp_path / "s", draw=False).tables / "replicates.csv"
    import pandas as pd

    met = pd.read_csv(table).set_index("replicates")["target_met"].to_dict()
    assert met == {MIN: True, expected["contribution"]: True, MAX: False}


def test_a_round_that_adds_no_new_run_stops_the_sweep_instead_of_looping(
    tiny_experiment, tmp_path, monkeypatch
):
    """A round that re-plans runs already planned would loop for ever; it is refused."""
    import pytest

    import sim.experiment.sweep as sweep
    from sim.experiment.plan import planned_runs

    monkeypatch.setattr(sim.output.results, "run_scenario", fake_run)
    rounds = []

    def replan_the_first(db, experiment, points):
        rounds.append(1)
        return planned_runs(points, range(1), experiment.seed)

    monkeypatch.setattr(sweep, "next_round", replan_the_first)
    path = adaptive_experiment(tiny_experiment)
    with pytest.raises(RuntimeError, match="only runs already planned"):
        sweep.run_sweep(load_experiment(path), InProcess(), tmp_path / "s")
    assert rounds == [1]

"""The sweep's later rounds (sim.experiment.sweep.run_sweep under adaptive replication):
each round's runs are reported to the progress and recorded under the invocation's
session, a run that failed is not retried by a later round, a round that adds nothing
stops the sweep, and the refusals say what to do. The outcomes are drawn with a known
spread so that the rounds are known in advance: one point stops at the minimum, the
other runs every round up to the maximum."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sweep_doubles import Progress, fake_run

import sim.experiment.sweep as sweep
import sim.output.results
from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.plan import planned_runs
from sim.experiment.reading import runs_table
from sim.experiment.sweep import Shard, run_sweep
from sim.scenario import ScenarioError

MIN, MAX, BATCH = 2, 6, 2
# round 1: both points' MIN runs; rounds 2 and 3: BATCH more of the wide point each
ROUNDS = [2 * MIN, BATCH, BATCH]  # two points: equal (no spread) and capacity (wide)


@pytest.fixture
def adaptive(tiny_experiment, monkeypatch):
    monkeypatch.setattr(sim.output.results, "run_scenario", fake_run)
    path = tiny_experiment(
        scenarios=["a.yaml"],
        baseline=None,
        factors={"alliance.sharing": ["equal", "capacity"]},
        outcomes=["time_average.member_share"],
        replicates={"min": MIN, "max": MAX, "precision": 0.05, "batch": BATCH},
    )
    return path


def sessions(folder: Path) -> list[int]:
    with sqlite3.connect(folder / "store.sqlite") as db:
        return [s for (s,) in db.execute("SELECT session FROM sessions")]


def test_every_round_is_reported_and_recorded_under_the_invocations_session(adaptive, tmp_path):
    progress = Progress()
    outcome = run_sweep(load_experiment(adaptive), InProcess(), tmp_path / "s", progress=progress)
    assert outcome.store == tmp_path / "s"
    assert progress.pending == ROUNDS
    assert len(progress.done) == sum(ROUNDS) == outcome.done
    runs = runs_table(tmp_path / "s")
    assert len(runs) == sum(ROUNDS)
    (session,) = sessions(tmp_path / "s")
    assert (runs["session"] == session).all()


def test_a_run_that_failed_is_not_retried_by_a_later_round(adaptive, tmp_path, monkeypatch):
    def failing_without_spread(scenario, steps=None, seed=None):
        if scenario.alliance.sharing.value == "equal":
            raise RuntimeError("boom in the model")
        return fake_run(scenario, steps=steps, seed=seed)

    monkeypatch.setattr(sim.output.results, "run_scenario", failing_without_spread)
    outcome = run_sweep(load_experiment(adaptive), InProcess(), tmp_path / "s")
    runs = runs_table(tmp_path / "s")
    failed = runs[runs["status"] == "failed"]
    assert len(failed) > 0 and (runs["alliance.sharing"] == "capacity").sum() == MAX
    assert outcome.failed == len(failed)
    assert (failed["attempts"] == 1).all()


def test_a_round_that_adds_no_run_stops_with_a_plain_message(adaptive, tmp_path, monkeypatch):
    def replan_the_first(db, experiment, points):
        return planned_runs(points, range(1), experiment.seed)

    monkeypatch.setattr(sweep, "next_round", replan_the_first)
    with pytest.raises(RuntimeError) as info:
        run_sweep(load_experiment(adaptive), InProcess(), tmp_path / "s")
    assert str(info.value) == "an adaptive round planned only runs already planned"


def test_a_shard_of_an_adaptive_sweep_is_refused_saying_what_to_do(adaptive, tmp_path):
    with pytest.raises(ScenarioError) as info:
        run_sweep(load_experiment(adaptive), InProcess(), tmp_path / "s", shard=Shard(1, 2))
    assert str(info.value) == (
        f"{adaptive}: adaptive replication needs the whole sweep in one store; give a fixed "
        "replicate count to use --shard"
    )
    assert not (tmp_path / "s").exists()

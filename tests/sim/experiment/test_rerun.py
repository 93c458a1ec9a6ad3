"""One planned run alone (sim.experiment.sweep.rerun): every id of the plan is accepted,
from the first replicate to the last, the next one is refused with the ranges spelt out,
and a plan above the run limit may still be rerun one run at a time (a single run is
never large). The tiny experiment has 2 bases x 2 sharing levels = 4 points and 3
replicates, counted by hand from its file (tests/sim/experiment/conftest.py)."""

from __future__ import annotations

import pytest

from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.sweep import rerun, run_sweep
from sim.scenario import ScenarioError

CELLS, BASES, REPLICATES = 2, 2, 3  # cells: the two sharing levels
POINTS = CELLS * BASES


@pytest.mark.parametrize("run_id", ["p0000-r000", "p0003-r002", "p0001-r000"])
def test_the_first_and_the_last_run_of_the_plan_rerun(tiny_experiment, run_id):
    loaded = load_experiment(tiny_experiment())
    assert rerun(loaded, run_id, InProcess()).run_id == run_id


@pytest.mark.parametrize("run_id", ["p0004-r000", "p0000-r003", "p0000-r-1", "p0000", "r000"])
def test_an_id_outside_the_plan_is_refused_with_the_ranges_spelt_out(tiny_experiment, run_id):
    path = tiny_experiment()
    loaded = load_experiment(path)
    with pytest.raises(ScenarioError) as info:
        rerun(loaded, run_id, InProcess())
    assert str(info.value) == (
        f"{path}: no run {run_id!r} in this experiment (run ids are pPPPP-rRRR with point 0 "
        f"to {POINTS - 1} and replicate 0 to {REPLICATES - 1})"
    )


def test_a_plan_above_the_run_limit_reruns_one_run_but_does_not_sweep(
    tiny_experiment, tmp_path, monkeypatch
):
    monkeypatch.setattr("sim.experiment.size.RUN_LIMIT", POINTS * REPLICATES - 1)
    loaded = load_experiment(tiny_experiment())
    assert rerun(loaded, "p0001-r001", InProcess()).run_id == "p0001-r001"
    with pytest.raises(ScenarioError, match="--allow-large"):
        run_sweep(loaded, InProcess(), tmp_path / "s")


def test_a_design_above_the_cell_limit_is_refused_naming_the_file(tiny_experiment, monkeypatch):
    monkeypatch.setattr("sim.experiment.size.CELL_LIMIT", CELLS - 1)
    path = tiny_experiment()
    loaded = load_experiment(path)
    with pytest.raises(ScenarioError) as info:
        rerun(loaded, "p0000-r000", InProcess())
    assert str(info.value).startswith(f"{path}: the design has {CELLS} cells")

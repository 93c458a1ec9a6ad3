"""Adaptive replication with its target on paired differences against the baseline
(``replicates.on: differences``), decided from a store built by hand: a point whose luck
the baseline shares settles however much each varies alone; an unsettled difference
grows the point and its baseline to the same count; the cap stops both. Fast."""

from __future__ import annotations

import pytest

from sim.experiment.adaptive import next_round
from sim.experiment.design import design_points
from sim.experiment.loading import load_experiment
from sim.experiment.plan import planned_runs
from sim.experiment.spec import PrecisionTarget
from sim.experiment.store import StoreWriter
from sim.experiment.task import RunRecord, RunStatus
from sim.scenario.errors import ScenarioError

ROOT, MIN, MAX, BATCH = 5, 3, 8, 4
A, B = "final.member_share", "final.cooperation_share"
SPREAD = [0.2, 1.8, 0.5, 1.5, 0.1, 1.9, 0.7, 1.3]
SHIFTED = [v + 0.5 for v in SPREAD]  # the same luck, half a unit higher
STEADY = [1.0] * 8


def experiment(tiny_experiment, on="differences"):
    path = tiny_experiment(
        scenarios=["a.yaml", "b.yaml"],
        baseline="a.yaml",
        seed=ROOT,
        factors={"alliance.fine": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]},
        outcomes=[A, B],
        replicates={"min": MIN, "max": MAX, "precision": 0.05, "batch": BATCH, "on": on},
    )
    return load_experiment(path).experiment


# cell: (baseline's replicates and values, the other point's replicates and values);
# outcome B is the same as A except where it is never defined (None)
CASES = {
    0: ((3, SPREAD), (3, SHIFTED)),  # differences all 0.5: settled, though each point is not
    1: ((3, STEADY), (3, SPREAD)),  # unsettled: both grow to 7
    2: ((5, STEADY), (3, SPREAD)),  # unsettled: the point to 7, its baseline from 5 to 7
    3: ((8, STEADY), (8, SPREAD)),  # at the cap: nothing more
    4: ((3, STEADY), (3, None)),  # every run of the point failed: no pairs, cannot improve
    5: ((3, None), (3, SPREAD)),  # every run of the baseline failed: likewise
}
NEVER_DEFINED = {(0, "b.yaml")}  # B is never defined at this point: A decides alone


def fill_store(folder, points) -> StoreWriter:
    store = StoreWriter(folder)
    store.add_points(points)
    session = store.start_session({"started": 0.0})
    for point in points:
        planned, values = CASES[point.cell][0 if point.base == "a.yaml" else 1]
        runs = list(planned_runs([point], range(planned), ROOT))
        store.add_plan(runs)
        for run in runs:
            if values is None:
                record = RunRecord(run.run_id, RunStatus.FAILED, {})
            else:
                v = values[run.replicate]
                b = None if (point.cell, point.base) in NEVER_DEFINED else v
                record = RunRecord(run.run_id, RunStatus.DONE, {A: v, B: b})
            store.record(run, record, session)
    return store


def added_replicates(spec, folder):
    points = design_points(spec)
    with fill_store(folder, points) as store:
        added = next_round(store.db, spec, points)
    cells = {p.point_id: (p.base, p.cell) for p in points}
    grown: dict[tuple[str, int], list[int]] = {}
    for run in added:
        grown.setdefault(cells[run.point_id], []).append(run.replicate)
    return grown


def test_paired_differences_decide_who_grows_and_pairs_stay_whole(tiny_experiment, tmp_path):
    spec = experiment(tiny_experiment)
    assert spec.adaptive.on is PrecisionTarget.DIFFERENCES
    assert added_replicates(spec, tmp_path / "s") == {
        ("a.yaml", 1): [3, 4, 5, 6],
        ("b.yaml", 1): [3, 4, 5, 6],
        ("a.yaml", 2): [5, 6],
        ("b.yaml", 2): [3, 4, 5, 6],
    }


def test_on_points_the_same_store_grows_every_point_that_varies(tiny_experiment, tmp_path):
    spec = experiment(tiny_experiment, on="points")
    assert added_replicates(spec, tmp_path / "s") == {
        ("a.yaml", 0): [3, 4, 5, 6],  # alone, each point of cell 0 is far from settled
        ("b.yaml", 0): [3, 4, 5, 6],
        ("b.yaml", 1): [3, 4, 5, 6],
        ("b.yaml", 2): [3, 4, 5, 6],
        ("b.yaml", 5): [3, 4, 5, 6],
    }


def test_differences_need_a_baseline(tiny_experiment):
    path = tiny_experiment(
        scenarios=["a.yaml", "b.yaml"],
        baseline=None,
        replicates={"min": 2, "max": 4, "on": "differences"},
    )
    with pytest.raises(ScenarioError, match=r"replicates\.on: differences needs a baseline") as err:
        load_experiment(path)
    assert str(path) in str(err.value)


def test_a_baseline_shared_by_two_points_grows_as_far_as_the_furthest(tiny_experiment, tmp_path):
    """Baseline a (5 planned) is the partner of b (5 planned) and c (3 planned), both
    unsettled: b grows to the cap (8), c to 7, and a to 8, so every pair of b stays whole."""
    path = tiny_experiment(
        scenarios=["a.yaml", "b.yaml", "c.yaml"],
        baseline="a.yaml",
        seed=ROOT,
        factors={},
        outcomes=[A],
        replicates={"min": MIN, "max": MAX, "batch": BATCH, "on": "differences"},
    )
    b = (tmp_path / "b.yaml").read_text()
    (tmp_path / "c.yaml").write_text(b.replace("name: b", "name: c"))
    spec = load_experiment(path).experiment
    points = design_points(spec)
    planned = {"a.yaml": (5, STEADY), "b.yaml": (5, SPREAD), "c.yaml": (3, SPREAD)}
    with StoreWriter(tmp_path / "s") as store:
        store.add_points(points)
        session = store.start_session({"started": 0.0})
        for point in points:
            n, values = planned[point.base]
            runs = list(planned_runs([point], range(n), ROOT))
            store.add_plan(runs)
            for run in runs:
                record = RunRecord(run.run_id, RunStatus.DONE, {A: values[run.replicate]})
                store.record(run, record, session)
        added = next_round(store.db, spec, points)
    base_of = {p.point_id: p.base for p in points}
    grown: dict[str, list[int]] = {}
    for run in added:
        grown.setdefault(base_of[run.point_id], []).append(run.replicate)
    assert grown == {"a.yaml": [5, 6, 7], "b.yaml": [5, 6, 7], "c.yaml": [3, 4, 5, 6]}

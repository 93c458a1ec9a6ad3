"""One round of adaptive replication decided from a store built by hand: which points
get more replicates, how many (the last batch cut at the cap), with which seeds, and
that only finished runs' values count. Fast: no model runs."""

from __future__ import annotations

from sim.experiment.adaptive import next_round
from sim.experiment.design import design_points
from sim.experiment.loading import load_experiment
from sim.experiment.plan import PlannedRun, planned_runs
from sim.experiment.seeds import replicate_seed
from sim.experiment.store import StoreWriter
from sim.experiment.task import RunRecord, RunStatus

ROOT, MIN, MAX, BATCH = 5, 3, 10, 4
A, B = "time_average.member_share", "final.member_share"
STEADY = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
SPREAD = [0.2, 1.8, 0.5, 1.5, 0.1, 1.9, 0.7, 1.3, 0.4, 1.6]


def experiment(tiny_experiment):
    path = tiny_experiment(
        scenarios=["a.yaml", "b.yaml"],
        baseline=None,
        seed=ROOT,
        factors={"alliance.sharing": ["equal", "contribution", "capacity"]},
        outcomes=[A, B],
        replicates={"min": MIN, "max": MAX, "precision": 0.05, "batch": BATCH},
    )
    return load_experiment(path).experiment


# point: (replicates planned, values of A, values of B, status of the runs)
CASES = {
    0: (3, STEADY, None, RunStatus.DONE),  # settled (B never defined: cannot improve)
    1: (7, SPREAD, STEADY, RunStatus.DONE),  # A unsettled: 7, 8, 9 (the cap cuts the batch)
    2: (3, STEADY, SPREAD, RunStatus.DONE),  # B unsettled: 3, 4, 5, 6
    3: (10, SPREAD, SPREAD, RunStatus.DONE),  # at the cap: nothing more
    4: (3, None, None, RunStatus.FAILED),  # every run failed: no values, nothing more
    5: (3, STEADY, STEADY, RunStatus.FAILED),  # replicate 0 failed: its values never count
}


def fill_store(folder, points) -> StoreWriter:
    store = StoreWriter(folder)
    store.add_points(points)
    session = store.start_session({"started": 0.0})
    for point in points:
        planned, a, b, status = CASES[point.point_id]
        runs = list(planned_runs([point], range(planned), ROOT))
        store.add_plan(runs)
        for run in runs:
            k = run.replicate
            values = {A: a[k] if a else None, B: b[k] if b else None}
            state = status if k == 0 or a is None else RunStatus.DONE
            if state is RunStatus.FAILED:
                values = {A: SPREAD[k], B: SPREAD[k]} if a else {}  # a failed run's leftovers
            store.record(run, RunRecord(run.run_id, state, values), session)
    return store


def test_next_round_adds_a_batch_to_unsettled_points_up_to_the_cap(tiny_experiment, tmp_path):
    spec = experiment(tiny_experiment)
    points = design_points(spec)
    assert [p.point_id for p in points] == list(CASES)
    with fill_store(tmp_path / "s", points) as store:
        added = next_round(store.db, spec, points)
    expected = [
        PlannedRun(f"p{p:04d}-r{k:03d}", p, k, replicate_seed(ROOT, k))
        for p, ks in ((1, [7, 8, 9]), (2, [3, 4, 5, 6]))
        for k in ks
    ]
    assert added == expected


def test_next_round_is_empty_without_adaptive_replication(tiny_experiment, tmp_path):
    spec = load_experiment(tiny_experiment()).experiment
    points = design_points(spec)
    with StoreWriter(tmp_path / "s") as store:
        store.add_points(points)
        assert next_round(store.db, spec, points) == []

"""Adaptive replication: more replicates only where the 95% intervals are still too wide.

After every point has ``min`` replicates, a point is *unsettled* while any summarised
outcome's 95% half-width exceeds ``max(precision·|mean|, floor)`` (statistics.sufficient)
and it has fewer than ``max`` replicates. Each round adds ``batch`` replicates (capped at
``max``) to the unsettled points only. Added replicates use the common seeds
(replicate k has the same seed at every point), so they stay paired across modes.
The decision reads only the store, so a resumed sweep makes the same decisions.

With ``on: differences`` the target applies to what a mode comparison reports: each
point's paired difference against the baseline scenario in its cell (``A_k - B_k`` over
the replicates both have finished). An unsettled difference grows the point and its
baseline together, to the same count, so the pairs stay whole; the baseline settles
when every difference it takes part in has. Common seeds make a paired difference
vary less than the point itself where the modes share their luck
(``benchmarks/bench_pairing.py``), so fewer runs reach the same precision.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from sim.experiment.design import Point
from sim.experiment.plan import PlannedRun, planned_runs
from sim.experiment.spec import AdaptiveReplicates, Experiment, PrecisionTarget
from sim.experiment.statistics import sufficient


def planned_counts(db: sqlite3.Connection) -> dict[int, int]:
    """Replicates planned so far at each point."""
    return {
        p: n
        for p, n in db.execute("SELECT point_id, MAX(replicate) + 1 FROM plan GROUP BY point_id")
    }


def done_by_replicate(
    db: sqlite3.Connection, outcomes: tuple[str, ...]
) -> dict[int, dict[str, dict[int, float]]]:
    """The finished runs' values of ``outcomes``, by point, outcome and replicate (the
    replicate pairs a point with its baseline; a point alone reads just the values)."""
    marks = ", ".join("?" for _ in outcomes)
    rows = db.execute(
        "SELECT r.point_id, r.replicate, o.name, o.value FROM runs r "
        "JOIN outcomes o USING (run_id) "
        f"WHERE r.status = 'done' AND o.name IN ({marks})",
        outcomes,
    )
    values: dict[int, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    for point_id, replicate, name, value in rows:
        if value is not None:
            values[point_id][name][replicate] = value
    return values


def settled(
    values: dict[str, dict[int, float]], outcomes: tuple[str, ...], spec: AdaptiveReplicates
) -> bool:
    """Whether every outcome's interval at one point meets the target."""
    return all(
        sufficient(list(values.get(name, {}).values()), spec.precision, spec.floor)
        for name in outcomes
    )


def differences_settled(
    point: dict[str, dict[int, float]],
    baseline: dict[str, dict[int, float]],
    outcomes: tuple[str, ...],
    spec: AdaptiveReplicates,
) -> bool:
    """Whether every outcome's paired difference (point minus baseline, over the
    replicates both have) meets the target."""
    for name in outcomes:
        mine, theirs = point.get(name, {}), baseline.get(name, {})
        pairs = [mine[r] - theirs[r] for r in sorted(mine.keys() & theirs.keys())]
        if not sufficient(pairs, spec.precision, spec.floor):
            return False
    return True


def next_round(
    db: sqlite3.Connection, experiment: Experiment, points: list[Point]
) -> list[PlannedRun]:
    """The runs to add in the next round (empty when every point is settled or at max)."""
    spec = experiment.adaptive
    if spec is None:
        return []
    counts = planned_counts(db)
    if spec.on is PrecisionTarget.DIFFERENCES:
        targets = _difference_targets(db, experiment, points, counts)
    else:
        values = done_by_replicate(db, experiment.outcomes)
        targets = {
            p.point_id: min(counts.get(p.point_id, 0) + spec.batch, spec.max)
            for p in points
            if not settled(values.get(p.point_id, {}), experiment.outcomes, spec)
        }
    added: list[PlannedRun] = []
    for point in points:
        extra = range(counts.get(point.point_id, 0), targets.get(point.point_id, 0))
        added.extend(planned_runs([point], extra, experiment.seed))
    return added


def _difference_targets(
    db: sqlite3.Connection, experiment: Experiment, points: list[Point], counts: dict[int, int]
) -> dict[int, int]:
    """Replicates each point should reach when the target is on paired differences: an
    unsettled point ``batch`` more (capped at ``max``), its baseline as many."""
    spec = experiment.adaptive
    values = done_by_replicate(db, experiment.outcomes)
    baseline_of = {p.cell: p.point_id for p in points if p.base == experiment.baseline}
    targets: dict[int, int] = {}
    for point in points:
        if point.base == experiment.baseline:
            continue
        reference = baseline_of[point.cell]
        mine, theirs = values.get(point.point_id, {}), values.get(reference, {})
        if differences_settled(mine, theirs, experiment.outcomes, spec):
            continue
        target = min(counts.get(point.point_id, 0) + spec.batch, spec.max)  # the cap
        targets[point.point_id] = target
        targets[reference] = max(targets.get(reference, 0), target)
    return targets

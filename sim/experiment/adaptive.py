"""Adaptive replication: more replicates only where the 95% intervals are still too wide.

After every point has ``min`` replicates, a point is *unsettled* while any summarised
outcome's 95% half-width exceeds ``max(precision·|mean|, floor)`` (statistics.sufficient)
and it has fewer than ``max`` replicates. Each round adds ``batch`` replicates (capped at
``max``) to the unsettled points only. Added replicates use the common seeds
(replicate k has the same seed at every point), so they stay paired across modes.
The decision reads only the store, so a resumed sweep makes the same decisions.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from sim.experiment.design import Point
from sim.experiment.plan import PlannedRun, planned_runs
from sim.experiment.spec import AdaptiveReplicates, Experiment
from sim.experiment.statistics import sufficient


def planned_counts(db: sqlite3.Connection) -> dict[int, int]:
    """Replicates planned so far at each point."""
    return {
        p: n
        for p, n in db.execute("SELECT point_id, MAX(replicate) + 1 FROM plan GROUP BY point_id")
    }


def done_values(
    db: sqlite3.Connection, outcomes: tuple[str, ...]
) -> dict[int, dict[str, list[float]]]:
    """The finished runs' values of ``outcomes``, by point and outcome."""
    marks = ", ".join("?" for _ in outcomes)
    rows = db.execute(
        "SELECT r.point_id, o.name, o.value FROM runs r JOIN outcomes o USING (run_id) "
        f"WHERE r.status = 'done' AND o.name IN ({marks})",
        outcomes,
    )
    values: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for point_id, name, value in rows:
        if value is not None:
            values[point_id][name].append(value)
    return values


def settled(
    values: dict[str, list[float]], outcomes: tuple[str, ...], spec: AdaptiveReplicates
) -> bool:
    """Whether every outcome's interval at one point meets the target."""
    return all(sufficient(values.get(name, []), spec.precision, spec.floor) for name in outcomes)


def next_round(
    db: sqlite3.Connection, experiment: Experiment, points: list[Point]
) -> list[PlannedRun]:
    """The runs to add in the next round (empty when every point is settled or at max)."""
    spec = experiment.adaptive
    if spec is None:
        return []
    counts = planned_counts(db)
    values = done_values(db, experiment.outcomes)
    added: list[PlannedRun] = []
    for point in points:
        have = counts.get(point.point_id, 0)
        if have >= spec.max or settled(values.get(point.point_id, {}), experiment.outcomes, spec):
            continue
        extra = range(have, min(have + spec.batch, spec.max))
        added.extend(planned_runs([point], extra, experiment.seed))
    return added

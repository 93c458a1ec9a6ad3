"""Common random numbers: replicate k has one seed, whatever the point or the order."""

from __future__ import annotations

import numpy as np

from sim.experiment.design import design_points
from sim.experiment.plan import planned_runs
from sim.experiment.seeds import replicate_seed
from sim.experiment.spec import Experiment


def test_replicate_seed_is_the_kth_spawned_child():
    children = np.random.SeedSequence(42).spawn(5)
    for k, child in enumerate(children):
        expected = int(child.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
        assert replicate_seed(42, k) == expected
    assert len({replicate_seed(42, k) for k in range(100)}) == 100
    assert all(0 <= replicate_seed(42, k) < 2**63 for k in range(100))


def test_every_point_and_mode_uses_the_same_replicate_seeds():
    experiment = Experiment.model_validate(
        {"scenarios": ["market_only", "society_led"], "factors": {"alliance.fee": [0.1, 0.2]}}
    )
    runs = list(planned_runs(design_points(experiment), range(4), root_seed=3))
    assert len(runs) == 4 * 4
    seeds = {}
    for run in runs:
        seeds.setdefault(run.replicate, set()).add(run.seed)
    assert all(len(s) == 1 for s in seeds.values())
    assert len({run.run_id for run in runs}) == len(runs)

"""Adaptive replication over several outcomes, with a cap that is not a multiple of the
batch: a point goes on while *any* outcome is unsettled, and the last round stops at the
cap (min 3, batch 4, max 10: 3, 7, then 10, never 11)."""

from __future__ import annotations

import numpy as np
import pandas as pd

import sim.output.results
from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.reading import runs_table
from sim.experiment.seeds import replicate_seed
from sim.experiment.sweep import run_sweep

MIN, MAX, BATCH, PRECISION, ROOT = 3, 10, 4, 0.05, 11
OUTCOMES = ["time_average.member_share", "final.member_share"]
# per level: the spread of the first outcome and of the second
SD = {"equal": (0.0, 0.0), "contribution": (0.0, 5.0), "capacity": (0.08, 0.0)}


class FakeResult:
    def __init__(self, average: float, final: float) -> None:
        self.summary = {
            "time_average": {"member_share": average},
            "final": {"member_share": final},
        }
        self.timeseries = pd.DataFrame({"step": [0], "member_share": [final]})


def draws(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(2)


def fake_run(scenario, steps=None, seed=None):
    first, second = SD[scenario.alliance.sharing.value]
    z = draws(seed)
    return FakeResult(1.0 + first * z[0], 1.0 + second * z[1])


def half_width_ok(values: list[float]) -> bool:
    """The 95% t half-width against max(precision·|mean|, 0.01), written out by hand."""
    from scipy import stats

    n = len(values)
    sd = float(np.std(values, ddof=1))
    half = stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)
    return half <= max(PRECISION * abs(float(np.mean(values))), 0.01)


def expected_replicates(level: str) -> int:
    first, second = SD[level]
    n = MIN
    while n < MAX:
        z = [draws(replicate_seed(ROOT, k)) for k in range(n)]
        a = [1.0 + first * d[0] for d in z]
        b = [1.0 + second * d[1] for d in z]
        if half_width_ok(a) and half_width_ok(b):
            break
        n = min(n + BATCH, MAX)
    return n


def test_any_unsettled_outcome_keeps_a_point_going_up_to_the_cap(
    tiny_experiment, tmp_path, monkeypatch
):
    monkeypatch.setattr(sim.output.results, "run_scenario", fake_run)
    path = tiny_experiment(
        scenarios=["a.yaml"],
        baseline=None,
        seed=ROOT,
        factors={"alliance.sharing": list(SD)},
        outcomes=OUTCOMES,
        replicates={"min": MIN, "max": MAX, "precision": PRECISION, "batch": BATCH},
    )
    run_sweep(load_experiment(path), InProcess(), tmp_path / "s")
    runs = runs_table(tmp_path / "s")
    counts = runs.groupby("alliance.sharing")["replicate"].count().to_dict()
    expected = {level: expected_replicates(level) for level in SD}
    # settled at once; the second outcome alone unsettled (to the cap); the first alone
    assert expected == {"equal": MIN, "contribution": MAX, "capacity": MIN + BATCH}
    assert counts == expected
    for level, group in runs.groupby("alliance.sharing"):
        assert sorted(group["replicate"]) == list(range(expected[level]))

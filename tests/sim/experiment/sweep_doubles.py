"""Stand-ins the sweep tests run instead of the model: a run whose one outcome has a
known spread per sharing rule, and a progress display that records what it is told."""

from __future__ import annotations

import numpy as np
import pandas as pd

SD = {"equal": 0.0, "contribution": 0.06, "capacity": 5.0}
"""The outcome's standard deviation under each sharing rule."""


class FakeResult:
    """What the sweep reads from run_scenario: a summary (and a one-row series)."""

    def __init__(self, value: float) -> None:
        self.summary = {"time_average": {"member_share": value}}
        self.timeseries = pd.DataFrame({"step": [0], "member_share": [value]})


def fake_run(scenario, steps=None, seed=None):
    """Outcome 1 + sd·z, z a standard normal drawn from the run's seed: known variance."""
    z = np.random.default_rng(seed).standard_normal()
    return FakeResult(1.0 + SD[scenario.alliance.sharing.value] * z)


class Progress:
    """Records the pending counts and finished runs the sweep reports."""

    def __init__(self) -> None:
        self.pending: list[int] = []
        self.done: list[str] = []

    def planned(self, pending: int) -> None:
        self.pending.append(pending)

    def finished(self, record) -> None:
        self.done.append(record.run_id)

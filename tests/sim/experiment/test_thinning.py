"""Thinning a run's time series (``record_every``) keeps every k-th step and the last
step always, also when the horizon is not a multiple of k."""

from __future__ import annotations

import pandas as pd

from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.reading import timeseries_table
from sim.experiment.sweep import run_sweep
from sim.experiment.task import thin


def frame(steps: range) -> pd.DataFrame:
    return pd.DataFrame({"step": list(steps), "value": [10.0 * s for s in steps]})


def test_thin_keeps_multiples_and_the_last_step():
    cases = {  # (last step, every): steps kept, listed by hand
        (7, 2): [0, 2, 4, 6, 7],
        (7, 3): [0, 3, 6, 7],
        (6, 3): [0, 3, 6],
        (5, 10): [0, 5],
        (4, 1): [0, 1, 2, 3, 4],
    }
    for (last, every), kept in cases.items():
        thinned = thin(frame(range(last + 1)), every)
        assert list(thinned["step"]) == kept, (last, every)
        assert list(thinned["value"]) == [10.0 * s for s in kept]
        assert list(thinned.index) == list(range(len(kept)))


def test_thin_of_a_series_not_starting_at_zero_keeps_its_last_row():
    thinned = thin(frame(range(3, 10)), 4)
    assert list(thinned["step"]) == [4, 8, 9]


def test_a_sweep_stores_the_last_step_of_an_uneven_horizon(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment(replicates=1, record_every=3, steps=7))
    run_sweep(loaded, InProcess(), tmp_path / "s")
    series = timeseries_table(tmp_path / "s")
    for _, group in series.groupby("run_id"):
        assert sorted(group["step"]) == [0, 3, 6, 7]

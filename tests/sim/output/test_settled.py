"""Settled outcomes (sim/output/settled.py): the final window, the autocorrelation-aware trend,
and the flag that says an outcome was still moving."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from sim.output.settled import SETTLED_OUTCOMES, final_window, settled_outcomes, trend
from sim.scenario import Outcomes


def frame_of(values: dict[str, np.ndarray]) -> pd.DataFrame:
    n = len(next(iter(values.values())))
    data = {"step": np.arange(n)}
    for name in SETTLED_OUTCOMES:
        data[name] = values.get(name, np.full(n, 0.5))
    return pd.DataFrame(data)


def test_final_window_is_the_last_quarter_of_the_run_after_step_zero():
    frame = frame_of({"member_share": np.linspace(0, 1, 201)})
    window = final_window(frame, Outcomes(final_window=0.25))
    assert window["step"].tolist() == list(range(151, 201))


def test_trend_recovers_a_linear_change_by_hand():
    x = np.arange(50, dtype=float)
    change, low, high = trend(0.3 + 0.002 * x)
    assert change == pytest.approx(0.002 * 49)
    assert low == pytest.approx(change) and high == pytest.approx(change)  # no residual


def test_a_flat_noisy_series_is_settled_and_a_drifting_one_is_not():
    rng = np.random.default_rng(3)
    n = 201
    noise = rng.normal(0, 0.02, n)
    drift = np.linspace(0.2, 0.8, n) + noise
    found = settled_outcomes(
        frame_of({"member_share": 0.5 + noise, "cooperation_share": drift}), Outcomes()
    )
    assert found["member_share"]["settled"]
    assert not found["cooperation_share"]["settled"]
    assert found["cooperation_share"]["trend_change"] == pytest.approx(0.6 * 50 / 200, rel=0.2)
    assert found["member_share"]["window_mean"] == pytest.approx(0.5, abs=0.01)


def test_autocorrelated_noise_widens_the_interval():
    """A slow random wander (AR(1), rho 0.95) without trend must not look like one: the
    standard error is inflated by sqrt(n / n_eff), n_eff = n (1 - rho) / (1 + rho), with
    rho the residuals' lag-1 autocorrelation (computed here by hand)."""
    rng = np.random.default_rng(11)
    e = np.zeros(50)
    for i in range(1, 50):
        e[i] = 0.95 * e[i - 1] + rng.normal(0, 0.01)
    _, low, high = trend(e)
    x = np.arange(50.0)
    slope, icpt = np.polyfit(x, e, 1)
    resid = e - slope * x - icpt
    se = np.sqrt((resid**2).sum() / 48 / ((x - x.mean()) ** 2).sum())
    rho = np.corrcoef(resid[:-1], resid[1:])[0, 1]
    n_eff = max(50 * (1 - rho) / (1 + rho), 3.0)
    half = stats.t.ppf(0.975, n_eff - 2) * se * np.sqrt(50 / n_eff) * 49
    assert (high - low) / 2 == pytest.approx(half, rel=1e-9)
    naive = stats.t.ppf(0.975, 48) * se * 49
    assert (high - low) / 2 > 2 * naive


def test_a_small_trend_within_tolerance_counts_as_settled():
    n = 201
    tiny = 0.5 + np.linspace(0, 0.01, n)  # 0.0025 across the window: below 5% of 1
    found = settled_outcomes(frame_of({"member_share": tiny}), Outcomes())
    assert found["member_share"]["settled"]
    loose = settled_outcomes(frame_of({"member_share": tiny}), Outcomes(settle_tolerance=0.0))
    assert not loose["member_share"]["settled"]

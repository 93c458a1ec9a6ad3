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
    rho the residuals' lag-1 autocorrelation (computed here by hand); the quantile is
    Student's t with the regression's n - 2 degrees of freedom."""
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
    half = stats.t.ppf(0.975, 48) * se * np.sqrt(50 / n_eff) * 49
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


# --- drift in firm counts (issue 17, item 8) ------------------------------------------
# Firm counts in the mode scenarios' final windows (200 steps, seeds 1-3, measured):
# residuals about 0.3-0.8% of the level with lag-1 autocorrelation 0.65-0.94.
LEVEL, PERSISTENCE, NOISE = 1000.0, 0.9, 0.005


def firm_counts(steps: int, seed: int, growth_from: int | None, growth: float) -> np.ndarray:
    """A stationary AR(1) firm count (sd NOISE of LEVEL, lag-1 autocorrelation
    PERSISTENCE) from step 0 to ``steps``, plus ``growth`` of LEVEL added linearly from
    step ``growth_from`` to the last step (none if ``growth_from`` is None)."""
    rng = np.random.default_rng(seed)
    innovation = NOISE * LEVEL * np.sqrt(1 - PERSISTENCE**2)
    noise = np.zeros(steps + 1)
    noise[0] = rng.normal(0, NOISE * LEVEL)
    for t in range(1, steps + 1):
        noise[t] = PERSISTENCE * noise[t - 1] + rng.normal(0, innovation)
    counts = LEVEL + noise
    if growth_from is not None:
        t = np.arange(steps + 1)
        ramp = np.clip((t - growth_from) / (steps - growth_from), 0.0, 1.0)
        counts += growth * LEVEL * ramp
    return counts


def enterprises_settled(counts: np.ndarray) -> bool:
    return settled_outcomes(frame_of({"enterprises": counts}), Outcomes())["enterprises"]["settled"]


def test_a_ten_percent_trend_in_the_final_window_is_flagged():
    """+10% of the level, linear across the final window (steps 151-200), in persistent
    noise: every one of 50 constructed runs is flagged."""
    flagged = [not enterprises_settled(firm_counts(200, s, 150, 0.10)) for s in range(50)]
    assert all(flagged)


def test_ten_percent_growth_over_the_second_half_of_a_run_is_flagged():
    """The issue's case: firm counts growing 10% from step 200 to 400. Across the final
    quarter that is 5%; continued over half the run it is 10%, above the tolerance."""
    flagged = [not enterprises_settled(firm_counts(400, s, 200, 0.10)) for s in range(50)]
    assert all(flagged)


def test_stationary_firm_counts_are_rarely_flagged():
    """Stationary AR(1) counts: the flag is raised in no more runs than a 5% test would
    (plus three binomial standard errors), over 200 constructed runs."""
    runs = 200
    flagged = sum(not enterprises_settled(firm_counts(200, s, None, 0.0)) for s in range(runs))
    assert flagged <= 0.05 * runs + 3 * np.sqrt(runs * 0.05 * 0.95)


def test_the_drift_is_judged_over_half_the_run():
    """A 3% change across a 50-step final window of a 200-step run carries 6% over half
    the run (100 steps): flagged at the 5% tolerance, settled at 7%."""
    counts = LEVEL * (1 + 0.03 * np.clip((np.arange(201) - 151) / 49, 0, 1))
    assert not enterprises_settled(counts)
    found = settled_outcomes(frame_of({"enterprises": counts}), Outcomes(settle_tolerance=0.07))
    assert found["enterprises"]["settled"]
    assert found["enterprises"]["trend_change"] == pytest.approx(0.03 * LEVEL)


NO_VALUE_ADDED = ["outcomes.value_added=false"]
COMPULSORY = ["decisions.enterprise.strategies=[contribute, free_ride]"]  # value added NaN


@pytest.mark.parametrize("extra", [[], NO_VALUE_ADDED, COMPULSORY], ids=["paired", "off", "nan"])
@pytest.mark.parametrize("steps", [0, 1, 2, 3, 4, 5, 8])
def test_short_runs_raise_no_numpy_warning(steps, extra):
    """A run of a few steps has a final window of one to three rows: the summary says
    what it can (a trend needs three points) without a RuntimeWarning from numpy or
    scipy (issue 18: `alliance run scenarios/default.yaml --steps 3` printed one)."""
    import warnings

    from sim.output.results import run_scenario
    from sim.scenario import load_named_scenario

    overrides = ["population.enterprises=60", *extra]
    scenario = load_named_scenario("default", overrides=overrides)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        summary = run_scenario(scenario, steps=steps, seed=3).summary
    if steps >= 1:
        assert set(summary["settled"]) >= {"member_share", "welfare"}
        assert ("value_added" in summary["settled"]) is (not extra)


@pytest.mark.parametrize(
    "values",
    [[0.2, 0.2, 0.2], [0.0, 1.0, 0.0, 1.0], [1.0, 1.0, 1.0, 2.0], [0.5, 0.5, 0.5, 0.5, 0.6]],
)
def test_trend_of_a_few_points_raises_no_warning(values):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        change, low, high = trend(np.array(values))
    assert low <= change <= high


@pytest.mark.parametrize("n,step", [(3, 0.1), (3, 0.3), (7, 0.1), (41, 7.0)])
def test_an_exactly_linear_series_has_a_sure_trend_and_no_warning(n, step):
    """A linear series (a cumulative cost growing by the same amount each step) leaves
    residuals of rounding error only, where one lag can be constant: the lag-1
    correlation is then 0, not a 0/0 warning, and the trend is the line's change."""
    import warnings

    values = 0.2 + np.cumsum(np.full(n, step))  # 0.3, 0.4, 0.5 for (3, 0.1) warned
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        change, low, high = trend(values)
    assert change == pytest.approx(step * (n - 1))
    assert low == pytest.approx(change) and high == pytest.approx(change)

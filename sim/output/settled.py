"""Settled outcomes: what a run says once its transient is over.

An agent-based run starts far from where it goes; its last step alone is one noisy
draw. The summary therefore reports, for each main outcome, the time average over a
final window (the last ``outcomes.final_window`` of the run) beside the final value,
and a stationarity diagnostic: the linear trend over the window, expressed as the
change it implies across the window, with a 95% interval whose standard error is
inflated for the series' lag-1 autocorrelation (effective sample size
``n (1 - rho) / (1 + rho)``; the quantile is Student's t with the regression's
``n - 2`` degrees of freedom). The outcome is flagged *not settled* when that interval
excludes zero **and** the trend, continued over half the run, would move the outcome
by more than ``outcomes.settle_tolerance`` of its scale (1 for shares, the window's
mean absolute level otherwise): a trend too small to matter, or too noisy to tell from
none, does not raise the flag.

Why half the run, and not the window: a drift is material by how far it carries the
outcome over a span that belongs to the run, not to the window chosen to average it.
Judged across the final quarter alone, a firm count growing 10% over the second half
of the run (5% across the window) could never exceed a 5% tolerance. And why ``n - 2``
degrees of freedom, not ``n_eff - 2``: the variance is already inflated for the
autocorrelation; counting it again in the quantile made the interval up to 6 times
wider (t with 1 degree of freedom, 12.7, when the residuals' autocorrelation is near 1,
as in firm counts), so that a clean 10% trend in the window went unflagged in about one
run in five.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from sim.scenario import Outcomes

SETTLED_OUTCOMES: dict[str, bool] = {
    # outcome column -> is a share in [0, 1] (scale 1)
    "enterprises": False,
    "member_share": True,
    "cooperation_share": True,
    "surplus": False,
    "mean_quality": True,
    "public_cost": False,
    "gini": True,
    "sme_member_share": True,
    "welfare": False,
    "value_added": False,  # when the run is paired with its counterfactual
}


def final_window(frame: pd.DataFrame, spec: Outcomes) -> pd.DataFrame:
    """The rows of the final window (at least two steps after step 0 when the run has them)."""
    run = frame[frame["step"] > 0]
    n = max(int(np.ceil(spec.final_window * len(run))), min(2, len(run)))
    return run.iloc[len(run) - n :]


def trend(values: np.ndarray) -> tuple[float, float, float]:
    """Change implied by the OLS slope across the window, and its 95% interval, the
    standard error inflated for lag-1 autocorrelation of the residuals."""
    n = len(values)
    if n < 3 or np.ptp(values) == 0:
        return 0.0, 0.0, 0.0
    x = np.arange(n, dtype=float)
    slope, intercept = np.polyfit(x, values, 1)
    resid = values - (slope * x + intercept)
    sxx = float(((x - x.mean()) ** 2).sum())
    se = float(np.sqrt((resid**2).sum() / (n - 2) / sxx))
    rho = min(max(_lag1_correlation(resid), 0.0), 0.99)
    n_eff = max(n * (1 - rho) / (1 + rho), 3.0)
    se *= np.sqrt(n / n_eff)
    half = float(stats.t.ppf(0.975, n - 2)) * se
    span = n - 1
    return float(slope * span), float((slope - half) * span), float((slope + half) * span)


def _lag1_correlation(resid: np.ndarray) -> float:
    """Lag-1 autocorrelation of the residuals; 0 where either lag is constant (an exactly
    linear series leaves residuals of rounding error only, some of them equal)."""
    before, after = resid[:-1], resid[1:]
    if np.ptp(before) == 0 or np.ptp(after) == 0:
        return 0.0
    return float(np.corrcoef(before, after)[0, 1])


def drift_over(change: float, window_steps: int, span: float) -> float:
    """The change a trend of ``change`` across a window of ``window_steps`` steps
    implies over ``span`` steps (at least the window's own)."""
    across = max(window_steps - 1, 1)
    return change * max(span, across) / across


def settled_outcomes(frame: pd.DataFrame, spec: Outcomes) -> dict[str, dict[str, float | bool]]:
    """Per main outcome: final value, final-window mean, trend with interval, settled flag."""
    window = final_window(frame, spec)
    run_steps = int((frame["step"] > 0).sum())
    out: dict[str, dict[str, float | bool]] = {}
    for name, is_share in SETTLED_OUTCOMES.items():
        values = window[name].to_numpy(dtype=float) if name in window else np.zeros(0)
        if not len(values) or np.isnan(values).all():
            continue
        change, lo, hi = trend(values)
        mean = float(values.mean())
        scale = 1.0 if is_share else max(float(np.abs(values).mean()), 1e-12)
        moving = (lo > 0 or hi < 0) and abs(
            drift_over(change, len(values), run_steps / 2)
        ) > spec.settle_tolerance * scale
        out[name] = {
            "final": float(frame[name].iloc[-1]),
            "window_mean": mean,
            "window_first_step": int(window["step"].iloc[0]),
            "trend_change": change,
            "trend_low": lo,
            "trend_high": hi,
            "settled": not moving,
        }
    return out

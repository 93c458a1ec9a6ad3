"""The likelihood interval on the level where a logistic dose–response reaches a target.

Reparametrised as ``logit P(success | u) = logit(p*) + b·(u − θ)`` (``u`` the level
scaled to the searched range, ``θ`` the scaled level where P = p*, ``b ≥ 0`` for a
response rising with the lever), the 95% interval on θ is the set where the profile
deviance ``2(ℓ(θ̂) − max_b ℓ(θ, b))`` stays within χ²₁(0.95) = 3.84 (Venzon & Moolgavkar
1988). A likelihood interval stays valid when runs are placed adaptively (where earlier
runs put the estimate), which a bootstrap of the runs does not account for.
The slope is capped at :data:`STEEPEST` (P from 1% to 99% over 1/20 of the range), so
perfectly separated runs give a finite likelihood.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special, stats

STEEPEST = 2 * special.logit(0.99) * 20  # ≈ 184 per unit range
GRID = 801  # a step of 1/400 of the range
ITERATIONS = 60


def grid_step(low: float, high: float) -> float:
    """The resolution of the interval's ends, in the lever's units."""
    return 2 * (high - low) / (GRID - 1)


def profile_interval(
    levels: np.ndarray, success: np.ndarray, target: float, low: float, high: float
) -> tuple[float, float]:
    """95% profile-likelihood interval on the level where P(success) = ``target``.

    Searched over the range extended by half its width on each side; an end that is not
    reached inside that is reported as ±inf.
    """
    u = (np.asarray(levels, dtype=float) - low) / (high - low)
    y = np.asarray(success, dtype=float)
    theta = np.linspace(-0.5, 1.5, GRID)
    profile = _profile(u, y, special.logit(target), theta)
    inside = theta[2 * (profile.max() - profile) <= stats.chi2.ppf(0.95, 1)]
    first, last = inside.min(), inside.max()
    lo = -math.inf if first <= theta[0] else low + first * (high - low)
    hi = math.inf if last >= theta[-1] else low + last * (high - low)
    return float(lo), float(hi)


def _profile(u: np.ndarray, y: np.ndarray, offset: float, theta: np.ndarray) -> np.ndarray:
    """max over b in [0, STEEPEST] of the log-likelihood, for every θ (Newton, vectorised)."""
    x = u[None, :] - theta[:, None]
    b = np.ones(len(theta))
    for _ in range(ITERATIONS):
        p = special.expit(offset + b[:, None] * x)
        gradient = ((y - p) * x).sum(axis=1)
        curvature = (p * (1 - p) * x * x).sum(axis=1) + 1e-12
        step = np.clip(b + gradient / curvature, 0.0, STEEPEST) - b
        b += step
        if np.abs(step).max() < 1e-8:
            break
    eta = offset + b[:, None] * x
    return (y * eta - np.logaddexp(0.0, eta)).sum(axis=1)

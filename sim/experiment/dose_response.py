"""A monotone dose–response: P(success) against a lever, by logistic regression.

``P(success | level) = 1 / (1 + exp(−(a + b·u)))`` with ``u`` the level scaled to the
searched range [low, high] (0 at low, 1 at high). The fit is Firth's penalised maximum
likelihood (Firth 1993), which stays finite when successes and failures are perfectly
separated by the level, as they often are in a narrow range. A response that does not
rise with the lever (``b ≤ 0``) has no level: −inf when it meets the target at the low
end already, +inf when it does not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

ITERATIONS = 100
CONVERGED = 1e-9


@dataclass(frozen=True)
class DoseResponse:
    """A fitted logistic curve over the lever's range [low, high]."""

    intercept: float
    slope: float
    low: float
    high: float

    def probability(self, levels: np.ndarray | float) -> np.ndarray:
        """P(success) at ``levels``."""
        u = (np.asarray(levels, dtype=float) - self.low) / (self.high - self.low)
        return 1.0 / (1.0 + np.exp(-(self.intercept + self.slope * u)))

    def level_at(self, target: float) -> float:
        """The level where P(success) = ``target``. A curve that does not rise has none:
        −inf if it is at or above the target at the range's low end (any level will do),
        +inf if it is below."""
        if self.slope <= 0:
            return -math.inf if self.probability(self.low) >= target else math.inf
        u = (math.log(target / (1 - target)) - self.intercept) / self.slope
        return self.low + u * (self.high - self.low)


def fit_dose_response(
    levels: np.ndarray, success: np.ndarray, low: float, high: float
) -> DoseResponse:
    """Firth-penalised logistic regression of ``success`` (0/1) on ``levels``."""
    weights = np.ones((1, len(np.asarray(levels))))
    (fit,) = fit_weighted(levels, success, weights, low, high)
    return fit


def fit_weighted(
    levels: np.ndarray, success: np.ndarray, weights: np.ndarray, low: float, high: float
) -> list[DoseResponse]:
    """One Firth fit per row of ``weights`` (case weights, e.g. bootstrap counts), at once."""
    u = (np.asarray(levels, dtype=float) - low) / (high - low)
    y = np.asarray(success, dtype=float)
    w = np.asarray(weights, dtype=float)
    beta = np.zeros((len(w), 2))
    for _ in range(ITERATIONS):
        step = _firth_steps(u, y, w, beta)
        beta += step
        if np.max(np.abs(step)) < CONVERGED:
            break
    return [DoseResponse(float(a), float(b), low, high) for a, b in beta]


def _firth_steps(u: np.ndarray, y: np.ndarray, w: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """Newton steps on Firth's modified score U* = Xᵀ(y − p + h(½ − p)), X = [1, u],
    for every weight row at once (2 × 2 information matrices inverted in closed form)."""
    p = 1.0 / (1.0 + np.exp(-(beta[:, :1] + beta[:, 1:] * u)))
    v = w * p * (1 - p)
    i00, i01, i11 = v.sum(1), (v * u).sum(1), (v * u * u).sum(1)
    det = np.maximum(i00 * i11 - i01**2, 1e-300)
    j00, j01, j11 = i11 / det, -i01 / det, i00 / det
    hat = v * (j00[:, None] + 2 * j01[:, None] * u + j11[:, None] * u * u)
    r = w * (y - p) + hat * (0.5 - p)
    s0, s1 = r.sum(1), (r * u).sum(1)
    step = np.column_stack([j00 * s0 + j01 * s1, j01 * s0 + j11 * s1])
    largest = np.abs(step).max(axis=1, keepdims=True)
    return np.where(largest > 5, step * 5 / np.maximum(largest, 1e-300), step)  # damped

"""Bootstrap intervals over design points: resample points with replacement.

A robust comparison's probabilities are shares of design points (each sampled from
the space of uncertain parameters); their 95% intervals come from resampling the
points with replacement and taking the 2.5th and 97.5th percentiles of the share
(percentile bootstrap). The generator is seeded explicitly; nothing uses global state.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CONFIDENCE = 0.95
RESAMPLES = 2000


@dataclass(frozen=True)
class Share:
    """A share of design points with its bootstrap interval."""

    estimate: float
    low: float
    high: float
    n: int


def bootstrap_shares(indicators: np.ndarray, seed: int, resamples: int = RESAMPLES) -> list[Share]:
    """Column means of ``indicators`` (points × items, values in [0, 1]) with intervals.

    Every column is resampled with the same rows, so the shares of one table stay
    consistent (they sum as the estimates do).
    """
    values = np.asarray(indicators, dtype=float)
    if values.ndim != 2:
        raise ValueError("indicators must be a points × items array")
    n, k = values.shape
    if n == 0:
        return [Share(np.nan, np.nan, np.nan, 0) for _ in range(k)]
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, n, size=(resamples, n))
    means = values[rows].mean(axis=1)
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail], axis=0)
    estimate = values.mean(axis=0)
    return [Share(float(estimate[j]), float(low[j]), float(high[j]), n) for j in range(k)]

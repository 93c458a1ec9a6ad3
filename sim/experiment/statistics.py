"""Statistics over replicates: means with 95% t-intervals, paired differences, sufficiency.

Per design point and outcome: n, mean, standard deviation (n − 1), the 95% interval
mean ± t(0.975, n − 1)·sd/√n. Paired differences of each base scenario against the
baseline are taken within a cell (same factor values) and replicate (same seed: common
random numbers), then summarised the same way; the pooled difference first averages
each replicate's differences over the cells. A point's replicates suffice for an
outcome when the half-width is at most ``max(precision·|mean|, floor)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Interval:
    """Mean of a sample with its 95% confidence interval."""

    n: int
    mean: float
    sd: float
    low: float
    high: float

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2


def interval(values: np.ndarray | list[float]) -> Interval:
    """Mean, sd and 95% t-interval of the finite values (n < 2: an infinite interval)."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    n = len(x)
    if n == 0:
        return Interval(0, math.nan, math.nan, math.nan, math.nan)
    mean = float(x.mean())
    if n == 1:
        return Interval(1, mean, math.nan, -math.inf, math.inf)
    sd = float(x.std(ddof=1))
    half = float(stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1)) * sd / math.sqrt(n)
    return Interval(n, mean, sd, mean - half, mean + half)


def sufficient(values: np.ndarray | list[float], precision: float, floor: float) -> bool:
    """Whether the 95% half-width is within ``max(precision·|mean|, floor)``."""
    iv = interval(values)
    if iv.n == 0:
        return True  # an outcome that is never defined at this point cannot improve
    return iv.half_width <= max(precision * abs(iv.mean), floor)


def point_table(runs: pd.DataFrame, outcomes: list[str]) -> pd.DataFrame:
    """One row per point and outcome: base, cell, n, mean, sd, ci_low, ci_high."""
    rows = []
    for (point_id, base, cell), group in runs.groupby(["point_id", "base", "cell"], sort=True):
        for name in outcomes:
            values = group[name] if name in group else pd.Series(dtype=float)
            iv = interval(values.to_numpy(dtype=float))
            rows.append(_row(point_id=point_id, base=base, cell=cell, outcome=name, iv=iv))
    return pd.DataFrame(rows)


def paired_differences(runs: pd.DataFrame, outcomes: list[str], baseline: str) -> pd.DataFrame:
    """Each base minus the baseline, per cell and pooled over cells (``cell`` = "all")."""
    rows = []
    reference = runs[runs["base"] == baseline].set_index(["cell", "replicate"])
    for base, group in runs[runs["base"] != baseline].groupby("base", sort=False):
        paired = group.set_index(["cell", "replicate"]).merge(
            reference, left_index=True, right_index=True, suffixes=("", "__baseline")
        )
        for name in outcomes:
            if name not in paired:
                continue
            diff = (paired[name] - paired[f"{name}__baseline"]).dropna()
            for cell, cell_diff in diff.groupby(level="cell"):
                rows.append(_row(base=base, cell=cell, outcome=name, iv=interval(cell_diff)))
            pooled = diff.groupby(level="replicate").mean()
            rows.append(_row(base=base, cell="all", outcome=name, iv=interval(pooled)))
    return pd.DataFrame(rows)


def _row(iv: Interval, **keys: object) -> dict[str, object]:
    return {
        **keys,
        "n": iv.n,
        "mean": iv.mean,
        "sd": iv.sd,
        "ci_low": iv.low,
        "ci_high": iv.high,
    }

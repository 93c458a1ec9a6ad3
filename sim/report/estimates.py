"""Means with 95% intervals for one mode, and paired differences between two modes.

A mode's runs span the levels of the experiment's other levers (the sharing rule, say):
a number is first averaged per replicate over those levels, then summarised over
replicates by a t-interval (:func:`sim.experiment.statistics.interval`), so the mean is
the average over the levers' levels and the interval reflects replicate-to-replicate
spread. Differences pair runs by cell and replicate (the same seed: common random
numbers), as :func:`sim.experiment.statistics.paired_differences` does for the sweep's
own tables. A probability (a yes/no outcome) uses score intervals instead
(:mod:`sim.report.proportions`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.experiment.statistics import interval
from sim.report.outcomes import Direction, Scale
from sim.report.proportions import paired_difference, wilson


@dataclass(frozen=True)
class Estimate:
    """A mean (or a difference of means) with its 95% interval and sample size."""

    mean: float
    low: float
    high: float
    n: int

    @property
    def defined(self) -> bool:
        return self.n > 0 and math.isfinite(self.mean)

    @property
    def excludes_zero(self) -> bool:
        """Whether the whole interval lies on one side of zero (a difference established)."""
        return self.defined and (self.low > 0 or self.high < 0)

    def favours(self, direction: Direction) -> bool:
        """Whether this difference (A − B) establishes A as better in ``direction``."""
        if not self.defined:
            return False
        return self.low > 0 if direction is Direction.HIGHER else self.high < 0


MISSING = Estimate(math.nan, math.nan, math.nan, 0)


def mode_estimate(runs: pd.DataFrame, mode: str, column: str, scale: Scale) -> Estimate:
    """The mean of ``column`` over ``mode``'s done runs with its 95% interval."""
    own = runs[runs["base"] == mode]
    values = own[column].to_numpy(dtype=float)
    if scale is Scale.PROBABILITY:
        finite = values[np.isfinite(values)]
        if len(finite) == 0:
            return MISSING
        low, high = wilson(int((finite > 0.5).sum()), len(finite))
        return Estimate(float((finite > 0.5).mean()), low, high, len(finite))
    per_replicate = own.groupby("replicate")[column].mean().dropna()
    iv = interval(per_replicate.to_numpy(dtype=float))
    return Estimate(iv.mean, iv.low, iv.high, iv.n) if iv.n else MISSING


def paired_estimate(
    runs: pd.DataFrame, first: str, second: str, column: str, scale: Scale
) -> Estimate:
    """``first`` minus ``second`` on ``column``, paired by cell and replicate."""
    return Pairing(runs, column, scale).difference(first, second)


class Pairing:
    """One outcome's runs laid out by (cell, replicate) × mode, so that every pair of
    modes is differenced without another merge (the same pooling as
    :func:`sim.experiment.statistics.paired_differences`: a replicate's differences are
    averaged over the cells first)."""

    def __init__(self, runs: pd.DataFrame, column: str, scale: Scale) -> None:
        self.scale = scale
        self.wide = runs.pivot_table(
            index=["cell", "replicate"], columns="base", values=column, aggfunc="first",
            dropna=False,
        )  # fmt: skip

    def difference(self, first: str, second: str) -> Estimate:
        """``first`` − ``second`` with its 95% interval (MISSING without paired runs)."""
        if first not in self.wide or second not in self.wide:
            return MISSING
        pairs = pd.concat([self.wide[first].rename("a"), self.wide[second].rename("b")], axis=1)
        pairs = pairs.dropna()
        if pairs.empty:
            return MISSING
        if self.scale is Scale.PROBABILITY:
            return _paired_probability(pairs["a"].to_numpy() > 0.5, pairs["b"].to_numpy() > 0.5)
        pooled = (pairs["a"] - pairs["b"]).groupby(level="replicate").mean()
        iv = interval(pooled.to_numpy(dtype=float))
        return Estimate(iv.mean, iv.low, iv.high, iv.n)


def _paired_probability(x: np.ndarray, y: np.ndarray) -> Estimate:
    counts = (int((x & y).sum()), int((x & ~y).sum()), int((~x & y).sum()), int((~x & ~y).sum()))
    mean, low, high = paired_difference(*counts)
    return Estimate(mean, low, high, len(x))

"""Score intervals for probabilities: Wilson's for one proportion and Newcombe's for the
difference of two paired proportions.

A yes/no outcome (is the alliance alive at the end?) summarised by a t-interval collapses
to a single point when every run agrees (5 of 5 alive gives [1, 1]), which would let the
report call it "virtually certain" on five runs. Score intervals stay honest at the edges:
5 of 5 gives [0.57, 1]. Modes are paired by seed, so their difference uses Newcombe's
hybrid score interval for paired data (Newcombe 1998, Statistics in Medicine 17:2635,
method 10), which accounts for the correlation of the pairs.
"""

from __future__ import annotations

import math

from scipy import stats

from sim.experiment.statistics import CONFIDENCE

Z = float(stats.norm.ppf(0.5 + CONFIDENCE / 2))


def wilson(successes: int, trials: int) -> tuple[float, float]:
    """Wilson's 95% score interval of a proportion (``(nan, nan)`` with no trials)."""
    if trials == 0:
        return math.nan, math.nan
    p = successes / trials
    centre = (p + Z * Z / (2 * trials)) / (1 + Z * Z / trials)
    half = Z * math.sqrt(p * (1 - p) / trials + Z * Z / (4 * trials**2)) / (1 + Z * Z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def paired_difference(
    both: int, first_only: int, second_only: int, neither: int
) -> tuple[float, float, float]:
    """Difference p1 − p2 of two paired proportions with its 95% interval.

    The counts are of pairs: both yes, only the first yes, only the second yes, neither.
    """
    n = both + first_only + second_only + neither
    if n == 0:
        return math.nan, math.nan, math.nan
    p1, p2 = (both + first_only) / n, (both + second_only) / n
    l1, u1 = wilson(both + first_only, n)
    l2, u2 = wilson(both + second_only, n)
    phi = _phi(both, first_only, second_only, neither)
    theta = p1 - p2
    low = theta - math.sqrt(
        max((p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2, 0.0)
    )
    high = theta + math.sqrt(
        max((u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2, 0.0)
    )
    return theta, max(low, -1.0), min(high, 1.0)


def _phi(a: int, b: int, c: int, d: int) -> float:
    """The correlation of the pairs (0 when a margin is empty, as Newcombe advises)."""
    denominator = (a + b) * (c + d) * (a + c) * (b + d)
    return (a * d - b * c) / math.sqrt(denominator) if denominator > 0 else 0.0

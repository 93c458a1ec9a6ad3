"""The report's intervals: paired differences agree with the sweep's own tables, score
intervals for probabilities behave at the edges and agree with the normal approximation
where it holds, and calibrated words follow the bands."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from sim.experiment.statistics import paired_differences
from sim.report.estimates import Pairing
from sim.report.likelihood import Likelihood, likelihood
from sim.report.outcomes import Scale
from sim.report.proportions import paired_difference, wilson


def runs_frame(rng: np.random.Generator) -> pd.DataFrame:
    rows = [
        {"base": base, "cell": cell, "replicate": r, "y": rng.normal(shift + 0.1 * cell, 1)}
        for base, shift in (("a", 0.0), ("b", 0.3), ("c", -0.2))
        for cell in range(3)
        for r in range(7)
    ]
    frame = pd.DataFrame(rows)
    frame.loc[(frame["base"] == "b") & (frame["replicate"] == 2) & (frame["cell"] == 1), "y"] = (
        np.nan
    )
    return frame


def test_pairing_agrees_with_the_sweeps_paired_differences():
    runs = runs_frame(np.random.default_rng(5))
    pairing = Pairing(runs, "y", Scale.NUMBER)
    table = paired_differences(runs, ["y"], "a")
    for base in ("b", "c"):
        row = table[(table["base"] == base) & (table["cell"] == "all")].iloc[0]
        mine = pairing.difference(base, "a")
        assert (mine.mean, mine.low, mine.high, mine.n) == pytest.approx(
            (row["mean"], row["ci_low"], row["ci_high"], row["n"]), rel=1e-12
        )


def test_wilson_matches_scipy_and_stays_open_at_the_edges():
    for k, n in ((0, 5), (5, 5), (3, 10), (57, 60)):
        ci = stats.binomtest(k, n).proportion_ci(0.95, method="wilson")
        assert wilson(k, n) == pytest.approx((ci.low, ci.high), abs=1e-12)
    low, high = wilson(5, 5)
    assert high == 1.0 and low < 0.6  # five of five is far from certain


@pytest.mark.parametrize(
    "counts", [(700, 300, 150, 850), (400, 100, 100, 1400), (50, 600, 20, 1330)]
)
def test_newcombe_approaches_the_paired_wald_interval_for_large_samples(counts):
    a, b, c, d = counts
    n = a + b + c + d
    theta = (b - c) / n
    se = math.sqrt((b + c) / n - ((b - c) / n) ** 2) / math.sqrt(n)
    mean, low, high = paired_difference(a, b, c, d)
    assert mean == pytest.approx(theta)
    assert (low, high) == pytest.approx((theta - 1.96 * se, theta + 1.96 * se), abs=0.004)


def test_newcombe_interval_holds_the_estimate_and_stays_in_range():
    for counts in ((5, 0, 0, 0), (0, 5, 0, 0), (0, 0, 0, 5), (2, 3, 1, 4), (0, 10, 0, 0)):
        mean, low, high = paired_difference(*counts)
        assert -1 <= low <= mean <= high <= 1
    _, low, high = paired_difference(0, 0, 0, 10)  # both always no: no difference, yet unsure
    assert low < 0 < high


@pytest.mark.parametrize(
    "low,high,expected",
    [
        (0.995, 1.0, Likelihood.VIRTUALLY_CERTAIN),
        (0.96, 1.0, Likelihood.EXTREMELY_LIKELY),
        (0.91, 0.99, Likelihood.VERY_LIKELY),
        (0.70, 0.95, Likelihood.LIKELY),
        (0.40, 0.60, Likelihood.ABOUT_AS_LIKELY_AS_NOT),
        (0.10, 0.30, Likelihood.UNLIKELY),
        (0.0, 0.08, Likelihood.VERY_UNLIKELY),
        (0.0, 0.005, Likelihood.EXCEPTIONALLY_UNLIKELY),
        (0.30, 0.70, None),
        (0.60, 0.80, None),
    ],
)
def test_a_word_only_where_the_whole_interval_fits_its_band(low, high, expected):
    assert likelihood(low, high) is expected

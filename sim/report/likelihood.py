"""The IPCC's calibrated language for probabilities (Mastrandrea et al. 2010, the
guidance note for AR5 lead authors), used only where a whole 95% interval fits a band.

A word is chosen for an interval, never for a point estimate: the narrowest band that
holds the entire interval. An interval that fits none (say 0.2 to 0.8) gets no word, and
the report gives the number alone.
"""

from __future__ import annotations

from enum import StrEnum


class Likelihood(StrEnum):
    """A calibrated likelihood term, with the probability band it stands for."""

    VIRTUALLY_CERTAIN = "virtually certain"
    EXTREMELY_LIKELY = "extremely likely"
    VERY_LIKELY = "very likely"
    LIKELY = "likely"
    ABOUT_AS_LIKELY_AS_NOT = "about as likely as not"
    UNLIKELY = "unlikely"
    VERY_UNLIKELY = "very unlikely"
    EXTREMELY_UNLIKELY = "extremely unlikely"
    EXCEPTIONALLY_UNLIKELY = "exceptionally unlikely"


BANDS: dict[Likelihood, tuple[float, float]] = {
    Likelihood.VIRTUALLY_CERTAIN: (0.99, 1.0),
    Likelihood.EXTREMELY_LIKELY: (0.95, 1.0),
    Likelihood.VERY_LIKELY: (0.90, 1.0),
    Likelihood.LIKELY: (0.66, 1.0),
    Likelihood.ABOUT_AS_LIKELY_AS_NOT: (0.33, 0.66),
    Likelihood.UNLIKELY: (0.0, 0.33),
    Likelihood.VERY_UNLIKELY: (0.0, 0.10),
    Likelihood.EXTREMELY_UNLIKELY: (0.0, 0.05),
    Likelihood.EXCEPTIONALLY_UNLIKELY: (0.0, 0.01),
}


def likelihood(low: float, high: float) -> Likelihood | None:
    """The narrowest calibrated term whose band holds all of ``[low, high]``, or None."""
    fitting = [term for term, (a, b) in BANDS.items() if a <= low and high <= b]
    return min(fitting, key=lambda t: BANDS[t][1] - BANDS[t][0], default=None)

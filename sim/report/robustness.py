"""The robust comparison in words: for each outcome, whether one mode ranks first over the
uncertain parameters, and how often one mode beats another.

Reads the tables of the robust comparison (``robust_first``: P(mode ranks first) per
outcome; ``robust_pairs``: P(A beats B)), as :mod:`sim.report.extras` finds them. A
ranking is called robust only when one mode's whole 95% interval for P(first) lies at
or above 0.9 (the band of "very likely"); otherwise the summary says, first, that it is
not robust. Every probability carries its number and interval, and a calibrated word
only where the interval fits a band (:mod:`sim.report.likelihood`).
"""

from __future__ import annotations

import pandas as pd

from sim.report.estimates import Estimate
from sim.report.extras import Extra
from sim.report.likelihood import BANDS, Likelihood, likelihood
from sim.report.wording import listing, mode_name, with_interval

ROBUST_FLOOR = BANDS[Likelihood.VERY_LIKELY][0]
FIRST = {"outcome", "mode", "p_first", "ci_low", "ci_high"}
PAIRS = {"outcome", "a", "b", "p_a_beats_b", "ci_low", "ci_high"}


def summary_sentences(extra: Extra) -> list[str]:
    """Per outcome: robust first place, or a warning that the ranking is not robust."""
    table = _table(extra, "robust_first", FIRST)
    if table is None:
        return []
    return [_first_place(outcome, part) for outcome, part in table.groupby("outcome", sort=False)]


def pair_sentences(extra: Extra) -> list[str]:
    """P(A beats B) for every pair and outcome, as sentences."""
    table = _table(extra, "robust_pairs", PAIRS)
    if table is None:
        return []
    return [
        _probability(f"{mode_name(str(r.a))} beats {mode_name(str(r.b))} on {r.outcome}",
                     r.p_a_beats_b, r.ci_low, r.ci_high)
        for r in table.itertuples(index=False)
    ]  # fmt: skip


def _table(extra: Extra, stem: str, columns: set[str]) -> pd.DataFrame | None:
    table = extra.tables.get(f"tables/{stem}")
    return table if table is not None and set(table.columns) >= columns else None


def _first_place(outcome: str, part: pd.DataFrame) -> str:
    robust = part[part["ci_low"] >= ROBUST_FLOOR]
    if len(robust) == 1:
        r = robust.iloc[0]
        event = (
            f"{mode_name(str(r['mode']))} ranks first on {outcome} over the uncertain parameters"
        )
        return _probability(event, r["p_first"], r["ci_low"], r["ci_high"])
    contenders = part[part["p_first"] > 0]
    shares = listing([
        f"{mode_name(str(r['mode']))} {_estimate(r['p_first'], r['ci_low'], r['ci_high'])}"
        for _, r in contenders.iterrows()
    ])  # fmt: skip
    return (
        f"On {outcome}, the ranking is not robust over the uncertain parameters: no mode "
        f"ranks first with a probability whose whole interval is at least {ROBUST_FLOOR:.2f}. "
        f"P(first): {shares or 'none'}."
    )


def _probability(event: str, p: float, low: float, high: float) -> str:
    term = likelihood(float(low), float(high))
    words = f"{term.value}: " if term else ""
    return f"That {event} is {words}probability {_estimate(p, low, high)}."


def _estimate(p: float, low: float, high: float) -> str:
    return with_interval(Estimate(float(p), float(low), float(high), 2))

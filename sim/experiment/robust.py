"""Robust mode comparison: how often each mode ranks first, and how often A beats B.

Over the design points of a Latin hypercube (each a draw of the uncertain parameters,
run under every mode with the same replicate seeds), per outcome:

* P(mode ranks first): the share of points at which the mode's mean over the common
  replicates is the best of all modes (a tie for first shares the point equally);
* P(A beats B): the share of points at which A's mean paired difference over B
  (same cell, same seed) is better than zero, with the share of exact ties beside it.

Each share has a 95% percentile-bootstrap interval over design points
(:mod:`sim.experiment.bootstrap`). The functions read a plain runs table (columns
``base``, ``cell``, ``replicate`` and the outcomes), as ``runs_table`` gives it.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from sim.experiment.bootstrap import bootstrap_shares
from sim.experiment.direction import Direction, direction_of
from sim.experiment.pairing import complete_cell_means, paired_cell_differences, paired_frame


class RobustError(ValueError):
    """A robust comparison that cannot be made as asked (unknown outcome or mode)."""


def ranking_probabilities(
    runs: pd.DataFrame, outcome: str, modes: list[str], seed: int
) -> pd.DataFrame:
    """P(each mode ranks first on ``outcome``) over design points, with 95% intervals."""
    means = complete_cell_means(_paired(runs, outcome, modes), modes)
    first = first_place_shares(means.to_numpy(), direction_of(outcome))
    shares = bootstrap_shares(first, seed)
    return pd.DataFrame(
        {
            "outcome": outcome,
            "mode": modes,
            "p_first": [s.estimate for s in shares],
            "ci_low": [s.low for s in shares],
            "ci_high": [s.high for s in shares],
            "points": [s.n for s in shares],
        }
    )


def first_place_shares(means: np.ndarray, direction: Direction) -> np.ndarray:
    """Per point (row) and mode (column): 1/k if the mode is one of k tied for best, else 0."""
    signed = direction.sign * np.asarray(means, dtype=float)
    best = signed == signed.max(axis=1, keepdims=True)
    return best / best.sum(axis=1, keepdims=True)


def pairwise_probabilities(
    runs: pd.DataFrame, outcome: str, modes: list[str], seed: int
) -> pd.DataFrame:
    """For every ordered pair (A, B) with A listed first: P(A beats B), P(tie), intervals."""
    paired = _paired(runs, outcome, modes)
    sign = direction_of(outcome).sign
    rows = []
    for first, second in itertools.combinations(modes, 2):
        diff = sign * paired_cell_differences(paired, first, second).to_numpy()
        beats, ties = bootstrap_shares(np.column_stack([diff > 0, diff == 0]), seed)
        rows.append(
            {
                "outcome": outcome,
                "a": first,
                "b": second,
                "p_a_beats_b": beats.estimate,
                "ci_low": beats.low,
                "ci_high": beats.high,
                "p_tie": ties.estimate,
                "points": beats.n,
            }
        )
    return pd.DataFrame(rows)


def _paired(runs: pd.DataFrame, outcome: str, modes: list[str]) -> pd.DataFrame:
    if outcome not in runs:
        known = sorted(c for c in runs.columns if "." in str(c))
        raise RobustError(f"unknown outcome {outcome!r}; the store has {', '.join(known)}")
    paired = paired_frame(runs, outcome)
    missing = [m for m in modes if m not in paired]
    if missing:
        raise RobustError(f"no runs of mode(s) {', '.join(missing)} in the store")
    return paired

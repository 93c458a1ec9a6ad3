"""Where a ranking of two modes reverses with another lever of the experiment.

For each lever the experiment crosses with the mode (the sharing rule, say), the paired
difference of every pair of modes is taken at each of the lever's levels. A reversal is
a pair whose difference is established one way at one level and established the other
way at another: the report says so before anything else, since a policymaker choosing a
mode then has to choose the lever with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from sim.report.estimates import Estimate, Pairing
from sim.report.outcomes import ReportOutcome

MAX_LEVELS = 8  # a factor with more distinct values is a sampled range, not a lever's levels


@dataclass(frozen=True)
class Reversal:
    """``first`` − ``second`` is established positive at ``up`` and negative at ``down``."""

    outcome: ReportOutcome
    lever: str
    first: str
    second: str
    up: str
    up_difference: Estimate
    down: str
    down_difference: Estimate


def lever_levels(runs: pd.DataFrame, factors: list[str]) -> dict[str, list[str]]:
    """Each discrete lever's levels as labels, in the order they first appear."""
    out = {}
    for factor in factors:
        if factor not in runs:
            continue
        labels = list(dict.fromkeys(level_label(v) for v in runs[factor]))
        if 2 <= len(labels) <= MAX_LEVELS:
            out[factor] = labels
    return out


def level_label(value: object) -> str:
    """A lever level as text (levels may be lists, such as a schedule of events)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def at_level(runs: pd.DataFrame, lever: str, level: str) -> pd.DataFrame:
    """The runs whose ``lever`` has the level labelled ``level``."""
    return runs[runs[lever].map(level_label) == level]


def reversals(
    runs: pd.DataFrame,
    modes: list[str],
    levers: dict[str, list[str]],
    columns: dict[ReportOutcome, str],
) -> list[Reversal]:
    """Every established reversal of a pair of modes across a lever's levels."""
    found = []
    for lever, levels in levers.items():
        subsets = {level: at_level(runs, lever, level) for level in levels}
        for outcome, column in columns.items():
            pairings = {lv: Pairing(part, column, outcome.scale) for lv, part in subsets.items()}
            for first, second in combinations(modes, 2):
                diffs = {lv: p.difference(first, second) for lv, p in pairings.items()}
                found.extend(_flip(outcome, lever, first, second, diffs))
    return found


def _flip(
    outcome: ReportOutcome, lever: str, first: str, second: str, diffs: dict[str, Estimate]
) -> list[Reversal]:
    up = next((lv for lv, d in diffs.items() if d.excludes_zero and d.low > 0), None)
    down = next((lv for lv, d in diffs.items() if d.excludes_zero and d.high < 0), None)
    if up is None or down is None:
        return []
    return [Reversal(outcome, lever, first, second, up, diffs[up], down, diffs[down])]

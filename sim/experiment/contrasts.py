"""Paired contrasts between a factor's levels, on common seeds (factor experiments).

In a full factorial every base scenario and every combination of the other factors is
run at each level of a factor with the same replicate seeds, so the runs at level ``l``
and at the reference level (the first in the file) pair by (base, the other factors'
values, replicate): their difference removes the replicate's luck, as paired mode
differences do. Each contrast is summarised per combination of the other factors and
pooled over them (each replicate's differences averaged first), with its 95% interval.

The rows carry the factor values as columns (labels, sim.experiment.levels): the
contrasted factor's column holds the level compared with ``versus``; the other factors'
columns hold the combination, or are empty in a pooled row.
"""

from __future__ import annotations

import pandas as pd

from sim.experiment.levels import level_labels
from sim.experiment.statistics import interval

POOLED = "all"


def level_contrasts(runs: pd.DataFrame, factors: list[str], outcomes: list[str]) -> pd.DataFrame:
    """Every non-reference level of every factor minus the reference level, per base."""
    labelled = runs.copy()
    for factor in factors:
        labelled[factor] = level_labels(runs[factor])
    rows = []
    for factor in factors:
        levels = list(dict.fromkeys(labelled[factor]))
        others = [f for f in factors if f != factor]
        for level in levels[1:]:
            rows.extend(_contrast(labelled, factor, level, levels[0], others, outcomes))
    return pd.DataFrame(rows)


def _contrast(
    runs: pd.DataFrame,
    factor: str,
    level: str,
    reference: str,
    others: list[str],
    outcomes: list[str],
) -> list[dict[str, object]]:
    keys = ["base", *others, "replicate"]
    at_level = runs[runs[factor] == level].set_index(keys)
    at_reference = runs[runs[factor] == reference].set_index(keys)
    rows = []
    for outcome in outcomes:
        if outcome not in runs:
            continue
        diff = (at_level[outcome] - at_reference[outcome]).dropna()
        head = {"contrast": factor, "versus": reference, factor: level, "outcome": outcome}
        for base, by_base in diff.groupby(level="base", sort=False):
            if others:
                for combination, part in by_base.groupby(level=others, sort=False):
                    values = combination if isinstance(combination, tuple) else (combination,)
                    where = dict(zip(others, values, strict=True))
                    rows.append(_row(head, base, where, part))
            pooled = by_base.groupby(level="replicate").mean()
            rows.append(_row(head, base, dict.fromkeys(others, POOLED if others else None), pooled))
    return rows


def _row(head: dict, base: str, where: dict, values: pd.Series) -> dict[str, object]:
    iv = interval(values.to_numpy(dtype=float))
    return {
        **head,
        "base": base,
        **where,
        "n": iv.n,
        "mean": iv.mean,
        "sd": iv.sd,
        "ci_low": iv.low,
        "ci_high": iv.high,
    }

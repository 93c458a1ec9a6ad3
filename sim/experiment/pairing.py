"""Pairing runs of different modes by design cell and replicate seed (common random numbers).

Every mode runs every cell of a robust comparison with the same replicate seeds, so
runs of two modes with the same ``(cell, replicate)`` faced the same clients, demand
and entrants. Comparisons take differences within such pairs and only then average
over a cell's replicates; a replicate that one mode lacks (a failed run) is left out
of that comparison rather than compared with another seed.
"""

from __future__ import annotations

import pandas as pd

CELL, REPLICATE, MODE = "cell", "replicate", "base"


def paired_frame(runs: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """``outcome`` with one row per ``(cell, replicate)`` and one column per mode.

    ``runs`` has columns ``base`` (the mode), ``cell``, ``replicate`` and ``outcome``
    (one row per run). A (cell, replicate) a mode lacks is NaN in that mode's column.
    """
    if outcome not in runs:
        raise KeyError(outcome)
    duplicated = runs.duplicated([CELL, REPLICATE, MODE])
    if duplicated.any():
        raise ValueError("two runs share a mode, cell and replicate: not a paired design")
    wide = runs.pivot(index=[CELL, REPLICATE], columns=MODE, values=outcome)
    wide.columns.name = None
    return wide.astype(float)


def complete_cell_means(paired: pd.DataFrame, modes: list[str]) -> pd.DataFrame:
    """Per cell, each mode's mean over the replicates where all ``modes`` are defined."""
    complete = paired[modes].dropna()
    return complete.groupby(level=CELL).mean()


def paired_cell_differences(paired: pd.DataFrame, first: str, second: str) -> pd.Series:
    """Per cell, the mean over common replicates of ``first − second``."""
    diff = (paired[first] - paired[second]).dropna()
    return diff.groupby(level=CELL).mean()

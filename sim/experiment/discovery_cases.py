"""The cases a discovery looks at, read from a store: inputs and which cases are of interest.

A condition on runs makes each done run a case (its inputs are its design point's factor
values, and its mode when several modes are in the table); a paired condition
("A beats B on OUTCOME") makes each design cell a case, with the cell's factor values.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.experiment.conditions import Beats, Condition, ConditionError
from sim.experiment.reading import runs_table
from sim.experiment.summary import stored_experiment

MODE = "base"


def store_cases(
    folder: str | Path, condition: Condition, mode: str | None = None
) -> tuple[pd.DataFrame, np.ndarray]:
    """(inputs, interest) of the done runs of the store at ``folder``."""
    experiment = stored_experiment(folder)
    runs = runs_table(folder)
    done = runs[runs["status"] == "done"]
    factors = [k for k in experiment.factors if k in done]
    return condition_cases(done, factors, condition, mode)


def condition_cases(
    runs: pd.DataFrame, factors: list[str], condition: Condition, mode: str | None = None
) -> tuple[pd.DataFrame, np.ndarray]:
    """(inputs, interest) of a plain runs table for ``condition``."""
    if not factors:
        raise ConditionError("the store varies no factor: there is no space to discover boxes in")
    if isinstance(condition, Beats):
        if mode is not None:
            raise ConditionError("--mode applies to conditions on runs, not to 'A beats B'")
        met = condition.met(runs)
        cells = runs.drop_duplicates("cell").set_index("cell")[factors]
        return cells.loc[met.index].reset_index(drop=True), met.to_numpy()
    if mode is not None:
        modes = sorted(set(runs[MODE]))
        if mode not in modes:
            raise ConditionError(f"no runs of mode {mode!r}; the store has {', '.join(modes)}")
        runs = runs[runs[MODE] == mode]
    columns = factors + ([MODE] if runs[MODE].nunique() > 1 else [])
    met = condition.met(runs)
    return runs[columns].reset_index(drop=True), met.to_numpy()

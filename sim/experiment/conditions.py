"""Conditions on a store's results, as a user writes them: which cases are of interest.

Two kinds, both evaluated on a plain runs table (one row per run: ``base``, ``cell``,
``replicate`` and outcome columns named ``section.name``):

* on each run: clauses joined by ``and``, each ``OUTCOME OP NUMBER`` (OP one of
  ``<``, ``<=``, ``>``, ``>=``) or the word ``collapse`` (the alliance functioned and
  then stopped: ``outcomes.collapse_step`` is set). Example:
  ``final.alliance_active >= 1 and final_window.cooperation_share >= 0.5``;
* on each design point, paired: ``A beats B on OUTCOME``: at the cell, the mean over
  common replicate seeds of A − B is better than zero (higher or lower by the outcome's
  direction, :mod:`sim.experiment.direction`).

A run whose outcome is undefined (NaN) does not meet a clause on it.
"""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from sim.experiment.direction import direction_of
from sim.experiment.pairing import paired_cell_differences, paired_frame

COLLAPSE_WORD = "collapse"
COLLAPSE_OUTCOME = "outcomes.collapse_step"
BEATS = re.compile(r"^\s*(\S+)\s+beats\s+(\S+)\s+on\s+(\S+)\s*$")
CLAUSE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(<=|>=|<|>)\s*([-+0-9.eE]+)\s*$")


class ConditionError(ValueError):
    """A condition that cannot be read or evaluated (one line, says what is allowed)."""


class Comparison(StrEnum):
    """How a clause compares an outcome with a number."""

    BELOW = "<"
    AT_MOST = "<="
    ABOVE = ">"
    AT_LEAST = ">="

    @property
    def test(self) -> Callable:
        return {
            Comparison.BELOW: operator.lt,
            Comparison.AT_MOST: operator.le,
            Comparison.ABOVE: operator.gt,
            Comparison.AT_LEAST: operator.ge,
        }[self]


@dataclass(frozen=True)
class Clause:
    """``outcome OP value``, or collapse (``comparison`` None)."""

    outcome: str
    comparison: Comparison | None = None
    value: float = 0.0

    def met(self, runs: pd.DataFrame) -> pd.Series:
        column = runs[self.outcome].astype(float)
        if self.comparison is None:
            return column.notna()
        return self.comparison.test(column, self.value).fillna(False).astype(bool)

    def __str__(self) -> str:
        if self.comparison is None:
            return "the alliance collapses"
        return f"{self.outcome} {self.comparison.value} {self.value:g}"


@dataclass(frozen=True)
class RunCondition:
    """Clauses that must all hold for a run."""

    clauses: tuple[Clause, ...]

    @property
    def outcomes(self) -> list[str]:
        return [c.outcome for c in self.clauses]

    def met(self, runs: pd.DataFrame) -> pd.Series:
        """One boolean per run (the runs table's index)."""
        check_outcomes(runs, self.outcomes)
        result = pd.Series(True, index=runs.index)
        for clause in self.clauses:
            result &= clause.met(runs)
        return result

    def __str__(self) -> str:
        return " and ".join(str(c) for c in self.clauses)


@dataclass(frozen=True)
class Beats:
    """Mode ``winner`` does better than ``loser`` on ``outcome`` at a design point."""

    winner: str
    loser: str
    outcome: str

    @property
    def outcomes(self) -> list[str]:
        return [self.outcome]

    def met(self, runs: pd.DataFrame) -> pd.Series:
        """One boolean per cell (index ``cell``), paired by replicate seed."""
        check_outcomes(runs, self.outcomes)
        modes = sorted(set(runs["base"]))
        for mode in (self.winner, self.loser):
            if mode not in modes:
                raise ConditionError(f"no runs of mode {mode!r}; the store has {', '.join(modes)}")
        paired = paired_frame(runs, self.outcome)
        diff = paired_cell_differences(paired, self.winner, self.loser)
        return (direction_of(self.outcome).sign * diff) > 0

    def __str__(self) -> str:
        return f"{self.winner} beats {self.loser} on {self.outcome}"


Condition = RunCondition | Beats


def parse_condition(text: str) -> Condition:
    """Read a condition as written on the command line (see the module's docstring)."""
    match = BEATS.match(text)
    if match:
        return Beats(*match.groups())
    return RunCondition(tuple(_clause(part, text) for part in re.split(r"\s+and\s+", text)))


def _clause(part: str, text: str) -> Clause:
    if part.strip() == COLLAPSE_WORD:
        return Clause(COLLAPSE_OUTCOME)
    match = CLAUSE.match(part)
    if not match:
        raise ConditionError(
            f"cannot read condition {text!r}: write 'OUTCOME < NUMBER' (or <=, >, >=) joined "
            "by 'and', 'collapse', or 'A beats B on OUTCOME'"
        )
    outcome, op, number = match.groups()
    try:
        value = float(number)
    except ValueError:
        raise ConditionError(f"cannot read {number!r} in {text!r} as a number") from None
    return Clause(outcome, Comparison(op), value)


def check_outcomes(runs: pd.DataFrame, outcomes: list[str]) -> None:
    """A clear error for an outcome the runs table does not have."""
    known = [c for c in runs.columns if "." in str(c)]
    for name in outcomes:
        if name not in runs:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConditionError(f"unknown outcome {name!r}{hint}")

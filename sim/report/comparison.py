"""The comparison table: modes as rows, the issue's outcomes as columns, each a mean with
its 95% interval and the paired difference against the baseline; the best value marked
only where it is established against every other mode (:mod:`sim.report.ranking`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from sim.experiment.outcomes import known_outcomes
from sim.report.estimates import Estimate, mode_estimate, paired_estimate
from sim.report.outcomes import CATALOGUE, ReportOutcome, located, with_derived
from sim.report.ranking import Pairs, best, pairwise


@dataclass(frozen=True)
class Cell:
    """One mode's value of one outcome."""

    value: Estimate
    versus_baseline: Estimate | None
    best: bool


@dataclass
class Comparison:
    """The table, with the pairwise differences the summary's sentences need."""

    modes: list[str]
    baseline: str | None
    columns: dict[str, str]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    pairs: dict[str, Pairs] = field(default_factory=dict)

    @property
    def outcomes(self) -> list[ReportOutcome]:
        """The catalogue's outcomes this store holds, in the catalogue's order."""
        return [o for o in CATALOGUE if o.key in self.columns]

    @property
    def missing(self) -> list[ReportOutcome]:
        """The catalogue's outcomes this store lacks."""
        return [o for o in CATALOGUE if o.key not in self.columns]

    def cell(self, mode: str, key: str) -> Cell:
        return self.cells[(mode, key)]

    def unit(self, outcome: ReportOutcome) -> str:
        """The unit of the column found for ``outcome`` (the model's, where it declares one)."""
        declared = unit_of(self.columns[outcome.key]) if outcome.suffix else ""
        return declared or outcome.unit


def compare(runs: pd.DataFrame, modes: list[str], baseline: str | None) -> Comparison:
    """The comparison of ``modes`` over the done ``runs`` (one row per run)."""
    runs = with_derived(runs)
    table = Comparison(list(modes), baseline, located(runs))
    for outcome in table.outcomes:
        column = table.columns[outcome.key]
        pairs = pairwise(runs, table.modes, column, outcome)
        table.pairs[outcome.key] = pairs
        top = best(pairs, table.modes, outcome.direction)
        for mode in table.modes:
            table.cells[(mode, outcome.key)] = Cell(
                mode_estimate(runs, mode, column, outcome.scale),
                _versus(runs, mode, baseline, column, outcome),
                mode == top,
            )
    return table


def _versus(
    runs: pd.DataFrame, mode: str, baseline: str | None, column: str, outcome: ReportOutcome
) -> Estimate | None:
    if baseline is None or mode == baseline:
        return None
    return paired_estimate(runs, mode, baseline, column, outcome.scale)


def unit_of(column: str) -> str:
    """The unit the model declares for an outcome column ("" when it declares none)."""
    doc = known_outcomes().get(column, "")
    return doc.split(":")[0] if doc else ""

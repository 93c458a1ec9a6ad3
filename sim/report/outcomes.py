"""The outcomes the report compares, as data: where each is found in a store, its unit,
and which direction is better.

A store keeps every numeric outcome of every run (``section.name`` columns of
:func:`sim.experiment.reading.runs_table`), so the report looks each one up by name and
leaves out what the store lacks. The welfare account's value added is read from a
column named ``<section>.value_added`` (preferring the settled final window, then the
run's average, then a whole-run outcome, then the last step), so the report shows it as
soon as a store carries it, and says it is missing otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

VALUE_ADDED_SUFFIX = ".value_added"
VALUE_PER_COST_SUFFIX = ".value_added_per_public_cost"
DERIVED_VALUE_PER_COST = "report.value_added_per_public_cost"
PUBLIC_COST = "outcomes.cumulative_public_cost"
SECTIONS = ("final_window", "time_average", "outcomes", "final")
"""The order in which a suffix's sections are preferred (settled values first)."""
RATIOS = (
    ("time_average.value_added", "time_average.public_cost"),
    ("outcomes.value_added", PUBLIC_COST),
)
"""Value added and public cost over the same span and in the same unit: their ratio is
value added per unit of public cost (MU per MU)."""


class Direction(StrEnum):
    """Which way is better for an outcome (for marking an established best value)."""

    HIGHER = "higher"
    LOWER = "lower"


class Scale(StrEnum):
    """How an outcome's values are summarised: a mean of numbers, or a probability
    (the share of runs where a yes/no outcome is yes, with a score interval)."""

    NUMBER = "number"
    PROBABILITY = "probability"


@dataclass(frozen=True)
class ReportOutcome:
    """One row of the issue's list: a label, a unit, a direction and its store column."""

    key: str
    label: str
    unit: str
    direction: Direction
    scale: Scale = Scale.NUMBER
    column: str | None = None
    suffix: str | None = None
    event: str = ""  # a probability's event as a clause: "the alliance is alive at the end"

    def locate(self, runs: pd.DataFrame) -> str | None:
        """The store column holding this outcome, or None when the store lacks it."""
        if self.column is not None:
            return self.column if _has_values(runs, self.column) else None
        matches = [f"{section}{self.suffix}" for section in SECTIONS]
        return next((c for c in matches if _has_values(runs, c)), None)


def _has_values(runs: pd.DataFrame, column: str) -> bool:
    return column in runs and bool(np.isfinite(runs[column].to_numpy(dtype=float)).any())


CATALOGUE: tuple[ReportOutcome, ...] = (
    ReportOutcome("member_share", "Member share", "fraction of firms", Direction.HIGHER,
                  column="final_window.member_share"),
    ReportOutcome("cooperation_share", "Cooperation share", "fraction of members",
                  Direction.HIGHER, column="final_window.cooperation_share"),
    ReportOutcome("survival", "Alliance alive at the end", "probability", Direction.HIGHER,
                  Scale.PROBABILITY, column="final.alliance_active",
                  event="the alliance is alive at the end of the run"),
    ReportOutcome("value_added", "Alliance's value added", "MU/step", Direction.HIGHER,
                  suffix=VALUE_ADDED_SUFFIX),
    ReportOutcome("public_cost", "Total public cost", "MU", Direction.LOWER,
                  column=PUBLIC_COST),
    ReportOutcome("public_cost_per_step", "Public cost per step", "MU/step", Direction.LOWER,
                  column="time_average.public_cost"),
    ReportOutcome("value_per_cost", "Value added per unit of public cost", "MU/MU",
                  Direction.HIGHER, suffix=VALUE_PER_COST_SUFFIX),
    ReportOutcome("mean_quality", "Mean quality", "quality [0,1]", Direction.HIGHER,
                  column="final_window.mean_quality"),
    ReportOutcome("gini", "Gini of firms' cash", "[0,1], lower is more equal",
                  Direction.LOWER, column="final_window.gini"),
    ReportOutcome("sme_inclusion", "SME inclusion", "fraction of small firms",
                  Direction.HIGHER, column="final_window.sme_member_share"),
    ReportOutcome("retention", "Retention after support ends", "ratio", Direction.HIGHER,
                  column="outcomes.retention_after_support"),
)  # fmt: skip
"""The outcomes of the comparison table, in the issue's order."""

HEADLINE = ("member_share", "cooperation_share", "survival", "value_added", "public_cost",
            "retention")  # fmt: skip
"""The outcomes the plain-language summary speaks about."""

BY_KEY = {o.key: o for o in CATALOGUE}


def with_derived(runs: pd.DataFrame) -> pd.DataFrame:
    """``runs`` plus value added per unit of public cost, per run, where the store has
    value added and public cost over the same span but not their ratio (undefined, NaN,
    where a run spent no public money)."""
    if BY_KEY["value_per_cost"].locate(runs) is not None:
        return runs
    pair = next(((v, c) for v, c in RATIOS if _has_values(runs, v) and c in runs), None)
    if pair is None:
        return runs
    value, cost = (runs[column].to_numpy(dtype=float) for column in pair)
    ratio = np.full(len(runs), np.nan)
    spent = cost > 0
    ratio[spent] = value[spent] / cost[spent]
    return runs.assign(**{DERIVED_VALUE_PER_COST: ratio})


def located(runs: pd.DataFrame) -> dict[str, str]:
    """``{outcome key: store column}`` for the catalogue's outcomes the store holds."""
    derived = {"value_per_cost": DERIVED_VALUE_PER_COST} if DERIVED_VALUE_PER_COST in runs else {}
    found = {o.key: o.locate(runs) for o in CATALOGUE}
    return {k: c for k, c in {**found, **derived}.items() if c is not None}

"""The comparison table as the template shows it: outcomes in three groups (so each table
fits an A4 page), every number already formatted, flags for established differences and
an established best value. No number is computed here; only formatted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.report.comparison import Comparison
from sim.report.estimates import Estimate
from sim.report.outcomes import ReportOutcome
from sim.report.wording import DASH, number, places_for, signed

GROUPS = (
    ("Does an alliance form, cooperate and last?",
     ("member_share", "cooperation_share", "survival", "sme_inclusion", "retention")),
    ("What is it worth, and what does it cost the public?",
     ("value_added", "public_cost", "public_cost_per_step", "value_per_cost")),
    ("Quality and fairness", ("mean_quality", "gini")),
)  # fmt: skip


@dataclass(frozen=True)
class CellView:
    """One cell's text: the mean, its interval and the difference against the baseline."""

    mean: str
    low: str
    high: str
    diff: str | None
    diff_low: str | None
    diff_high: str | None
    established: bool
    best: bool


@dataclass(frozen=True)
class TableView:
    """One group of outcomes: columns, and per mode a row of cells."""

    title: str
    outcomes: list[ReportOutcome]
    rows: list[tuple[str, list[CellView]]]


def table_views(table: Comparison) -> list[TableView]:
    """The groups that hold at least one outcome of this store."""
    views = []
    for title, keys in GROUPS:
        outcomes = [o for o in table.outcomes if o.key in keys]
        if outcomes:
            rows = [(m, [_cell(table, m, o.key) for o in outcomes]) for m in table.modes]
            views.append(TableView(title, outcomes, rows))
    return views


def _cell(table: Comparison, mode: str, key: str) -> CellView:
    cell = table.cell(mode, key)
    places = places_for(cell.value)
    low, high = _ends(cell.value, places)
    d = cell.versus_baseline
    if d is None:
        return CellView(
            number(cell.value.mean, places), low, high, None, None, None, False, cell.best
        )
    d_places = places_for(d)
    d_low, d_high = _ends(d, d_places)
    return CellView(
        number(cell.value.mean, places), low, high, signed(d.mean, d_places), d_low, d_high,
        d.excludes_zero, cell.best,
    )  # fmt: skip


def _ends(e: Estimate, places: int) -> tuple[str, str]:
    if e.n < 2 and e.low == float("-inf"):
        return DASH, DASH
    return number(e.low, places), number(e.high, places)

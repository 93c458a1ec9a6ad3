"""The alliance's value added: welfare with the alliance minus welfare without it, for
the same seed.

The counterfactual is a second run of the same scenario and seed with no alliance
(``alliance.enabled`` false, no organiser) and no organisers' money (no administration,
no society); everything else (population, market, network, decisions, entry, market
events: demand shocks, entry waves, leaders leaving) is the same, so the two runs
share their initial firms, network, demand and entrants (each stage draws from its own
stream, :mod:`sim.model`). Value added per step is ``welfare - welfare without the
alliance`` (:mod:`sim.output.welfare`). Draws that depend on what the alliance changes
(consortia's partners in the market stream, entrants once profits differ) drift apart
after the first difference, which adds noise, not bias.

The counterfactual costs a second run: 0.6 to 0.7 of the first in the mode scenarios
(measured, 25 runs of 200 steps), as nobody joins (``outcomes.value_added`` switches
it off for sweeps that do not need it). Where
membership is compulsory (``decisions.enterprise.strategies`` without ``outside``: the
reference games) there is no world without the alliance, and value added is not
defined (NaN).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from sim.model import AllianceModel
from sim.scenario import EventKind, Scenario, Strategy

MARKET_EVENTS = frozenset({EventKind.DEMAND_SHOCK, EventKind.ENTRY_WAVE, EventKind.LEADER_EXIT})
"""Events that happen to the market whether or not there is an alliance."""


def counterfactual_scenario(scenario: Scenario) -> Scenario | None:
    """The same scenario with no alliance and no organisers' money, or None where
    membership is compulsory (no world without the alliance)."""
    if Strategy.OUTSIDE not in scenario.decisions.enterprise.strategies:
        return None
    data = scenario.model_dump(mode="json")
    data.update(name=f"{scenario.name} without an alliance", mode=None)
    alliance = data["alliance"]
    alliance.update(enabled=False, organiser=[])
    for key in ("fees_to", "fines_to"):
        if alliance[key] == "organiser":
            alliance[key] = "members"
    data["administration"].update(
        present=False,
        subsidy=0.0,
        procurement_preference=0.0,
        budget_initial=0.0,
        budget_per_step=0.0,
    )
    data["society"]["present"] = False
    data["events"] = [e for e in data["events"] if e["kind"] in MARKET_EVENTS]
    data["outcomes"]["agent_records_every"] = 0  # only its welfare is read
    return Scenario.model_validate(data)


def counterfactual_welfare(
    scenario: Scenario, steps: int, seed: int
) -> tuple[np.ndarray | None, float]:
    """Welfare per step (step 0 included) of the run without the alliance, and the run's
    wall time in seconds; None where value added is not defined."""
    started = time.perf_counter()
    without = counterfactual_scenario(scenario)
    if without is None:
        return None, 0.0
    frame = AllianceModel(without, rng=seed).run(steps)
    return frame["welfare"].to_numpy(), time.perf_counter() - started


def with_value_added(frame: pd.DataFrame, welfare_without: np.ndarray | None) -> pd.DataFrame:
    """``frame`` with its ``value_added`` column (NaN where there is no counterfactual)."""
    out = frame.copy()
    if welfare_without is None:
        out["value_added"] = np.nan
    else:
        out["value_added"] = out["welfare"].to_numpy() - welfare_without
    return out

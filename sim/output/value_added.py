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
it off for sweeps that do not need it). It is the same world for every construction
mode and sharing rule of one seed (all of them are what the counterfactual removes),
so a process keeps the welfare series of its last ``REMEMBERED`` counterfactuals, keyed
by the counterfactual scenario, the steps and the seed: in a mode
comparison a worker runs each replicate's world without the alliance once, not once
per mode and sharing rule (a run is a pure function of scenario and seed, so the
series is the one a second run would give, to the bit). Where
membership is compulsory (``decisions.enterprise.strategies`` without ``outside``: the
reference games) there is no world without the alliance, and value added is not
defined (NaN).
"""

from __future__ import annotations

import functools
import json
import time

import numpy as np
import pandas as pd

from sim.model import AllianceModel
from sim.scenario import Administration, Alliance, EventKind, Scenario, Society, Strategy

MARKET_EVENTS = frozenset({EventKind.DEMAND_SHOCK, EventKind.ENTRY_WAVE, EventKind.LEADER_EXIT})
"""Events that happen to the market whether or not there is an alliance."""

COUNTERFACTUAL_NAME = "without an alliance"

MEMBERS_ONLY = ("sharing", "organiser_cut", "fees_to", "fines_to")
"""Alliance settings that act only through members or organisers (none without it)."""

REMEMBERED = 256
"""Counterfactual welfare series a process keeps (201 floats each at the default horizon)."""


def counterfactual_scenario(scenario: Scenario) -> Scenario | None:
    """The same world with no alliance and no organisers, or None where membership is
    compulsory (no world without the alliance).

    What only members or organisers would feel (how the pool is shared, the organisers'
    cut and platform investment, where fees and fines go, the society and the
    administration, absent) takes its default setting, so every construction mode and
    sharing rule of one scenario has the same counterfactual, and a process runs it
    once per seed (:func:`counterfactual_welfare`). The alliance's other settings stay:
    the loner's payoff, for one, is what a firm outside earns in the reference games."""
    if Strategy.OUTSIDE not in scenario.decisions.enterprise.strategies:
        return None
    data = scenario.model_dump(mode="json")
    data.update(name=COUNTERFACTUAL_NAME, description="", mode=None)
    defaults = Alliance().model_dump(mode="json")
    alliance = data["alliance"]
    alliance.update({key: defaults[key] for key in MEMBERS_ONLY}, enabled=False, organiser=[])
    alliance["platform"]["organiser_investment"] = defaults["platform"]["organiser_investment"]
    data["administration"] = {**Administration().model_dump(mode="json"), "present": False}
    data["society"] = {**Society().model_dump(mode="json"), "present": False}
    data["events"] = [e for e in data["events"] if e["kind"] in MARKET_EVENTS]
    data["outcomes"]["agent_records_every"] = 0  # only its welfare is read
    return Scenario.model_validate(data)


def counterfactual_welfare(
    scenario: Scenario, steps: int, seed: int
) -> tuple[np.ndarray | None, float]:
    """Welfare per step (step 0 included) of the run without the alliance, and the wall
    time in seconds it cost this call (about 0 when this process ran the same world
    before); None where value added is not defined."""
    started = time.perf_counter()
    without = counterfactual_scenario(scenario)
    if without is None:
        return None, 0.0
    world = json.dumps(without.model_dump(mode="json"), sort_keys=True)
    welfare = _welfare_without(world, steps, seed)
    return welfare, time.perf_counter() - started


@functools.lru_cache(maxsize=REMEMBERED)
def _welfare_without(world: str, steps: int, seed: int) -> np.ndarray:
    """Welfare per step of the world without the alliance (``world``: its scenario as
    JSON), read-only as it is shared by every run that asks for it."""
    scenario = Scenario.model_validate_json(world)
    welfare = AllianceModel(scenario, rng=seed).run(steps)["welfare"].to_numpy()
    welfare.flags.writeable = False
    return welfare


def with_value_added(frame: pd.DataFrame, welfare_without: np.ndarray | None) -> pd.DataFrame:
    """``frame`` with its ``value_added`` column (NaN where there is no counterfactual)."""
    out = frame.copy()
    if welfare_without is None:
        out["value_added"] = np.nan
    else:
        out["value_added"] = out["welfare"].to_numpy() - welfare_without
    return out

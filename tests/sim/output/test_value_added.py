"""The counterfactual of the alliance's value added (sim.output.value_added): one world
without the alliance for every construction mode and sharing rule of a seed, run once
per process, to the bit the world the scenario describes with its alliance switched off.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from sim.model import AllianceModel
from sim.output import value_added
from sim.output.value_added import (
    counterfactual_scenario,
    counterfactual_welfare,
    with_value_added,
)
from sim.scenario import load_scenario

MODES = ("market_only", "government_led", "enterprise_led", "society_led", "co_construction")
SWITCHED_OFF = [
    "alliance.enabled=false",
    "alliance.organiser=[]",
    "alliance.fees_to=members",
    "alliance.fines_to=members",
    "administration.present=false",
    "administration.subsidy=0",
    "administration.procurement_preference=0",
    "administration.budget_initial=0",
    "administration.budget_per_step=0",
    "society.present=false",
    "mode=null",
    "events=[]",  # the mode files schedule no market event
]
STEPS = 25


def mode_scenario(repo_root, mode: str, sharing: str, *extra: str):
    return load_scenario(
        repo_root / "scenarios" / f"{mode}.yaml",
        [f"alliance.sharing={sharing}", "population.enterprises=150", *extra],
    )


@pytest.fixture(autouse=True)
def forget_worlds():
    value_added._welfare_without.cache_clear()
    yield
    value_added._welfare_without.cache_clear()


def test_every_mode_and_sharing_rule_has_one_world_without_the_alliance(repo_root):
    worlds = {
        counterfactual_scenario(mode_scenario(repo_root, mode, sharing)).model_dump_json()
        for mode in MODES
        for sharing in ("equal", "contribution")
    }
    assert len(worlds) == 1
    other_market = mode_scenario(repo_root, "society_led", "equal", "market.markup=0.3")
    assert counterfactual_scenario(other_market).model_dump_json() not in worlds


@pytest.mark.parametrize("mode", MODES)
def test_the_world_is_the_scenario_with_its_alliance_switched_off(repo_root, mode):
    # expectation: the mode's own scenario, switched off by hand, run without the memo
    for sharing in ("equal", "contribution"):
        scenario = mode_scenario(repo_root, mode, sharing)
        by_hand = mode_scenario(repo_root, mode, sharing, *SWITCHED_OFF)
        expected = AllianceModel(by_hand, rng=11).run(STEPS)["welfare"].to_numpy()
        welfare, _ = counterfactual_welfare(scenario, STEPS, 11)
        np.testing.assert_array_equal(welfare, expected)


def test_a_process_runs_each_world_once_per_seed_and_horizon(repo_root, monkeypatch):
    built = []

    class Counted(AllianceModel):
        def __init__(self, scenario, rng):
            built.append(rng)
            super().__init__(scenario, rng=rng)

    monkeypatch.setattr(value_added, "AllianceModel", Counted)
    society, market = ("society_led", "equal"), ("market_only", "contribution")
    first, _ = counterfactual_welfare(mode_scenario(repo_root, *society), 10, 3)
    again, _ = counterfactual_welfare(mode_scenario(repo_root, *market), 10, 3)
    assert built == [3] and again is first and not first.flags.writeable
    counterfactual_welfare(mode_scenario(repo_root, "market_only", "equal"), 10, 4)
    counterfactual_welfare(mode_scenario(repo_root, "market_only", "equal"), 12, 3)
    assert built == [3, 4, 3]


def test_the_call_reports_what_it_cost_and_nothing_where_there_is_no_world(
    repo_root, make_scenario
):
    scenario = mode_scenario(repo_root, "market_only", "equal")
    started = time.perf_counter()
    _, first = counterfactual_welfare(scenario, 10, 5)
    _, again = counterfactual_welfare(scenario, 10, 5)
    elapsed = time.perf_counter() - started
    assert 0 < again < first <= elapsed  # the second call only looks the world up
    compulsory = make_scenario({"decisions": {"enterprise": {"strategies": ["contribute"]}}})
    assert counterfactual_welfare(compulsory, 10, 5) == (None, 0.0)
    frame = AllianceModel(compulsory, rng=5).run(3)
    column = with_value_added(frame, None)["value_added"]
    assert column.dtype == np.float64 and column.isna().all()

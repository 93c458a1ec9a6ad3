"""Industry dynamics (sim/entry.py): exogenous demand, entry that answers to profit,
and the profit signal potential entrants read."""

from __future__ import annotations

import numpy as np
import pytest

from sim.entry import ProfitSignal, entry_probability, expected_entrants, market_size
from sim.model import AllianceModel
from sim.scenario import Market, Population


def test_market_size_is_exogenous_and_compounds():
    pop = Population(enterprises=500)
    market = Market(projects_per_initial_firm=0.4, demand_growth=0.01)
    assert market_size(market, pop, 1) == pytest.approx(200.0)  # 0.4 x 500, no growth yet
    assert market_size(market, pop, 11) == pytest.approx(200.0 * 1.01**10)
    shrinking = Market(projects_per_initial_firm=0.4, demand_growth=-0.02)
    assert market_size(shrinking, pop, 3) == pytest.approx(200.0 * 0.98**2)


def test_entry_probability_saturates_and_needs_profit():
    assert entry_probability(0.0, 0.05) == 0.0
    assert entry_probability(-1.0, 0.05) == 0.0
    assert entry_probability(0.05, 0.05) == pytest.approx(0.5)  # the hurdle: half enter
    assert entry_probability(0.15, 0.05) == pytest.approx(0.75)
    assert entry_probability(1e9, 0.05) == pytest.approx(1.0)


def test_expected_entrants_thin_the_potential_flow():
    pop = Population(enterprises=2000, entry_rate=0.02, entry_hurdle=0.1)
    assert expected_entrants(pop, 0.1) == pytest.approx(40 * 0.5)
    assert expected_entrants(pop, -0.3) == 0.0


def test_profit_signal_smooths_the_capacity_weighted_rate():
    signal = ProfitSignal(memory=0.25)
    capacity = np.array([1.0, 3.0, 10.0])
    active = np.array([True, True, False])  # the third firm is out of business
    assert signal.observe(np.array([2.0, 2.0, 99.0]), capacity, active) == pytest.approx(1.0)
    # next quarter 4 MU over 4 CU = 1 ... then -2 over 4 = -0.5
    assert signal.observe(np.array([1.0, 3.0, 0.0]), capacity, active) == pytest.approx(1.0)
    expected = 0.75 * 1.0 + 0.25 * (-0.5)
    assert signal.observe(np.array([-1.0, -1.0, 0.0]), capacity, active) == pytest.approx(expected)


def test_no_entrants_without_profit_and_more_with_more_profit(make_scenario):
    """With the market off nobody earns, so nobody enters; a richer market invites more."""
    off = AllianceModel(make_scenario({"market": {"enabled": False}}), rng=2).run(15)
    assert off["entrants"].sum() == 0
    counts = []
    for size in (0.15, 0.6):
        scenario = make_scenario(
            {"market": {"projects_per_initial_firm": size}, "population": {"entry_rate": 0.05}}
        )
        counts.append(AllianceModel(scenario, rng=2).run(15)["entrants"].sum())
    assert counts[1] > counts[0]


def test_demand_does_not_follow_the_number_of_firms(make_scenario):
    """Doubling the firms by an entry wave leaves the projects posted where they were."""
    base = {"population": {"entry_rate": 0.0}, "market": {"projects_per_initial_firm": 0.5}}
    wave = {**base, "events": [{"kind": "entry_wave", "step": 3, "entrants": 200}]}
    plain = AllianceModel(make_scenario(base), rng=1).run(12)
    grown = AllianceModel(make_scenario(wave), rng=1).run(12)
    assert grown["enterprises"].iloc[-1] > 1.5 * plain["enterprises"].iloc[-1]
    # Poisson(100) per step: means over 8 steps agree within 4 standard errors (~3.5 each)
    late_plain, late_grown = plain["projects"].iloc[4:].mean(), grown["projects"].iloc[4:].mean()
    assert abs(late_grown - late_plain) < 4 * np.sqrt(2 * 100 / 8)
    assert abs(late_plain - 100) < 4 * np.sqrt(100 / 8)

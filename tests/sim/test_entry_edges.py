"""Industry dynamics at their edges (sim/entry.py): demand before the first step, a
profit signal with nobody in business, and its first reading taken whole."""

from __future__ import annotations

import numpy as np
import pytest

from sim.entry import ProfitSignal, entry_probability, market_size
from sim.scenario import Market, Population


def test_demand_does_not_shrink_before_the_first_step():
    pop = Population(enterprises=100)
    market = Market(projects_per_initial_firm=0.5, demand_growth=0.02)
    assert market_size(market, pop, 0) == pytest.approx(50.0)  # as at step 1, no discount
    assert market_size(market, pop, 2) == pytest.approx(51.0)


def test_a_tiny_profit_invites_a_tiny_share():
    assert entry_probability(1e-6, 0.05) == pytest.approx(1e-6 / 0.050001)


def test_the_first_reading_is_taken_whole_and_nobody_in_business_reads_zero():
    signal = ProfitSignal(memory=0.1)
    capacity = np.array([2.0, 2.0])
    assert signal.observe(np.array([3.0, 1.0]), capacity, np.array([True, True])) == 1.0
    nobody = np.array([False, False])
    assert signal.observe(np.array([5.0, 5.0]), capacity, nobody) == pytest.approx(0.9)
    fresh = ProfitSignal(memory=0.1)
    assert fresh.observe(np.array([5.0, 5.0]), capacity, nobody) == 0.0
    assert fresh.value == 0.0


def test_no_profit_invites_nobody_even_without_a_hurdle():
    assert entry_probability(0.0, 0.0) == 0.0


def test_a_small_industry_reads_its_rate_and_smooths_it():
    signal = ProfitSignal(memory=0.25)
    capacity = np.array([0.2, 0.3])  # 0.5 CU in all: the rate is still profit / capacity
    active = np.array([True, True])
    assert signal.observe(np.array([0.4, 0.6]), capacity, active) == pytest.approx(2.0)
    # then 0.25 MU over 0.5 CU = 0.5: 0.75 x 2 + 0.25 x 0.5
    assert signal.observe(np.array([0.1, 0.15]), capacity, active) == pytest.approx(1.625)

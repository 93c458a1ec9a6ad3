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

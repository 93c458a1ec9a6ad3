"""The switching costs a deciding firm weighs (``DecisionView.switching_to_each``, one
compiled pass when costs are per capacity) are the array form's products: every
strategy a firm may hold, zero scales (no capacity), no firm and one firm."""

from __future__ import annotations

import numpy as np
import pytest

from agents.decisions.view import _scaled_costs
from sim.decision_stage import switch_costs


@pytest.mark.parametrize("n", [0, 1, 300])
def test_same_products_as_the_array_form(n):
    make = np.random.default_rng(n)
    slots = n + 7
    strategy = make.integers(0, 3, slots).astype(np.int8)
    scale = np.where(make.random(slots) < 0.1, 0.0, 1.0 / (make.pareto(1.5, slots) + 0.1))
    who = np.sort(make.choice(slots, n, replace=False))
    cost = switch_costs(0.1, 0.37)
    expected = cost[strategy[who]] * scale[who, None]
    assert np.array_equal(_scaled_costs(cost, strategy, scale, who), expected)

"""What each move costs is booked (``sim.decision_stage._book_moves``, one compiled pass)
as the array form booked it: the cost of every move from strategy to strategy added to
what the firm owes, nothing for staying or for a vacant slot."""

from __future__ import annotations

import numpy as np
import pytest

from sim.decision_stage import _book_moves, switch_costs


@pytest.mark.parametrize("n", [0, 1, 400])
def test_same_sums_as_the_array_form(n):
    make = np.random.default_rng(n)
    before = make.integers(0, 3, n).astype(np.int8)
    after = np.where(make.random(n) < 0.5, before, make.integers(0, 3, n)).astype(np.int8)
    active = make.random(n) < 0.9
    due = np.where(make.random(n) < 0.5, 0.0, make.random(n))
    cost = switch_costs(0.1, 0.37)
    expected = due + cost[before, after] * active
    _book_moves(due, cost, before, after, active)
    assert np.array_equal(due, expected)

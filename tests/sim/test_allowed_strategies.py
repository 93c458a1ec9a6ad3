"""The compiled pass behind ``DecisionStage.allowed_strategies``
(``sim.decision_stage._fill_allowed``) opens what the array form opened: staying out
when offered, joining for members and for admissible firms whose ban has run out, on
every combination of offered strategies, no slot, one slot and a ban ending this step."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from agents.action import Action
from sim.decision_stage import _fill_allowed


def numpy_way(strategy, admissible, banned_until, step, out, contribute, free_ride):
    allowed = np.zeros((len(strategy), 3), dtype=bool)
    allowed[:, Action.OUTSIDE] = out
    may_join = (strategy != Action.OUTSIDE) | (admissible & (banned_until <= step))
    allowed[:, Action.CONTRIBUTE] = contribute & may_join
    allowed[:, Action.FREE_RIDE] = free_ride & may_join
    return allowed


@pytest.mark.parametrize("n", [0, 1, 300])
@pytest.mark.parametrize("offered", list(itertools.product([False, True], repeat=3)))
def test_same_as_the_array_form(n, offered):
    make = np.random.default_rng(n)
    strategy = make.integers(0, 3, n).astype(np.int8)
    admissible = make.random(n) < 0.7
    banned_until = make.integers(0, 10, n).astype(np.int32)  # 5: the ban ends this step
    allowed = np.empty((n, 3), dtype=bool)
    _fill_allowed(allowed, strategy, admissible, banned_until, 5, *offered)
    assert np.array_equal(allowed, numpy_way(strategy, admissible, banned_until, 5, *offered))

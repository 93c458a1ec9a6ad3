"""The metrics' census (``sim.output.metrics._count_members``, one compiled pass)
finds the members and counts them and the contributors as the table's own masks do:
vacant slots holding any strategy, no slot, one slot."""

from __future__ import annotations

import numpy as np
import pytest

from sim.enterprise_table import EnterpriseTable
from sim.output.metrics import _count_members


@pytest.mark.parametrize("n", [0, 1, 2, 500])
def test_same_as_the_tables_masks(n):
    make = np.random.default_rng(n)
    t = EnterpriseTable(n)
    t.active[:] = make.random(n) < 0.8
    t.strategy[:] = make.integers(0, 3, n)  # vacant slots keep a strategy too
    member = np.empty(n, dtype=bool)
    members, contributors = _count_members(t.active, t.strategy, member)
    assert np.array_equal(member, t.members())
    assert members == np.count_nonzero(t.members())
    assert contributors == np.count_nonzero(t.contributors())

"""The metrics' census (``sim.output.metrics._take_census``, one compiled pass) counts
the firms in business, the members, the contributors and the small ones as the table's
own masks do, and takes the values of the firms in business and the members' ratings as
indexing by the masks does: vacant slots holding any strategy, no slot, one slot, no
firm in business."""

from __future__ import annotations

import numpy as np
import pytest

from sim.enterprise_table import EnterpriseTable
from sim.output.metrics import _take_census

SME_CAPACITY = 3.0


def table(n: int, in_business: float) -> EnterpriseTable:
    make = np.random.default_rng(n)
    t = EnterpriseTable(n)
    t.active[:] = make.random(n) < in_business
    t.strategy[:] = make.integers(0, 3, n)  # vacant slots keep a strategy too
    t.capacity[:] = make.choice([1.0, 2.9, 3.0, 3.1, 8.0], n)  # at the threshold too
    for column in (t.quality, t.reputation, t.cash, t.rating):
        column[:] = make.normal(size=n)
    return t


@pytest.mark.parametrize("n", [0, 1, 2, 500])
@pytest.mark.parametrize("in_business", [0.0, 0.8, 1.0])
def test_same_as_the_tables_masks(n, in_business):
    t = table(n, in_business)
    held, ratings = np.full((3, n), np.nan), np.full(n, np.nan)
    counts = _take_census(
        t.active,
        t.strategy,
        t.capacity,
        SME_CAPACITY,
        (t.quality, t.reputation, t.cash, t.rating),
        held,
        ratings,
    )
    small = t.active & (t.capacity < SME_CAPACITY)
    members = t.members()
    assert counts == (
        np.count_nonzero(t.active),
        np.count_nonzero(members),
        np.count_nonzero(t.contributors()),
        np.count_nonzero(small),
        np.count_nonzero(small & members),
    )
    active = counts[0]
    for row, column in enumerate((t.quality, t.reputation, t.cash)):
        assert np.array_equal(held[row, :active], column[t.active])
    assert np.array_equal(ratings[: counts[1]], t.rating[members])

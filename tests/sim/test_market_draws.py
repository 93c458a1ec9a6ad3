"""Capacity-weighted draws: the lookup-table inversion equals a binary search."""

import numpy as np
import pytest

from sim.enterprise_table import EnterpriseTable
from sim.market import SegmentPools
from sim.scenario import Population


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lookup_draw_equals_binary_search(seed):
    table = EnterpriseTable(2000)
    table.found(np.arange(2000), Population(), 0, np.random.default_rng(seed))
    pools = SegmentPools(table, np.flatnonzero(table.active))
    for segment in range(5):
        drawn = pools.draw(segment, 200_000, np.random.default_rng(seed + 10))
        u = np.random.default_rng(seed + 10).random(200_000) * pools.cum[segment][-1]
        exact = pools.rows[segment][np.searchsorted(pools.cum[segment], u, side="right")]
        np.testing.assert_array_equal(drawn, exact)


def test_draw_frequencies_follow_capacity():
    table = EnterpriseTable(4)
    table.active[:] = True
    table.segment[:] = 0
    table.capacity[:] = [1.0, 2.0, 3.0, 4.0]
    pools = SegmentPools(table, np.arange(4))
    drawn = pools.draw(0, 400_000, np.random.default_rng(3))
    freq = np.bincount(drawn, minlength=4) / 400_000
    np.testing.assert_allclose(freq, [0.1, 0.2, 0.3, 0.4], atol=0.003)


def test_empty_segment_gives_minus_one():
    table = EnterpriseTable(3)
    table.active[:] = True
    table.segment[:] = 1
    table.capacity[:] = 1.0
    pools = SegmentPools(table, np.arange(3))
    assert (pools.draw(0, 5, np.random.default_rng(0)) == -1).all()


@pytest.mark.parametrize("scale", [1e-3, 50.0])
def test_lookup_draw_equals_binary_search_at_any_capacity_scale(scale):
    # Small total capacity (below 1) and large both map draws to the same firms.
    g = np.random.default_rng(8)
    table = EnterpriseTable(300)
    table.active[:] = True
    table.segment[:] = 0
    table.capacity[:] = scale * (1 + g.pareto(1.5, 300))
    pools = SegmentPools(table, np.arange(300))
    drawn = pools.draw(0, 50_000, np.random.default_rng(9))
    u = np.random.default_rng(9).random(50_000) * pools.cum[0][-1]
    np.testing.assert_array_equal(drawn, np.searchsorted(pools.cum[0], u, side="right"))

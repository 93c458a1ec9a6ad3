"""Capacity-weighted draws (sim.segment_pools): the compiled inversion equals a binary
search on each segment's cumulative capacity, served segment by segment."""

import numpy as np
import pytest

from sim.enterprise_table import EnterpriseTable, Founders
from sim.scenario import Population
from sim.segment_pools import BINS_PER_FIRM, SegmentPools


def pools_of(table: EnterpriseTable, rows: np.ndarray) -> SegmentPools:
    return SegmentPools(table.segment, table.capacity, rows)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_draw_equals_binary_search(seed):
    table = EnterpriseTable(2000)
    founders = Founders.draw(Population(), 2000, np.random.default_rng(seed))
    table.found(np.arange(2000), Population(), 0, founders, np.arange(2000))
    rows = np.flatnonzero(table.active)[::3]  # a subset, as the members' pool is
    pools = pools_of(table, rows)
    for segment in range(5):
        drawn = pools.draw(np.full(200_000, segment), np.random.default_rng(seed + 10))
        mine = rows[table.segment[rows] == segment]  # slot order
        cum = np.cumsum(table.capacity[mine])
        u = np.random.default_rng(seed + 10).random(200_000) * cum[-1]
        np.testing.assert_array_equal(drawn, mine[np.searchsorted(cum, u, side="right")])


def test_requests_are_served_segment_by_segment_in_request_order():
    # Segment 0: slots 0 and 2 (capacities 1 and 3); segment 1: slot 1 (capacity 2).
    table = EnterpriseTable(3)
    table.segment[:] = [0, 1, 0]
    table.capacity[:] = [1.0, 2.0, 3.0]
    pools = pools_of(table, np.arange(3))
    u = np.random.default_rng(4).random(4)
    drawn = pools.draw(np.array([1, 0, 1, 0]), np.random.default_rng(4))
    # Segment 0's requests (positions 1, 3) take u[0], u[1]; segment 1's take u[2], u[3].
    expect_0 = [0 if x * 4.0 < 1.0 else 2 for x in u[:2]]
    np.testing.assert_array_equal(drawn, [1, expect_0[0], 1, expect_0[1]])


def test_draw_frequencies_follow_capacity():
    table = EnterpriseTable(4)
    table.segment[:] = 0
    table.capacity[:] = [1.0, 2.0, 3.0, 4.0]
    pools = pools_of(table, np.arange(4))
    drawn = pools.draw(np.zeros(400_000, np.int64), np.random.default_rng(3))
    freq = np.bincount(drawn, minlength=4) / 400_000
    # binomial standard error at p = 0.4 and 400,000 draws: 0.00077; 4 standard errors
    np.testing.assert_allclose(freq, [0.1, 0.2, 0.3, 0.4], atol=0.0031)


def test_empty_segment_gives_minus_one_and_takes_no_uniform():
    table = EnterpriseTable(3)
    table.segment[:] = 1
    table.capacity[:] = [1.0, 1.0, 2.0]
    pools = pools_of(table, np.arange(3))
    assert pools.uniforms_needed(np.array([0, 1, 0])) == 1
    drawn = pools.draw(np.array([[0, 1, 0]]), np.random.default_rng(0))
    u = np.random.default_rng(0).random() * 4.0  # the only uniform, to the segment-1 request
    assert drawn.shape == (1, 3)
    np.testing.assert_array_equal(drawn, [[-1, 0 if u < 1 else 1 if u < 2 else 2, -1]])


@pytest.mark.parametrize("scale", [1e-3, 50.0])
def test_draw_equals_binary_search_at_any_capacity_scale(scale):
    # Small total capacity (below 1) and large both map draws to the same firms.
    g = np.random.default_rng(8)
    table = EnterpriseTable(300)
    table.segment[:] = 0
    table.capacity[:] = scale * (1 + g.pareto(1.5, 300))
    pools = pools_of(table, np.arange(300))
    drawn = pools.draw(np.zeros(50_000, np.int64), np.random.default_rng(9))
    cum = np.cumsum(table.capacity)
    u = np.random.default_rng(9).random(50_000) * cum[-1]
    np.testing.assert_array_equal(drawn, np.searchsorted(cum, u, side="right"))


def test_lookup_table_is_the_running_count_of_firms_by_end_bin():
    # Capacities with ties (zero-capacity firms) and one firm spanning many bins.
    table = EnterpriseTable(8)
    table.segment[:] = [0, 1, 0, 0, 0, 0, 0, 1]
    table.capacity[:] = [1.0, 5.0, 0.0, 0.0, 9.0, 0.5, 0.5, 2.0]
    pools = pools_of(table, np.arange(8))
    for s in range(2):
        lo, hi = pools.bounds[s], pools.bounds[s + 1]
        cum = pools.cum[lo:hi]
        bins = BINS_PER_FIRM * (hi - lo)
        end_bin = np.clip((cum[:-1] * (bins / cum[-1])).astype(np.int64), 0, bins - 1)
        expect = lo + np.searchsorted(end_bin, np.arange(bins), side="left")
        got = pools.start[BINS_PER_FIRM * lo : BINS_PER_FIRM * hi]
        np.testing.assert_array_equal(got, expect)


@pytest.mark.parametrize("table_kind", ["built", "first", "last", "random"])
def test_draw_is_exact_whatever_the_lookup_table_holds(table_kind):
    # The table only gives the walk a start: any start in the segment draws the same
    # firms as a binary search, including ties (zero capacities) and a one-firm segment.
    g = np.random.default_rng(5)
    table = EnterpriseTable(60)
    table.segment[:] = np.r_[np.zeros(59, np.int8), 2]
    table.capacity[:] = np.where(g.random(60) < 0.3, 0.0, 1 + g.pareto(1.2, 60))
    table.capacity[0] = 1.0  # segment 0's total is positive
    pools = pools_of(table, np.arange(60))
    lo, hi = pools.bounds[0], pools.bounds[1]
    if table_kind == "first":
        pools.start[:] = np.repeat(pools.bounds[:-1], np.diff(pools.bounds) * BINS_PER_FIRM)
    elif table_kind == "last":
        pools.start[:] = np.repeat(pools.bounds[1:] - 1, np.diff(pools.bounds) * BINS_PER_FIRM)
    elif table_kind == "random":
        pools.start[: BINS_PER_FIRM * hi] = g.integers(lo, hi, BINS_PER_FIRM * hi)
    wanted = np.r_[np.zeros(5000, np.int64), np.full(10, 2), np.full(3, 1)]
    drawn = pools.draw(wanted, np.random.default_rng(6))
    u = np.random.default_rng(6).random(5010)
    cum = np.cumsum(table.capacity[:59])
    np.testing.assert_array_equal(drawn[:5000], np.searchsorted(cum, u[:5000] * cum[-1], "right"))
    np.testing.assert_array_equal(drawn[5000:], np.r_[np.full(10, 59), np.full(3, -1)])


def test_no_requests_draw_nothing():
    table = EnterpriseTable(2)
    table.segment[:] = 0
    table.capacity[:] = 1.0
    pools = pools_of(table, np.arange(2))
    assert pools.draw(np.zeros(0, np.int64), np.random.default_rng(0)).shape == (0,)
    empty = pools_of(table, np.zeros(0, np.int64))
    assert empty.draw(np.zeros(3, np.int64), np.random.default_rng(0)).tolist() == [-1] * 3


@pytest.mark.parametrize("times", [1, 2, 5])
def test_draw_each_is_draw_on_the_repeated_requests(times):
    # Segment 3 has no firm (-1, no uniform); requests of several segments interleave.
    g = np.random.default_rng(times)
    table = EnterpriseTable(40)
    table.segment[:] = g.choice([0, 1, 2, 4], size=40)
    table.capacity[:] = 1 + g.pareto(1.5, 40)
    pools = pools_of(table, np.arange(40))
    wanted = g.choice([0, 1, 2, 3, 4], size=(60, 2))
    drawn = pools.draw_each(wanted, times, np.random.default_rng(7))
    expect = pools.draw(np.repeat(wanted[..., None], times, axis=2), np.random.default_rng(7))
    assert drawn.shape == (60, 2, times)
    np.testing.assert_array_equal(drawn, expect)
    empty = pools.draw_each(np.zeros(0, np.int64), times, np.random.default_rng(7))
    assert empty.shape == (0, times)

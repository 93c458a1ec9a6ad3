"""The alliance-wide pool's compiled pass (``sim.pool._share_out``) pays what the array
form paid, bit for bit: a running and a stopped pool, weights summing to zero, no slot,
one slot, members that play and firms that do not, an integer non-excludable share."""

from __future__ import annotations

import numpy as np
import pytest

from sim.pool import _share_out


def numpy_way(member, active, games, w, running, nu, kept, n_members, sigma):
    payout = np.zeros(len(member))
    if running:
        payout += member * nu * kept / n_members
        w_total = w.sum()
        if w_total > 0:
            payout += (1.0 - nu) * kept * w / w_total
    loner = np.where(active & (games == 0), sigma, 0.0)
    return payout, loner


@pytest.mark.parametrize("n", [0, 1, 250])
@pytest.mark.parametrize("running", [True, False])
@pytest.mark.parametrize("nu", [0.65, 0.0, 1])
@pytest.mark.parametrize("zero_weights", [False, True])
def test_same_bits_as_the_array_form(n, running, nu, zero_weights):
    make = np.random.default_rng(n)
    member = make.random(n) < 0.6
    active = member | (make.random(n) < 0.8)
    games = (member & running).astype(float)
    w = 0.0 * games if zero_weights else make.random(n) * games
    kept, sigma = float(np.float64(make.random() * 40)), 0.1
    n_members = max(np.count_nonzero(member), 1)
    payout, loner = np.full(n, np.nan), np.full(n, np.nan)
    w_total = w.sum() if running else 0.0
    by_weight = (1.0 - nu) * kept
    _share_out(
        payout, loner, member, active, games, w, running, nu, kept, by_weight, n_members,
        w_total, sigma,
    )  # fmt: skip
    expected = numpy_way(member, active, games, w, running, nu, kept, n_members, sigma)
    assert np.array_equal(payout, expected[0])
    assert np.array_equal(loner, expected[1])

"""The compiled passes of the best response (``sim.incentives.best_response``: a
member's counterfactual payoffs, the market estimate) give the very bits of the numpy
array expressions they replaced, on values that would reveal a slip: no firm, one firm,
pools that do and do not run, zero pools and weights, ties, integer parameters, lost
bids, vacant slots, a negative members' rate."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.incentives.best_response import MemberTerms, _fill_market_estimate, _member_payoffs


def numpy_way(market, t: MemberTerms, r, kept, nu, fee, sigma) -> np.ndarray:
    """The array expressions the compiled pass replaced (columns 1 and 2)."""
    u = np.zeros((len(t.pool), 3))
    for a, contributes in ((1, True), (2, False)):
        p_new = t.pool + (t.c_i if contributes else 0.0)
        y = r * p_new * kept
        weight = t.weight_c if contributes else t.weight_f
        payout = nu * y / t.m_new + (1 - nu) * y * weight
        own = payout - (t.c_i if contributes else 0.0) - fee
        own = own + (t.subsidy if contributes else -t.fine)
        u[:, a] = market + np.where(t.running, own, sigma)
    return u


def terms(rng: np.random.Generator, n: int) -> tuple[np.ndarray, MemberTerms]:
    m_new = rng.integers(1, 40, n)
    return rng.normal(0, 3, n), MemberTerms(
        pool=np.where(rng.random(n) < 0.2, 0.0, rng.random(n) * 50),
        c_i=np.where(rng.random(n) < 0.2, 0.0, rng.random(n)),
        m_new=m_new,
        weight_c=1.0 / m_new,
        weight_f=np.where(rng.random(n) < 0.5, 0.0, rng.random(n)),
        running=m_new >= 3,
        subsidy=rng.random(n) * 0.1,
        fine=np.round(rng.random(n), 1),  # ties
    )


@pytest.mark.parametrize("n", [0, 1, 2, 257])
@pytest.mark.parametrize(
    "scalars",
    [(1.5, 1.0, 0.65, 0.02, 0.0), (2.3, 0.8, 0.0, 0.0, 0.1), (2, 1, 1, 0, 0)],
)
def test_same_bits_as_the_numpy_way(n, scalars):
    market, t = terms(np.random.default_rng(n), n)
    expected = numpy_way(market, t, *scalars)
    u = np.full((n, 3), np.nan)
    _member_payoffs(u, market, *t, *scalars)
    assert np.array_equal(u[:, 1:], expected[:, 1:])
    assert np.isnan(u[:, 0]).all()  # the outside column is left to the caller


def numpy_market_estimate(who, cap, revenue, cost, active, strategy, outsider, member):
    """The array expressions of the market estimate the compiled pass replaced."""
    own = revenue[who] - cost[who]
    is_member = active[who] & (strategy[who] != Action.OUTSIDE)
    base = own - np.where(is_member, member, outsider) * cap
    estimate = np.empty((len(who), 3))
    estimate[:, 0] = base + outsider * cap
    estimate[:, 1] = base + member * cap
    estimate[:, 2] = np.maximum(member, 0.0) * cap
    return estimate


@pytest.mark.parametrize("n", [0, 1, 2, 300])
@pytest.mark.parametrize("rates", [(0.3, 0.7), (0.5, -0.2), (0.0, 0.0)])
def test_market_estimate_has_the_bits_of_the_numpy_way(n, rates):
    make = np.random.default_rng(n)
    slots = n + 5
    revenue, cost = make.random(slots) * 3, make.random(slots)
    revenue[::4] = 0.0  # lost every bid
    active = make.random(slots) < 0.9
    strategy = make.integers(0, 3, slots).astype(np.int8)
    who = np.sort(make.choice(slots, n, replace=False))
    cap = make.pareto(1.5, n) + 0.1
    expected = numpy_market_estimate(who, cap, revenue, cost, active, strategy, *rates)
    estimate = np.empty((n, 3))
    at_risk = float(np.maximum(rates[1], 0.0))
    _fill_market_estimate(estimate, who, cap, revenue, cost, active, strategy, *rates, at_risk)
    assert np.array_equal(estimate, expected)

"""Members' and outsiders' gross market profit per capacity unit as the best response
reads them (sim.incentives.best_response.MarketRates), computed by hand: each group's
rate, the pull of a group holding under 5% of capacity towards the pooled rate, and the
smoothing with the payoff memory."""

from __future__ import annotations

import numpy as np
import pytest

from sim.incentives.best_response import MarketRates


def _observe(rates: MarketRates, gross, capacity, member, active=None):
    active = np.ones(len(gross), bool) if active is None else np.asarray(active)
    rates.observe(np.asarray(gross, float), np.asarray(capacity, float), np.asarray(member), active)


def test_first_quarter_gives_each_groups_own_rate():
    rates = MarketRates(memory=0.2)
    # outsiders: 6 MU on 3 CU = 2/CU; members: 4 MU on 4 CU = 1/CU; both hold > 5%
    _observe(rates, [1.0, 5.0, 1.0, 3.0], [1.0, 2.0, 1.0, 3.0], [False, False, True, True])
    assert rates.value == pytest.approx((2.0, 1.0))


def test_firms_out_of_business_do_not_count_as_outsiders():
    rates = MarketRates(memory=0.2)
    # the third firm has left (not active, hence no member): its row must not count
    _observe(rates, [1.0, 5.0, 100.0, 3.0], [1.0, 2.0, 1.0, 3.0], [False, False, False, True],
             active=[True, True, False, True])  # fmt: skip
    assert rates.value == pytest.approx((2.0, 1.0))


def test_a_group_under_five_percent_of_capacity_is_pulled_to_the_pooled_rate():
    rates = MarketRates(memory=0.2)
    # members hold 2 CU of 100 (2%): weight 2 / 5 = 0.4 on their own rate 10/CU
    capacity = [98.0, 2.0]
    gross = [98.0, 20.0]  # outsiders 1/CU, members 10/CU, pooled 118 / 100
    _observe(rates, gross, capacity, [False, True])
    pooled = 118.0 / 100.0
    assert rates.value[1] == pytest.approx(0.4 * 10.0 + 0.6 * pooled)
    assert rates.value[0] == pytest.approx(1.0)  # 98% of capacity: its own rate


def test_later_quarters_are_smoothed_with_the_payoff_memory():
    rates = MarketRates(memory=0.25)
    member = [False, True]
    _observe(rates, [2.0, 1.0], [1.0, 1.0], member)
    _observe(rates, [6.0, 5.0], [1.0, 1.0], member)
    assert rates.value == pytest.approx((0.75 * 2 + 0.25 * 6, 0.75 * 1 + 0.25 * 5))


def test_without_members_their_rate_is_the_pooled_rate():
    rates = MarketRates(memory=0.2)
    # nobody is a member (0 CU): no rate of their own, the industry's pooled rate instead
    _observe(rates, [3.0, 1.0], [1.0, 1.0], [False, False])
    assert rates.value == pytest.approx((2.0, 2.0))


def test_with_nobody_in_business_both_rates_are_zero():
    rates = MarketRates(memory=0.2)
    _observe(rates, [3.0, 1.0], [1.0, 1.0], [False, False], active=[False, False])
    assert rates.value == (0.0, 0.0)


def test_before_the_first_quarter_there_are_no_rates():
    assert MarketRates(memory=0.2).value == (0.0, 0.0)  # what an audit at step 0 reads

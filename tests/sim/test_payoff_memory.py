"""What firms compare: payoffs smoothed over recent quarters
(sim.decision_stage.smoothed_payoff), and the members' and outsiders' market rates
the best response reads (sim.incentives.best_response.MarketRates)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.decision_stage import smoothed_payoff
from sim.incentives.best_response import MarketRates
from sim.model import AllianceModel
from sim.scenario import EnterpriseDecisions


def test_smoothing_follows_the_formula_and_starts_with_the_first_quarter():
    spec = EnterpriseDecisions(payoff_memory=0.25)
    previous = np.array([1.0, 1.0, 7.0])
    latest = np.array([3.0, -1.0, 2.0])
    first = np.array([False, False, True])  # the third firm just entered
    np.testing.assert_allclose(smoothed_payoff(previous, latest, first, spec), [1.5, 0.5, 2.0])
    whole = EnterpriseDecisions(payoff_memory=1.0)
    assert smoothed_payoff(previous, latest, first, whole) is latest


def test_the_model_compares_smoothed_payoffs(make_scenario):
    scenario = make_scenario(
        {"decisions": {"enterprise": {"payoff_memory": 0.5}}, "population": {"entry_rate": 0.0}}
    )
    model = AllianceModel(scenario, rng=4)
    t = model.firms
    model.step()
    first = np.where(t.active, t.profit / t.capacity, 0.0)
    np.testing.assert_allclose(t.payoff, first)  # the first quarter starts the memory
    model.step()
    second = np.where(t.active, t.profit / t.capacity, 0.0)
    live = t.active.copy()
    np.testing.assert_allclose(t.payoff[live], 0.5 * first[live] + 0.5 * second[live])


def test_market_rates_are_per_capacity_and_smoothed():
    rates = MarketRates(memory=0.5)
    capacity = np.array([1.0, 1.0, 2.0, 4.0])
    active = np.ones(4, bool)
    member = np.array([False, False, True, True])
    rates.observe(np.array([1.0, 3.0, 3.0, 3.0]), capacity, member, active)
    assert rates.value == pytest.approx((2.0, 1.0))  # 4 MU / 2 CU outside, 6 / 6 inside
    rates.observe(np.array([0.0, 0.0, 6.0, 6.0]), capacity, member, active)
    assert rates.value == pytest.approx((1.0, 1.5))


def test_a_tiny_group_is_pulled_towards_the_pooled_rate():
    """One outsider among many members says little: its rate is shrunk towards the
    industry's (weight: its capacity share over 5%)."""
    rates = MarketRates(memory=1.0)
    capacity = np.ones(100)
    member = np.arange(100) > 0  # one outsider holding 1% of capacity
    gross = np.where(member, 1.0, 11.0)
    rates.observe(gross, capacity, member, np.ones(100, bool))
    pooled = (99 * 1.0 + 11.0) / 100
    weight = 0.01 / 0.05
    assert rates.value[0] == pytest.approx(weight * 11.0 + (1 - weight) * pooled)
    assert rates.value[1] == pytest.approx(1.0)

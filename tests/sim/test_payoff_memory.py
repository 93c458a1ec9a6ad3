"""What firms compare: payoffs smoothed over recent quarters
(sim.decision_stage.smooth_payoffs, one compiled pass with the bits of the array
expressions it replaced), and the members' and outsiders' market rates
the best response reads (sim.incentives.best_response.MarketRates)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.decision_stage import smooth_payoffs
from sim.enterprise_table import EnterpriseTable
from sim.incentives.best_response import MarketRates
from sim.model import AllianceModel
from sim.scenario import EnterpriseDecisions, PayoffMeasure


def numpy_way(t: EnterpriseTable, step: int, spec) -> tuple[np.ndarray, np.ndarray]:
    """The array expressions the compiled pass replaced: (payoffs, scale)."""
    scale = np.divide(1.0, t.capacity, out=np.zeros(len(t)), where=t.capacity > 0)
    per_cap = spec.payoff_measure is PayoffMeasure.PER_CAPACITY
    latest = np.where(t.active, t.profit * (scale if per_cap else 1.0), 0.0)
    if spec.payoff_memory >= 1.0:
        return latest, scale
    m = spec.payoff_memory
    return np.where(t.born == step - 1, latest, (1.0 - m) * t.payoff + m * latest), scale


def table(n: int) -> EnterpriseTable:
    make = np.random.default_rng(n)
    t = EnterpriseTable(n)
    t.capacity[:] = np.where(make.random(n) < 0.2, 0.0, make.pareto(1.5, n))
    t.profit[:] = make.normal(0, 2, n)
    t.payoff[:] = make.normal(0, 1, n)
    t.active[:] = make.random(n) < 0.8  # vacant slots too
    t.born[:] = make.integers(0, 4, n)
    return t


def test_smoothing_follows_the_formula_and_starts_with_the_first_quarter():
    t = table(3)
    t.capacity[:], t.active[:], t.born[:] = 1.0, True, [0, 0, 4]
    t.payoff[:], t.profit[:] = [1.0, 1.0, 7.0], [3.0, -1.0, 2.0]  # the third just entered
    smooth_payoffs(t, 5, EnterpriseDecisions(payoff_memory=0.25))
    np.testing.assert_allclose(t.payoff, [1.5, 0.5, 2.0])


@pytest.mark.parametrize("n", [0, 1, 200])
@pytest.mark.parametrize("memory", [0.2, 0.25, 1.0])
@pytest.mark.parametrize("measure", list(PayoffMeasure))
def test_same_bits_as_the_numpy_way(n, memory, measure):
    spec = EnterpriseDecisions(payoff_memory=memory, payoff_measure=measure)
    t = table(n)
    expected, expected_scale = numpy_way(t, 3, spec)
    scale = smooth_payoffs(t, 3, spec)
    assert np.array_equal(t.payoff, expected)
    assert np.array_equal(scale, expected_scale)


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

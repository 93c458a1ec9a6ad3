"""The society: its funds never go negative, it drops out when it cannot pay its
offices, certifies and trains only while it takes part, and moves its fee towards
covering its running cost."""

from __future__ import annotations

import math

import mesa
import numpy as np
import pytest

from agents.society import Society
from sim.model import AllianceModel
from sim.scenario import Society as SocietySpec


def make(fee: float = 0.1, **spec) -> Society:
    return Society(mesa.Model(rng=1), SocietySpec(present=True, **spec), fee)


@pytest.mark.parametrize(
    ("cash", "asked", "paid"),
    [(10.0, 4.0, 4.0), (10.0, 25.0, 10.0), (0.0, 1.0, 0.0), (2.0, -1.0, 0.0)],
)
def test_never_pays_beyond_its_funds(cash, asked, paid):
    society = make(budget_initial=cash)
    assert society.pay(asked) == paid
    assert society.cash == cash - paid >= 0


def test_runs_its_offices_until_it_cannot_pay():
    society = make(budget_initial=1.2, running_cost=0.5)
    assert [society.run_offices() for _ in range(4)] == [True, True, False, False]
    assert society.cash == pytest.approx(0.2)
    assert society.cash >= 0
    assert not society.participating


def test_cannot_take_part_without_funds_for_its_offices():
    society = make(budget_initial=0.1, running_cost=0.5, influence_value=100.0)
    assert society.decide(1000, np.random.default_rng(0)) is False


def test_participation_probability_is_logit_of_its_net_gain():
    n = 20000
    society = make(
        budget_initial=1e9, running_cost=1.0, influence_value=0.01, participation_intensity=2.0
    )
    society.income_last_step = 0.5
    g = np.random.default_rng(1)
    takes_part = sum(society.decide(100, g) for _ in range(n))  # gain = 1 + 0.5 - 1 = 0.5
    p = 1 / (1 + math.exp(-1.0))
    assert abs(takes_part / n - p) < 4.5 * math.sqrt(p * (1 - p) / n)


def test_income_is_recorded():
    society = make(budget_initial=0.0)
    society.receive(1.5)
    society.receive(0.5)
    assert society.cash == 2.0 and society.income_last_step == 2.0


def test_certifies_and_trains_only_while_taking_part():
    society = make(certification_threshold=0.6, training_rate=0.5)
    quality = np.array([0.2, 0.6, 0.9])
    members = np.array([True, False, True])
    np.testing.assert_array_equal(society.certifies(quality), [False, True, True])
    np.testing.assert_allclose(society.train(quality, members), [0.6, 0.6, 0.95])
    society.participating = False
    assert not society.certifies(quality).any()
    np.testing.assert_array_equal(society.train(quality, members), quality)


def test_fee_moves_towards_covering_running_cost_within_its_cap():
    society = make(fee=0.1, running_cost=10.0, fee_adjustment=0.5, max_fee=0.3)
    society.income_last_step = 2.0
    assert society.adjust_fee(40) == pytest.approx(0.2)  # gap 8 / 40 members, half of it
    assert society.adjust_fee(4) == 0.3  # capped
    society.income_last_step = 100.0
    assert society.adjust_fee(10) == 0.0  # never below zero


def test_in_a_run_its_funds_never_go_negative(make_scenario):
    scenario = make_scenario(
        {
            "society": {
                "present": True,
                "budget_initial": 2.0,
                "running_cost": 0.7,
                "fee_adjustment": 0.3,
                "participation_intensity": 0.0,
            },
            "alliance": {
                "organiser": ["society"],
                "monitoring_cost": 0.5,
                "platform": {"organiser_investment": 3.0},
            },
        },
        enterprises=150,
    )
    model = AllianceModel(scenario, rng=8)
    for _ in range(25):
        model.step()
        assert model.society.cash >= 0.0
    assert (model.dataframe()["society_cash"] >= 0).all()

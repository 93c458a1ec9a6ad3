"""The administration: a public budget it never overdraws, subsidies scaled pro rata,
procurement preference only while it backs the alliance, committed or adaptive backing."""

from __future__ import annotations

import math

import mesa
import numpy as np
import pytest

from agents.administration import Administration
from sim.model import AllianceModel
from sim.scenario import Administration as AdministrationSpec


def make(**spec) -> Administration:
    return Administration(mesa.Model(rng=1), AdministrationSpec(present=True, **spec))


def test_appropriation_adds_to_the_budget():
    admin = make(budget_initial=3.0, budget_per_step=2.0)
    assert admin.appropriate() == 2.0
    assert admin.budget == 5.0


@pytest.mark.parametrize(
    ("budget", "asked", "paid"),
    [(10.0, 4.0, 4.0), (10.0, 25.0, 10.0), (0.0, 1.0, 0.0), (5.0, -3.0, 0.0)],
)
def test_never_pays_beyond_its_budget(budget, asked, paid):
    admin = make(budget_initial=budget)
    assert admin.pay(asked) == paid
    assert admin.budget == budget - paid
    assert admin.budget >= 0
    assert admin.spent_total == paid


def test_repeated_payments_stop_at_zero():
    admin = make(budget_initial=10.0)
    paid = [admin.pay(3.0) for _ in range(5)]
    assert paid == [3.0, 3.0, 3.0, 1.0, 0.0]
    assert admin.budget == 0.0


def test_matching_subsidy_pays_per_mu_contributed():
    admin = make(budget_initial=30.0, subsidy=2.0)
    granted = admin.grant_subsidies(np.array([1.0, 4.0, 0.0, 5.0]))  # 20 due, 30 available
    np.testing.assert_allclose(granted, [2.0, 8.0, 0.0, 10.0])
    assert admin.budget == pytest.approx(10.0) and admin.spent_total == pytest.approx(20.0)


def test_subsidy_is_scaled_pro_rata_when_the_budget_is_short():
    admin = make(budget_initial=30.0, subsidy=2.0)
    assert admin.funded_rate(10.0) == 2.0  # 20 due, 30 available
    assert admin.funded_rate(60.0) == 0.5  # 120 due, 30 available
    assert admin.funded_rate(0.0) == 0.0
    granted = admin.grant_subsidies(np.array([20.0, 40.0]))  # 120 due, 30 available
    np.testing.assert_allclose(granted, [10.0, 20.0])  # each in proportion to its claim
    assert admin.budget == 0.0


def test_no_subsidy_or_preference_without_backing():
    admin = make(budget_initial=30.0, subsidy=2.0, procurement_preference=0.7)
    assert admin.preference() == 0.7
    admin.backing = False
    assert admin.funded_rate(5.0) == 0.0
    assert admin.grant_subsidies(np.ones(3)).sum() == 0.0 and admin.budget == 30.0
    assert admin.preference() == 0.0


def test_receipts_go_into_the_budget():
    admin = make(budget_initial=1.0)
    admin.receive(2.5)
    assert admin.budget == 3.5


def test_committed_administration_always_backs():
    admin = make(backing_rule="committed")
    admin.backing = False
    assert admin.decide(0, np.random.default_rng(0)) is True


def test_adaptive_backing_probability_is_logit_of_net_public_value():
    n = 20000
    admin = make(backing_rule="adaptive", public_value=0.5, backing_intensity=1.0)
    admin.spent_last_step = 4.0
    g = np.random.default_rng(3)
    backs = sum(admin.decide(10, g) for _ in range(n))  # gain = 0.5 * 10 - 4 = 1
    p = 1 / (1 + math.exp(-1.0))
    assert abs(backs / n - p) < 4.5 * math.sqrt(p * (1 - p) / n)


def test_adaptive_withdraws_when_backing_is_worthless():
    admin = make(backing_rule="adaptive", public_value=0.0, backing_intensity=1e6)
    admin.spent_last_step = 1.0
    g = np.random.default_rng(0)
    assert not any(admin.decide(100, g) for _ in range(100))


def test_in_a_run_the_budget_never_goes_negative_and_subsidies_stop(make_scenario):
    scenario = make_scenario(
        {
            "administration": {
                "present": True,
                "budget_initial": 5.0,
                "budget_per_step": 1.0,
                "subsidy": 10.0,
            },
            "population": {"initial_member_share": 0.8, "initial_contributor_share": 0.8},
            "alliance": {"contribution_rate": 0.2},
        },
        enterprises=150,
    )
    model = AllianceModel(scenario, rng=3)
    for _ in range(15):
        model.step()
        assert model.administration.budget >= 0.0
        # it can never pay more than it had: the step's appropriation, receipts and balance
        assert model.ledger.public_spending <= 5.0 + model.steps * 1.0 + 1e-9
    frame = model.dataframe()
    assert (frame["administration_budget"] >= 0).all()
    assert (frame["public_cost"].iloc[2:] <= 1.0 + 1e-9).all()  # only the appropriation left
    assert frame["subsidies"].sum() == pytest.approx(5.0 + 15 * 1.0, rel=1e-12)

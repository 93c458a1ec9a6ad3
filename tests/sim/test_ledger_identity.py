"""Accounting identities, step by step, over several construction set-ups.

* Enterprises: the change in total enterprise cash (firms in business before, plus
  entrants; a bankrupt firm's cash leaves through ``ledger.exit_cash``) equals
  ``ledger.enterprise_net()``: market revenue plus pool payouts plus subsidies minus
  costs, fees and fines, and so on.
* Administration: its budget changes by appropriation + receipts - public spending,
  and public spending is subsidies plus audits plus platform investment.
* Pool: payouts plus the organiser's cut equal the pool's yield.
* Surplus (the time-series column) is the firms' profit: the net flow without entry
  capital and exit cash.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest

from agents.action import Action
from sim.accounting import AccountingError, checked_step, close
from sim.model import AllianceModel

STEPS = 30


@dataclass
class Totals:
    """What each flow added up to over the run (to check the test exercised it)."""

    flows: dict[str, float] = field(default_factory=dict)

    def add(self, ledger) -> None:
        for name, value in ledger.as_dict().items():
            self.flows[name] = self.flows.get(name, 0.0) + abs(float(value))


SCENARIOS = {
    "default": (
        {},
        [
            "revenue",
            "contributions",
            "pool_payouts",
            "fees_paid",
            "fines_paid",
            "fines_received",
            "switching_costs",
            "entry_capital",
        ],
    ),
    "administration with subsidy and audits": (
        {
            "administration": {
                "present": True,
                "budget_initial": 40.0,
                "budget_per_step": 4.0,
                "subsidy": 0.3,
                "procurement_preference": 0.5,
            },
            "alliance": {
                "organiser": ["administration"],
                "monitoring_cost": 0.01,
                "fees_to": "organiser",
                "fines_to": "organiser",
                "organiser_cut": 0.1,
                "platform": {"organiser_investment": 1.0},
            },
        },
        ["subsidies", "public_spending", "public_monitoring", "public_receipts", "organiser_cut"],
    ),
    "society organiser, fees to organiser": (
        {
            "society": {
                "present": True,
                "fee_adjustment": 0.2,
                "training_rate": 0.05,
                "certification_threshold": 0.6,
                "budget_initial": 50.0,
            },
            "alliance": {
                "organiser": ["society"],
                "fees_to": "organiser",
                "fines_to": "organiser",
                "organiser_cut": 0.2,
                "monitoring_cost": 0.02,
            },
        },
        ["society_income", "organiser_cut", "fees_paid", "fines_paid"],
    ),
    "enterprise organiser with organiser cut": (
        {
            "alliance": {
                "organiser": ["enterprise"],
                "organiser_cut": 0.3,
                "fees_to": "organiser",
                "fines_to": "organiser",
                "monitoring_cost": 0.01,
                "platform": {"organiser_investment": 0.5},
            },
            "decisions": {"enterprise": {"strategies": ["contribute", "free_ride"]}},
        },
        ["cut_received", "fees_received", "fines_received", "monitoring_costs", "platform_paid"],
    ),
    "fines and fees to members": (
        {
            "alliance": {
                "fines_to": "members",
                "fees_to": "members",
                "monitoring_probability": 0.5,
                "fine": 2.0,
            }
        },
        ["fines_paid", "fines_received", "fees_paid", "fees_received"],
    ),
    "fines to the platform": (
        {"alliance": {"fines_to": "platform", "monitoring_probability": 0.5, "fine": 2.0}},
        ["fines_paid", "platform_investment"],
    ),
    "peer-paid monitoring, neighbourhood pools, sharing by contribution": (
        {
            "alliance": {
                "group_structure": "neighbourhood",
                "sharing": "contribution",
                "monitoring_cost": 0.02,
            }
        },
        ["monitoring_costs", "pool_payouts"],
    ),
    "teams with an outside option": (
        {
            "alliance": {
                "group_structure": "teams",
                "sharing": "capacity",
                "team_rounds": 2,
                "loner_payoff": 0.1,
            }
        },
        ["loner_income", "pool_payouts"],
    ),
    "co-construction": (
        {
            "administration": {
                "present": True,
                "budget_initial": 10.0,
                "budget_per_step": 2.0,
                "subsidy": 0.2,
            },
            "society": {"present": True, "budget_initial": 20.0},
            "alliance": {
                "organiser": ["administration", "society", "enterprise"],
                "organiser_cut": 0.1,
                "fees_to": "organiser",
                "fines_to": "organiser",
                "monitoring_cost": 0.01,
            },
        },
        ["subsidies", "public_receipts", "society_income", "organiser_cut"],
    ),
    "harsh market: many exits and entries": (
        {"market": {"fixed_cost_per_capacity": 1.5}, "population": {"entry_rate": 0.1}},
        ["exit_cash", "entry_capital", "fixed_cost"],
    ),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_accounting_identities_hold_every_step(make_scenario, name):
    overrides, exercised = SCENARIOS[name]
    overrides = {"population": {"entry_rate": 0.05}, **overrides}
    model = AllianceModel(make_scenario(overrides, enterprises=300), rng=11)
    totals = Totals()
    for _ in range(STEPS):
        checked_step(model)
        totals.add(model.ledger)
        if model.administration:
            assert model.ledger.subsidies <= model.ledger.public_spending
    for flow in exercised:
        assert totals.flows[flow] > 0, f"the scenario never exercised {flow!r}"


def test_checked_step_catches_an_unbooked_flow(make_scenario):
    """The check is not vacuous: cash that appears without a ledger entry fails it."""
    model = AllianceModel(make_scenario({}, enterprises=100), rng=3)
    original = model._pay_subsidies

    def leaky(open_members, profit):
        original(open_members, profit)
        profit[np.flatnonzero(model.firms.active)[0]] += 1e-3  # 0.001 MU, never booked

    model._pay_subsidies = leaky
    with pytest.raises(AccountingError, match="enterprise cash change"):
        checked_step(model)


def test_tolerance_is_relative_to_the_flows():
    assert close(1e6 + 1e-4, 1e6, 1e6)  # 1e-10 of the flows: rounding
    assert not close(1e6 + 1e-2, 1e6, 1e6)  # 1e-8 of the flows: a real error
    assert not close(2e-8, 0.0, 1e-3)  # small flows: the floor of 1 MU, not 1e-12 MU


def test_inactive_rows_hold_no_cash(make_scenario):
    scenario = make_scenario(
        {"market": {"fixed_cost_per_capacity": 1.5}, "population": {"entry_rate": 0.1}},
        enterprises=200,
    )
    model = AllianceModel(scenario, rng=2)
    for _ in range(15):
        model.step()
        t = model.firms
        assert (t.cash[~t.active] == 0).all()
        assert (t.strategy[~t.active] == Action.OUTSIDE).all()
        assert (t.cash[t.active] >= 0).all()  # firms below zero left this step


def test_subsidies_reach_exactly_the_contributing_members(make_scenario):
    """Spy on the subsidy stage: what it adds to profits is ledger.subsidies, all of it on
    contributing members, and what the administration spends on it."""
    scenario = make_scenario(
        {
            "administration": {
                "present": True,
                "budget_initial": 30.0,
                "budget_per_step": 3.0,
                "subsidy": 4.0,
            },
        },
        enterprises=250,
    )
    model = AllianceModel(scenario, rng=5)
    seen = []
    original = model._pay_subsidies

    def spy(open_members, profit):
        before = profit.copy()
        budget = model.administration.budget
        original(open_members, profit)
        gained = profit - before
        contributors = open_members & (model.firms.strategy == Action.CONTRIBUTE)
        claimed = float(model.last_contribution[contributors].sum())
        seen.append((gained, contributors, budget - model.administration.budget, claimed))

    model._pay_subsidies = spy
    for _ in range(20):
        model.step()
        gained, contributors, spent, _ = seen[-1]
        assert (gained[~contributors] == 0).all()
        assert (gained >= 0).all()
        assert close(float(gained.sum()), model.ledger.subsidies, model.ledger.subsidies)
        assert close(spent, model.ledger.subsidies, model.ledger.subsidies)
        if model.ledger.subsidies > 0:  # matching: the same rate on every MU contributed
            rate = gained[contributors] / model.last_contribution[contributors]
            np.testing.assert_allclose(rate, rate[0], rtol=1e-12)
            assert rate[0] <= 4.0 + 1e-12
    assert sum(s[2] for s in seen) > 30.0  # budget ran short at times: pro rata was tested
    assert any(0 < s[2] < 4.0 * s[3] for s in seen)  # paid less than 4 x the contributions
    assert any(s[2] == pytest.approx(4.0 * s[3]) for s in seen)  # and in full when it could


def test_public_cost_is_what_the_administration_spent(make_scenario):
    scenario = make_scenario(
        {
            "administration": {
                "present": True,
                "budget_initial": 20.0,
                "budget_per_step": 1.0,
                "subsidy": 0.5,
            },
            "alliance": {"organiser": ["administration"], "monitoring_cost": 0.01},
        },
        enterprises=200,
    )
    model = AllianceModel(scenario, rng=1)
    frame = model.run(15)
    spent = model.administration.spent_total
    assert frame["public_cost"].sum() == pytest.approx(spent, rel=1e-9)
    assert frame["public_cost"].iloc[0] == 0.0


def test_public_spending_is_subsidies_plus_audits(make_scenario):
    """Without platform investment, everything the administration spends is either a
    subsidy firms received or the audits it pays for as organiser."""
    scenario = make_scenario(
        {
            "administration": {
                "present": True,
                "budget_initial": 20.0,
                "budget_per_step": 2.0,
                "subsidy": 0.3,
            },
            "alliance": {"organiser": ["administration"], "monitoring_cost": 0.02},
        },
        enterprises=200,
    )
    model = AllianceModel(scenario, rng=9)
    audits = 0.0
    for _ in range(15):
        model.step()
        lg = model.ledger
        assert close(lg.public_spending, lg.subsidies + lg.public_monitoring, lg.public_spending)
        audits += lg.public_monitoring
    assert audits > 0

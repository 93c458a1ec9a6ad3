"""The market part of the payoffs the logit best response compares, and the costs
around the pool, computed by hand: a firm's own gross profit moved from its group's
rate to the other's, the standing a free-rider risks (members' rate x capacity), the
fee with and without members paying the monitoring, and no subsidy without an
administration. The pool is kept out of the way (it cannot run, or yields nothing) so
each term stands alone."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.incentives.best_response import alliance_counterfactual
from sim.incentives.sanction_cost import reputation_loss
from sim.model import AllianceModel

RATES = (2.0, 3.5)  # outsiders', members' gross profit per capacity unit (set by hand)


def stepped(make_scenario, alliance: dict, rates=RATES, **sections) -> AllianceModel:
    scenario = make_scenario(
        {
            "alliance": {"loner_payoff": 0.01, **alliance},
            "decisions": {"enterprise": {"rule": "logit_best_response", "payoff_measure": "total"}},
            "population": {"entry_rate": 0.0},
            **sections,
        },
        enterprises=80,
    )
    model = AllianceModel(scenario, rng=6)
    model.step()
    model.market_rates.value = rates
    return model


def own_gross(model, who):
    out = model.last_market
    return (out.revenue - out.variable_cost)[who]


def test_market_profit_moves_between_the_groups_rates(make_scenario):
    model = stepped(make_scenario, {"min_members": 80})  # all 80 firms: the pool never runs
    t = model.firms
    who = np.flatnonzero(t.active)[:40]
    member = t.members()[who]
    assert member.any() and (~member).any()
    cap = t.capacity[who]
    base = own_gross(model, who) - np.where(member, RATES[1], RATES[0]) * cap
    assert np.abs(own_gross(model, who)).sum() > 0
    u = alliance_counterfactual(model, who)
    np.testing.assert_allclose(u[:, Action.OUTSIDE], base + RATES[0] * cap + 0.01, rtol=1e-12)
    for action in (Action.CONTRIBUTE, Action.FREE_RIDE):  # the loner's payoff, not the pool's
        np.testing.assert_allclose(u[:, action], base + RATES[1] * cap + 0.01, rtol=1e-12)


@pytest.mark.parametrize("member_rate", [3.5, 0.4, -0.5])
def test_a_free_rider_risks_its_standing_on_members_rate(make_scenario, member_rate):
    """The standing at risk is the members' rate x capacity, none when members lose
    money (a rate below 1 MU/CU and a negative one tell apart a wrong floor)."""
    alliance = {
        "min_members": 2, "synergy": 0.0, "fee": 0.3, "monitoring_probability": 0.4,
        "fine": 0.0, "reputation_penalty": 0.5, "monitoring_cost": 0.0,
    }  # fmt: skip
    rates = (RATES[0], member_rate)
    model = stepped(make_scenario, alliance, rates)
    t = model.firms
    who = np.flatnonzero(t.active)[:40]
    cap = t.capacity[who]
    u = alliance_counterfactual(model, who)
    # no yield: contributing costs the contribution and the fee; free-riding the fee and
    # the standing a catch (0.4) costs on the members' rate
    standing = 0.4 * reputation_loss(model) * max(member_rate, 0.0) * cap
    assert reputation_loss(model) > 0
    owed = model.alliance.charter.contribution_rate * cap
    market = u[:, Action.OUTSIDE] - 0.01 - rates[0] * cap + rates[1] * cap
    np.testing.assert_allclose(u[:, Action.CONTRIBUTE], market - owed - 0.3, rtol=1e-9)
    np.testing.assert_allclose(u[:, Action.FREE_RIDE], market - 0.3 - standing, rtol=1e-9)


def test_members_pay_the_monitoring_only_without_an_organiser(make_scenario):
    common = {"min_members": 2, "synergy": 0.0, "fee": 0.3, "monitoring_cost": 0.2,
              "monitoring_probability": 0.0}  # fmt: skip
    alone = stepped(make_scenario, common)
    led = stepped(make_scenario, {**common, "organiser": ["enterprise"]})
    for model, fee in ((alone, 0.3 + 0.2), (led, 0.3)):
        assert not model.administration  # no subsidy either
        who = np.flatnonzero(model.firms.active)[:10]
        cap = model.firms.capacity[who]
        u = alliance_counterfactual(model, who)
        market = u[:, Action.OUTSIDE] - 0.01 - RATES[0] * cap + RATES[1] * cap
        np.testing.assert_allclose(u[:, Action.FREE_RIDE], market - fee, rtol=1e-9)
        owed = model.alliance.charter.contribution_rate * cap
        np.testing.assert_allclose(u[:, Action.CONTRIBUTE], market - fee - owed, rtol=1e-9)

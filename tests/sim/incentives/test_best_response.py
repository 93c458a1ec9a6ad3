"""The expected payoffs the logit best response compares are exact for the
alliance-wide pool: they match what the pool, the fee, the matching subsidy and the
expected fine (a multiple of the contribution owed) would give the firm if it alone
switched."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.incentives.best_response import alliance_counterfactual
from sim.model import AllianceModel
from sim.pool import PoolInputs, play_pool


@pytest.mark.parametrize("sharing", ["equal", "contribution", "capacity"])
@pytest.mark.parametrize("measure", ["per_capacity", "total"])
def test_counterfactual_payoffs_match_the_pool(make_scenario, sharing, measure):
    scenario = make_scenario(
        {
            "market": {"enabled": False},
            "alliance": {
                "complementarity_bonus": 0.0,
                "platform": {"effect": 0.0},
                "sharing": sharing,
                "non_excludable_share": 0.4,
                "fee": 0.05,
                "monitoring_probability": 0.2,
                "fine": 0.5,
                "synergy": 3.0,
                "loner_payoff": 0.01,
            },
            "administration": {"present": True, "budget_initial": 1e6, "subsidy": 0.3},
            "decisions": {"enterprise": {"rule": "logit_best_response", "payoff_measure": measure}},
            "population": {"entry_rate": 0.0},
        },
        enterprises=120,
    )
    model = AllianceModel(scenario, rng=2)
    model.step()
    t = model.firms
    who = np.flatnonzero(t.active)[:30]
    assert len(set(t.strategy[who].tolist())) == 3  # all three stances are represented
    u = alliance_counterfactual(model, who)
    spec = scenario.alliance
    for k, i in enumerate(who):
        expected = np.zeros(3)
        expected[Action.OUTSIDE] = spec.loner_payoff
        for action in (Action.CONTRIBUTE, Action.FREE_RIDE):
            member = t.members().copy()
            member[i] = True
            contributor = t.contributors().copy()
            contributor[i] = action is Action.CONTRIBUTE
            inputs = PoolInputs(member, contributor, t.active, t.capacity, t.segment, 0.0, 0.0)
            out = play_pool(spec, inputs, None, np.random.default_rng(0), spec.charter)
            # members pay the charter's monitoring themselves (no mode, no organiser)
            own = out.payout[i] - out.contribution[i] - spec.fee - spec.monitoring_cost
            owed = spec.contribution_rate * t.capacity[i]  # the fine's base (per_capacity)
            # matching subsidy 0.3 per MU contributed; expected fine 0.2 x 0.5 x owed
            own += 0.3 * out.contribution[i] if action is Action.CONTRIBUTE else -0.1 * owed
            expected[action] = own
        if measure == "per_capacity":
            expected /= t.capacity[i]
        np.testing.assert_allclose(u[k], expected, rtol=1e-9, atol=1e-12, err_msg=f"row {i}")


@pytest.mark.parametrize("leader_engaged", [True, False])
def test_counterfactual_takes_the_cut_only_while_its_holder_runs_the_alliance(
    make_scenario, leader_engaged
):
    """The pool takes the organiser's cut only while an organiser is engaged; a leader
    that has left the alliance takes nothing, so the payoffs firms compare keep all of
    the yield (cut 0.2 against 0: the expected yield differs by a quarter)."""
    scenario = make_scenario(
        {
            "market": {"enabled": False},
            "alliance": {
                "organiser": ["enterprise"],
                "organiser_cut": 0.2,
                "complementarity_bonus": 0.0,
                "platform": {"effect": 0.0},
                "sharing": "equal",
                "non_excludable_share": 1.0,
                "fee": 0.0,
                "monitoring_probability": 0.0,
                "synergy": 2.0,
            },
            "decisions": {"enterprise": {"rule": "logit_best_response", "payoff_measure": "total"}},
            "population": {"entry_rate": 0.0},
        },
        enterprises=60,
    )
    model = AllianceModel(scenario, rng=4)
    model.step()
    t = model.firms
    leader = model.leader_row()
    assert leader >= 0
    t.strategy[leader] = Action.CONTRIBUTE if leader_engaged else Action.OUTSIDE
    who = np.array([i for i in np.flatnonzero(t.active) if i != leader][:10])
    u = alliance_counterfactual(model, who)
    cut = 0.2 if leader_engaged else 0.0
    amount = scenario.alliance.contribution_rate * t.capacity
    for k, i in enumerate(who):
        member, contributor = t.members().copy(), t.contributors().copy()
        member[i], contributor[i] = True, True
        pool = (amount * contributor).sum()
        share = 2.0 * pool * (1 - cut) / member.sum()  # equal sharing, all non-excludable
        assert u[k, Action.CONTRIBUTE] == pytest.approx(share - amount[i], rel=1e-9)


@pytest.mark.parametrize(("min_members", "runs"), [(5, True), (6, False)])
def test_counterfactual_pool_runs_only_from_min_members_on(make_scenario, min_members, runs):
    """Four members now: an outsider joining makes five. With min_members 5 its pool
    runs (it earns a share of the yield); with 6 it does not (the loner's payoff)."""
    scenario = make_scenario(
        {
            "market": {"enabled": False},
            "alliance": {"min_members": min_members, "loner_payoff": 0.01, "fee": 0.0,
                         "monitoring_cost": 0.0, "synergy": 3.0, "fine": 0.0,
                         "sharing": "equal"},
            "decisions": {"enterprise": {"rule": "logit_best_response",
                                         "payoff_measure": "total"}},
            "population": {"entry_rate": 0.0},
        },
        enterprises=20,
    )  # fmt: skip
    model = AllianceModel(scenario, rng=1)
    t = model.firms
    t.strategy[:] = Action.OUTSIDE
    t.strategy[:4] = Action.CONTRIBUTE
    outsider = np.array([10])
    u = alliance_counterfactual(model, outsider)[0]
    if runs:  # an equal fifth of the yield of the four members' contributions
        pool = scenario.alliance.contribution_rate * t.capacity[:4].sum()
        assert u[Action.FREE_RIDE] == pytest.approx(3.0 * pool / 5)
    else:
        assert u[Action.CONTRIBUTE] == pytest.approx(scenario.alliance.loner_payoff)
        assert u[Action.FREE_RIDE] == pytest.approx(scenario.alliance.loner_payoff)

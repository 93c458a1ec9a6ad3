"""The best response's payoffs under the fixed cost scheme and small pools, computed
by replaying the pool: a fixed contribution per member, contribution sharing when the
pool is below 1 MU or empty, the matching rate the administration can fund on today's
total, and a mode's member costs (peer monitoring) charged, not credited."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.incentives.best_response import alliance_counterfactual
from sim.model import AllianceModel
from sim.pool import PoolInputs, play_pool
from sim.scenario import Mode
from sim.scenario.mode_files import mode_scenario

FEE, SUBSIDY = 0.05, 0.3


def fixed_model(make_scenario, contribution: float) -> AllianceModel:
    scenario = make_scenario(
        {
            "market": {"enabled": False},
            "alliance": {
                "cost_scheme": "fixed", "contribution": contribution, "sharing": "contribution",
                "non_excludable_share": 0.4, "complementarity_bonus": 0.0,
                "platform": {"effect": 0.0}, "fee": FEE, "monitoring_probability": 0.0,
                "monitoring_cost": 0.0, "synergy": 3.0,
            },
            "administration": {"present": True, "budget_initial": 1e6, "subsidy": SUBSIDY},
            "decisions": {"enterprise": {"rule": "logit_best_response", "payoff_measure": "total"}},
            "population": {"entry_rate": 0.0},
        },
        enterprises=60,
    )  # fmt: skip
    model = AllianceModel(scenario, rng=2)
    model.step()
    return model


def replayed(model, i: int, action: Action, rate: float, contribution: float) -> float:
    t, spec = model.firms, model.config.alliance
    member, contributor = t.members().copy(), t.contributors().copy()
    member[i], contributor[i] = True, action is Action.CONTRIBUTE
    inputs = PoolInputs(member, contributor, t.active, t.capacity, t.segment, 0.0, 0.0)
    out = play_pool(spec, inputs, None, np.random.default_rng(0), spec.charter)
    own = out.payout[i] - FEE
    if action is Action.CONTRIBUTE:
        assert out.contribution[i] == pytest.approx(contribution)  # the same for every firm
        own += (rate - 1.0) * contribution
    return own


def test_a_fixed_contribution_into_a_pool_under_one_mu(make_scenario):
    model = fixed_model(make_scenario, contribution=0.01)
    t = model.firms
    total = 0.01 * t.contributors().sum()
    assert 0 < total < 1
    model.administration.budget = 0.2 * total  # funds a matching rate of 0.2, not 0.3
    who = np.flatnonzero(t.active)[:20]
    assert len(set(t.strategy[who].tolist())) == 3
    u = alliance_counterfactual(model, who)
    for k, i in enumerate(who):
        for action in (Action.CONTRIBUTE, Action.FREE_RIDE):
            expected = replayed(model, i, action, 0.2, 0.01)
            assert u[k, action] == pytest.approx(expected, rel=1e-9, abs=1e-15), (i, action)


def test_an_empty_pool_pays_nothing_and_stays_finite(make_scenario):
    model = fixed_model(make_scenario, contribution=0.0)
    who = np.flatnonzero(model.firms.active)[:20]
    u = alliance_counterfactual(model, who)
    assert np.isfinite(u).all()
    np.testing.assert_allclose(u[:, Action.CONTRIBUTE], -FEE)
    np.testing.assert_allclose(u[:, Action.FREE_RIDE], -FEE)


def test_a_modes_member_costs_are_charged_to_members():
    """Market only: members pay for peer monitoring; raising its cost by 0.2 lowers the
    payoff of contributing and of free-riding by 0.2 and leaves staying out alone."""
    payoffs = []
    for cost in (0.0, 0.2):
        scenario = mode_scenario(
            Mode.MARKET_ONLY,
            population={"enterprises": 80},
            alliance={"monitoring_cost": cost},
            decisions={"enterprise": {"payoff_measure": "total"}},
        )
        model = AllianceModel(scenario, rng=4)
        payoffs.append(alliance_counterfactual(model, np.arange(10)))
    cheap, dear = payoffs
    np.testing.assert_allclose(dear[:, Action.OUTSIDE], cheap[:, Action.OUTSIDE])
    for action in (Action.CONTRIBUTE, Action.FREE_RIDE):
        np.testing.assert_allclose(dear[:, action], cheap[:, action] - 0.2, rtol=1e-9)

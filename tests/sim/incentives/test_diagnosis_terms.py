"""The incentive audit's terms by hand: the multiplier's bound, which members are
probed, the subsidy and sanction per MU owed, the selection signal and noise of each
kind of rule, and the organisers' accounts (income, costs, funds, runway) from chosen
numbers."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest

from agents.action import Action
from sim.incentives.diagnosis import Diagnosis, audit, organiser_accounts
from sim.incentives.sanction_cost import reputation_loss
from sim.model import AllianceModel
from sim.scenario import Mode, Recipient
from sim.scenario.mode_files import mode_scenario

INF = math.inf


def government_model(rule: str = "logit_best_response", measure: str = "total") -> AllianceModel:
    scenario = mode_scenario(
        Mode.GOVERNMENT_LED,
        population={"enterprises": 200, "entry_rate": 0.0},
        alliance={"synergy": 2.0, "complementarity_bonus": 0.25, "platform": {"effect": 0.1},
                  "reputation_penalty": 0.4},
        decisions={"enterprise": {"rule": rule, "payoff_measure": measure}},
    )  # fmt: skip
    model = AllianceModel(scenario, rng=7)
    model.run(3)
    return model


def test_bound_probes_subsidy_and_sanction_by_hand():
    model = government_model()
    found = audit(model)
    assert found.multiplier_bound == pytest.approx(2.0 * 1.25 * 1.1)
    t = model.firms
    members = np.flatnonzero(t.members())
    assert found.members == len(members) >= 3
    caps = np.sort(t.capacity[members])
    assert [p.capacity for p in found.probes] == [caps[0], caps[len(caps) // 2], caps[-1]]
    charter = model.alliance.charter
    admin = model.administration
    rate = model.market_rates.value[1]
    assert rate > 0
    for probe in found.probes:
        i = members[np.flatnonzero(t.capacity[members] == probe.capacity)[0]]
        contributor = t.contributors().copy()
        contributor[i] = True
        amount = charter.contribution_rate * t.capacity  # per-capacity contributions
        total = float((amount * contributor).sum())
        expected_subsidy = min(admin.subsidy, admin.budget / total) if admin.backing else 0.0
        assert probe.subsidy_per_mu == pytest.approx(expected_subsidy, rel=1e-9)
        assert expected_subsidy > 0
        # the audit: caught with p x accuracy; fine per MU owed plus the reputation it costs
        p = charter.monitoring_probability * model.config.oversight.audit_accuracy
        standing = p * reputation_loss(model) * rate * t.capacity[i] / amount[i]
        assert probe.sanction_per_mu == pytest.approx(p * charter.fine + standing, rel=1e-9)
        assert standing > 0 and p * charter.fine > 0
        assert probe.with_incentives == pytest.approx(
            probe.private_return + probe.subsidy_per_mu + probe.sanction_per_mu
        )


def test_logit_selection_reads_the_counterfactual_and_the_intensity():
    model = government_model()
    found = audit(model)
    t = model.firms
    members = np.flatnonzero(t.members())
    median = members[np.argsort(t.capacity[members], kind="stable")][len(members) // 2]
    u = model._counterfactual(np.array([median]))[0]
    assert found.selection_signal == pytest.approx(abs(u[Action.CONTRIBUTE] - u[Action.FREE_RIDE]))
    largest = members[np.argmax(t.capacity[members])]
    other = model._counterfactual(np.array([largest]))[0]
    assert found.selection_signal != pytest.approx(  # the median's signal, not the largest's
        abs(other[Action.CONTRIBUTE] - other[Action.FREE_RIDE])
    )
    intensity = model.config.decisions.enterprise.intensity
    assert found.selection_noise == pytest.approx(1 / intensity)
    assert found.signal_to_noise == pytest.approx(found.selection_signal * intensity)


def test_imitation_selection_reads_the_net_return_and_the_payoff_spread():
    model = government_model(rule="fermi", measure="per_capacity")
    found = audit(model)
    t = model.firms
    members = np.flatnonzero(t.members())
    median = members[np.argsort(t.capacity[members], kind="stable")][len(members) // 2]
    probe = found.probes[1]
    assert probe.capacity == t.capacity[median]
    owed = model.contribution_owed[median]
    per_capacity = model.config.decisions.enterprise.payoff_measure.value == "per_capacity"
    scale = 1 / t.capacity[median] if per_capacity else 1.0
    assert found.selection_signal == pytest.approx(
        abs(probe.with_incentives - 1) * owed * scale, rel=1e-9
    )
    assert found.selection_noise == pytest.approx(np.std(t.payoff[t.active]), rel=1e-9)


def test_signal_to_noise_without_noise_is_infinite():
    assert Diagnosis(1, 5, 2.0, 3.0, 1.5, selection_signal=0.4).signal_to_noise == INF
    found = Diagnosis(1, 5, 2.0, 3.0, 1.5, selection_signal=0.6, selection_noise=0.2)
    assert found.signal_to_noise == pytest.approx(3.0)


def ledger(**values):
    base = dict(public_receipts=0.0, public_spending=0.0, fees_received=0.0, cut_received=0.0,
                monitoring_costs=0.0, platform_paid=0.0, staff_costs=0.0)  # fmt: skip
    return SimpleNamespace(**{**base, **values})


def stand_in(admin=None, society=None, leadership=None, fees_to=Recipient.ORGANISER, **lg):
    charter = SimpleNamespace(fees_to=fees_to)
    return SimpleNamespace(
        ledger=ledger(**lg), administration=admin, society=society, leadership=leadership,
        alliance=SimpleNamespace(charter=charter),
    )  # fmt: skip


def test_the_administrations_account():
    admin = SimpleNamespace(spec=SimpleNamespace(budget_per_step=3.0), budget=40.0)
    model = stand_in(admin, public_receipts=1.0, public_spending=9.0)
    # income 3 + 1 = 4, costs 9: a deficit of 5 a step, 40 last 8 steps
    assert organiser_accounts(model) == {
        "administration": {"income": 4.0, "costs": 9.0, "funds": 40.0, "runway": 8.0}
    }
    slight = stand_in(admin, public_receipts=5.5, public_spending=9.0)  # a deficit of 0.5
    assert organiser_accounts(slight)["administration"]["runway"] == pytest.approx(80.0)
    surplus = stand_in(admin, public_receipts=7.0, public_spending=9.0)  # income 10
    assert organiser_accounts(surplus)["administration"]["runway"] == INF
    even = stand_in(admin, public_receipts=6.0, public_spending=9.0)  # income 9 = costs
    assert organiser_accounts(even)["administration"]["runway"] == INF


def test_the_societys_account():
    society = SimpleNamespace(
        spec=SimpleNamespace(running_cost=2.0), spent_last_step=4.0, income_last_step=1.0,
        cash=15.0,
    )  # fmt: skip
    assert organiser_accounts(stand_in(society=society)) == {
        "society": {"income": 1.0, "costs": 6.0, "funds": 15.0, "runway": 3.0}
    }


@pytest.mark.parametrize(
    ("fees_to", "income"), [(Recipient.ORGANISER, 7.0), (Recipient.MEMBERS, 5.0)]
)
def test_the_leaders_account(fees_to, income):
    costs = dict(monitoring_costs=1.0, platform_paid=2.0, staff_costs=4.0)
    for benefit, runway in ((3.0, INF), (0.0, INF), (-1.0, 0.0)):
        model = stand_in(
            leadership=SimpleNamespace(benefit=benefit), fees_to=fees_to,
            cut_received=5.0, fees_received=2.0, **costs,
        )  # fmt: skip
        assert organiser_accounts(model) == {
            "leader": {"income": income, "costs": 7.0, "funds": benefit, "runway": runway}
        }

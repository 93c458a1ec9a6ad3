"""The incentive audit at its edges: the steps it audits and the run it audits, two
members (enough for probes), no members, pools that are empty or under 1 MU, no
administration, and local pools replayed on the business network."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.incentives.diagnosis import audit, diagnose
from sim.model import AllianceModel
from sim.pool import PoolInputs, play_pool


def scenario_of(make_scenario, alliance=None, **sections):
    return make_scenario(
        {"alliance": alliance or {}, "population": {"entry_rate": 0.0}, **sections},
        enterprises=60,
    )


def test_diagnose_audits_each_asked_step_once_on_the_seeded_run(make_scenario):
    scenario = scenario_of(make_scenario)
    found = diagnose(scenario, 5, [3, 1, 3])
    assert [d.step for d in found] == [1, 3]
    model = AllianceModel(scenario, rng=5)
    for d in found:
        model.run(d.step - model.steps)
        again = audit(model)
        assert (again.step, again.members) == (d.step, d.members)
        assert again.group_return == d.group_return and again.multiplier == d.multiplier
    other = diagnose(scenario, 6, [3])[0]
    assert (other.members, other.group_return) != (found[1].members, found[1].group_return)


def test_two_members_are_enough_to_probe(make_scenario):
    model = AllianceModel(scenario_of(make_scenario), rng=1)
    model.step()
    t = model.firms
    t.strategy[:] = Action.OUTSIDE
    t.strategy[[4, 9]] = Action.CONTRIBUTE
    found = audit(model)
    small, large = sorted(t.capacity[[4, 9]])
    assert [p.capacity for p in found.probes] == [small, large, large]  # the median: 2 // 2


def test_without_members_there_is_no_group_return_and_no_probe(make_scenario):
    model = AllianceModel(scenario_of(make_scenario), rng=1)
    model.step()
    model.firms.strategy[:] = Action.OUTSIDE
    found = audit(model)
    assert found.group_return == 0.0 and found.probes == [] and found.members == 0


def test_an_empty_pool_returns_nothing_per_mu(make_scenario):
    alliance = {"cost_scheme": "fixed", "contribution": 0.0}
    model = AllianceModel(scenario_of(make_scenario, alliance), rng=1)
    model.step()
    found = audit(model)
    assert found.members >= 3
    assert found.group_return == 0.0
    assert all(p.private_return == 0.0 for p in found.probes)
    assert all(p.sanction_per_mu == 0.0 for p in found.probes)  # nothing owed


def test_a_pool_under_one_mu_has_its_returns_per_mu(make_scenario):
    """Equal sharing of everything: the group gets r per MU paid in, a member r / M."""
    alliance = {"cost_scheme": "fixed", "contribution": 0.01, "complementarity_bonus": 0.0,
                "platform": {"effect": 0.0}, "sharing": "equal", "non_excludable_share": 1.0,
                "synergy": 3.0}  # fmt: skip
    model = AllianceModel(scenario_of(make_scenario, alliance), rng=1)
    model.step()
    found = audit(model)
    members = int(model.firms.members().sum())
    assert 0.01 * members < 1
    assert found.group_return == pytest.approx(3.0, rel=1e-9)
    for probe in found.probes:
        assert probe.private_return == pytest.approx(3.0 / members, rel=1e-9)
        assert probe.subsidy_per_mu == 0.0  # no administration, no subsidy


@pytest.mark.parametrize("structure", ["neighbourhood", "teams"])
def test_local_pools_are_replayed_on_the_network_or_the_same_teams(make_scenario, structure):
    """Neighbourhoods on the business network; teams drawn with seed 0 for both replays
    (everyone contributing and nobody), so the difference is the contributions' alone."""
    scenario = scenario_of(make_scenario, {"group_structure": structure, "synergy": 3.0})
    model = AllianceModel(scenario, rng=2)
    model.run(2)
    t, spec = model.firms, model.config.alliance
    members = t.members()
    adjacency = model.network.adjacency(len(t)) if structure == "neighbourhood" else None
    outs = []
    for contributor in (members.copy(), np.zeros_like(members)):
        inputs = PoolInputs(members, contributor, t.active, t.capacity, t.segment,
                            model.alliance.platform_gain(), model.cut_in_force()[0])  # fmt: skip
        rng = np.random.default_rng(0)
        outs.append(play_pool(spec, inputs, adjacency, rng, model.alliance.charter))
    everyone, nobody = outs
    assert everyone.contribution.sum() > 0
    expected = (everyone.payout[members].sum() - nobody.payout[members].sum()) / (
        everyone.contribution.sum()
    )
    assert audit(model).group_return == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("intensity", "noise"), [(0.5, 2.0), (0.0, np.inf)])
def test_the_logit_noise_is_one_over_the_intensity(make_scenario, intensity, noise):
    decisions = {"enterprise": {"rule": "logit_best_response", "intensity": intensity}}
    model = AllianceModel(scenario_of(make_scenario, decisions=decisions), rng=1)
    model.step()
    assert audit(model).selection_noise == noise


def test_imitation_in_total_payoffs_sees_the_net_return_times_what_is_owed(make_scenario):
    decisions = {"enterprise": {"rule": "fermi", "payoff_measure": "total"}}
    model = AllianceModel(scenario_of(make_scenario, decisions=decisions), rng=1)
    model.run(2)
    found = audit(model)
    t = model.firms
    members = np.flatnonzero(t.members())
    median = members[np.argsort(t.capacity[members], kind="stable")][len(members) // 2]
    owed = model.contribution_owed[median]
    assert owed > 0 and t.capacity[median] != 1.0
    expected = abs(found.probes[1].with_incentives - 1.0) * owed  # no per-capacity scale
    assert found.selection_signal == pytest.approx(expected, rel=1e-9)

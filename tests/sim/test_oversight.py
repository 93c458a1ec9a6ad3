"""Who each monitor can see (sim.oversight) and what the monitoring mechanisms book,
checked by hand: peers see members tied to another member, the charter's plain
monitoring without a mode, the rating's accuracy, and ledger items that accumulate
within a step."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.incentives.enforcement import CHARTER, enforcement_table
from sim.model import AllianceModel
from sim.monitoring import MECHANISMS, Watch, administration_audit, charter_monitoring
from sim.oversight import within_sight
from sim.scenario import Mode, Scenario
from sim.scenario.mode_files import deep_merge, mode_scenario
from sim.scenario.modes import Monitor


def test_peers_see_exactly_the_firms_with_a_member_among_their_neighbours():
    model = AllianceModel(mode_scenario(Mode.MARKET_ONLY, population={"enterprises": 150,
                          "initial_member_share": 0.3}), rng=4)  # fmt: skip
    net, member = model.network, model.firms.members()
    expected = np.array([
        any(member[j] for j in net.indices[net.indptr[i] : net.indptr[i + 1]])
        for i in range(len(model.firms))
    ])  # fmt: skip
    seen = within_sight(model, Monitor.PEERS)
    np.testing.assert_array_equal(seen, expected)
    assert 0 < seen.sum() < len(seen)  # some are seen, some are not: the check can fail
    assert within_sight(model, Monitor.AUDIT).all() and within_sight(model, Monitor.RATING).all()


def test_in_a_well_mixed_population_peers_see_every_member():
    scenario = mode_scenario(Mode.MARKET_ONLY, population={"enterprises": 60},
                             network={"kind": "well_mixed"})  # fmt: skip
    model = AllianceModel(scenario, rng=4)
    assert within_sight(model, Monitor.PEERS).all()


def _plain(organisers: list[str], **alliance) -> AllianceModel:
    data = deep_merge(
        {
            "population": {"enterprises": 120, "initial_member_share": 1.0,
                           "initial_contributor_share": 0.0},
            "alliance": {"organiser": organisers, "monitoring_probability": 0.3, "fine": 2.5,
                         "monitoring_cost": 0.01, **alliance},
        },
        {"administration": {"present": True, "budget_initial": 50.0}} if "administration"
        in organisers else {},
    )  # fmt: skip
    return AllianceModel(Scenario.model_validate(data), rng=2)


def test_without_a_mode_the_charter_monitors_and_its_row_says_who_pays():
    for organisers, payer in (([], "members"), (["administration"], "organisers")):
        (row,) = enforcement_table(_plain(organisers))
        assert row.monitor == CHARTER and row.payer == payer
        assert (row.detection, row.fine_per_mu, row.cost_per_member) == (0.3, 2.5, 0.01)
        assert row.expected_per_mu == pytest.approx(0.75)
        assert (row.watched, row.reach, row.accuracy, row.false_accusation) == (1, 1, 1, 0)


def test_charter_monitoring_paid_by_members_adds_to_what_the_step_booked():
    model = _plain([])
    members = model.firms.members()
    model.ledger.monitoring_costs = 1.0  # booked earlier in the step
    profit = np.zeros(len(model.firms))
    charter_monitoring(model, members, profit)
    assert model.ledger.monitoring_costs == pytest.approx(1.0 + 0.01 * members.sum())
    np.testing.assert_allclose(profit[members], -0.01)


def test_charter_monitoring_paid_by_a_leading_enterprise_comes_off_its_profit():
    model = _plain(["enterprise"])
    members = model.firms.members()
    profit = np.zeros(len(model.firms))
    charter_monitoring(model, members, profit)
    leader = model.leader_row()
    assert profit[leader] == pytest.approx(-0.01 * members.sum())
    assert np.count_nonzero(profit) == 1


def test_audits_add_their_public_cost_to_what_the_step_spent():
    model = AllianceModel(mode_scenario(Mode.GOVERNMENT_LED, population={"enterprises": 150},
                          alliance={"monitoring_probability": 1.0}), rng=2)  # fmt: skip
    model.ledger.public_spending, model.ledger.public_monitoring = 2.0, 0.5
    members = model.firms.members()
    watch = Watch(members, members, members & (model.firms.strategy == Action.FREE_RIDE))
    administration_audit(model, watch, np.zeros(len(model.firms)))
    cost = model.config.oversight.audit_cost * members.sum()  # everyone audited
    assert model.ledger.public_spending == pytest.approx(2.0 + cost)
    assert model.ledger.public_monitoring == pytest.approx(0.5 + cost)


def test_the_rating_finds_free_riders_at_its_accuracy():
    model = AllianceModel(mode_scenario(Mode.SOCIETY_LED, population={"enterprises": 300},
                          alliance={"monitoring_probability": 1.0},
                          society={"rating_accuracy": 0.4}), rng=3)  # fmt: skip
    model.society.cash = 1e9
    t = model.firms
    members = t.members()
    t.strategy[members] = Action.FREE_RIDE
    found = [
        MECHANISMS[Monitor.RATING](model, Watch(members, members, members), np.zeros(len(t)))
        .caught[members].mean()
        for _ in range(60)
    ]  # fmt: skip
    se = np.std(found, ddof=1) / np.sqrt(len(found))
    assert np.mean(found) == pytest.approx(0.4, abs=3 * se)

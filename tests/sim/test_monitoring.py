"""Monitoring as each construction mode does it: expulsion counts offences, the leader's
leniency waives part of each fine, a fine is the charter's multiple of the contribution
owed, fines paid to members go to all members, monitors are combined by the largest
fine, and a monitor without funds detects less. Never a comparison of modes."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.accounting import run_checked
from sim.alliance import Sanctions
from sim.model import AllianceModel
from sim.monitoring import (
    charter_monitoring,
    expected_fine,
    fine_due,
    member_cost,
    watch_shares,
)
from sim.oversight import active_monitors, leader_partners
from sim.scenario import Mode, Organiser, Scenario
from sim.scenario.mode_files import deep_merge, mode_scenario
from sim.scenario.modes import Monitor

SEED = 3


def free_riders(mode: Mode | None, **changes) -> AllianceModel:
    """200 firms, every one a free-riding member that never changes its mind; fines are
    ``fine`` x 0.1 x capacity (per-capacity contributions)."""
    base = {
        "population": {
            "enterprises": 200,
            "initial_member_share": 1.0,
            "initial_contributor_share": 0.0,
            "entry_rate": 0.0,
        },
        "decisions": {"enterprise": {"update_probability": 0.0, "exploration": 0.0}},
        "alliance": {"cost_scheme": "per_capacity", "contribution_rate": 0.1},
    }
    data = deep_merge(base, changes)
    scenario = Scenario.model_validate(data) if mode is None else mode_scenario(mode, **data)
    return AllianceModel(scenario, rng=SEED)


@pytest.mark.parametrize("after", [1, 2, 3])
def test_peers_expel_at_the_charters_count_of_offences(after):
    model = free_riders(
        Mode.MARKET_ONLY,
        alliance={"monitoring_probability": 1.0, "fine": 0.0, "expulsion_after": after},
        oversight={"peer_efficacy": 1.0},
    )
    members = model.firms.members().copy()
    for step in range(1, after + 1):
        run_checked(model, 1)
        assert model.last_monitors == [Monitor.PEERS]
        if step < after:  # caught every step, not yet expelled
            assert model.last_expelled == 0
            assert (model.firms.offences[members] == step).all()
    assert model.last_expelled == members.sum()
    assert (model.firms.strategy[members] == Action.OUTSIDE).all()


def test_leader_waives_its_leniency_share_of_each_fine():
    # leniency 0.25 (not its own inverse): a fined firm pays 0.75 x fine x owed
    model = free_riders(
        Mode.ENTERPRISE_LED,
        alliance={"monitoring_probability": 1.0, "fine": 2.0, "expulsion_after": 0},
        oversight={"leader_shields_partners": True, "leader_leniency": 0.25},
    )
    model.firms.strategy[model.leader_row()] = Action.FREE_RIDE
    members = model.firms.members().copy()
    capacity = model.firms.capacity.copy()
    run_checked(model, 1)
    fined = members & ~leader_partners(model, model.leader_row())
    assert fined.sum() > 50
    assert (model.firms.offences[fined] == 1).all()
    expected = 0.75 * 2.0 * 0.1 * capacity[fined].sum()
    assert model.ledger.fines_paid == pytest.approx(expected, rel=1e-9)


def test_peer_fine_is_the_charters_multiple_of_the_contribution_owed():
    model = free_riders(
        Mode.MARKET_ONLY,
        alliance={"monitoring_probability": 1.0, "fine": 3.0, "expulsion_after": 0},
        oversight={"peer_efficacy": 1.0},
    )
    members = model.firms.members().copy()
    capacity = model.firms.capacity.copy()
    run_checked(model, 1)
    assert model.last_detected == members.sum()
    assert model.ledger.fines_paid == pytest.approx(3.0 * 0.1 * capacity[members].sum())
    np.testing.assert_allclose(fine_due(model), 3.0 * 0.1 * capacity * model.firms.members())


def test_fines_paid_to_members_are_shared_by_all_members_not_returned():
    model = free_riders(Mode.MARKET_ONLY, alliance={"fines_to": "members", "fine": 1.0})
    n = len(model.firms)
    open_members = np.zeros(n, bool)
    open_members[:4] = True
    fines = np.zeros(n)
    fines[0] = 2.0  # firm 0 alone is fined 2 MU
    caught = fines > 0
    profit = np.zeros(n)
    model._apply_sanctions(Sanctions(caught, fines, np.zeros(n, bool)), open_members, profit)
    np.testing.assert_allclose(profit[:5], [-2.0 + 0.5, 0.5, 0.5, 0.5, 0.0])
    assert model.ledger.fines_paid == 2.0 and model.ledger.fines_received == 2.0


def test_fines_to_the_platform_go_into_its_stock_and_to_no_firm():
    model = free_riders(Mode.MARKET_ONLY, alliance={"fines_to": "platform", "fine": 1.0})
    n = len(model.firms)
    open_members = np.zeros(n, bool)
    open_members[:4] = True
    fines = np.zeros(n)
    fines[0] = 2.0
    stock = model.alliance.platform_stock
    profit = np.zeros(n)
    model._apply_sanctions(Sanctions(fines > 0, fines, np.zeros(n, bool)), open_members, profit)
    np.testing.assert_allclose(profit[:5], [-2.0, 0.0, 0.0, 0.0, 0.0])
    assert model.alliance.platform_stock == pytest.approx(stock + 2.0)
    assert model.ledger.fines_paid == 2.0 and model.ledger.fines_received == 0.0
    assert model.ledger.platform_investment == 2.0


def test_monitoring_without_a_mode_expels_at_the_charters_count():
    model = free_riders(
        None,
        alliance={
            "organiser": [],
            "monitoring_probability": 1.0,
            "monitoring_cost": 0.0,
            "fine": 1.0,
            "expulsion_after": 2,
        },
    )
    members = model.firms.members().copy()
    capacity = model.firms.capacity.copy()
    run_checked(model, 1)
    assert model.last_expelled == 0 and model.last_detected == members.sum()
    assert model.ledger.fines_paid == pytest.approx(0.1 * capacity[members].sum())
    run_checked(model, 1)
    assert model.last_expelled == members.sum()


def test_members_pay_for_monitoring_without_an_organiser():
    model = free_riders(
        None,
        alliance={
            "organiser": [],
            "monitoring_probability": 0.5,
            "monitoring_cost": 0.03,
            "fine": 0.0,
            "expulsion_after": 0,
        },
    )
    members = int(model.firms.members().sum())
    run_checked(model, 1)
    assert model.ledger.monitoring_costs == pytest.approx(0.03 * members)
    assert 0.35 * members < model.last_detected < 0.65 * members


def test_a_society_without_funds_rates_nobody():
    model = free_riders(
        Mode.SOCIETY_LED,
        alliance={"monitoring_probability": 1.0, "monitoring_cost": 0.05},
    )
    assert Organiser.SOCIETY in model.engaged_organisers()
    model.society.cash = 0.0
    members = model.firms.members()
    profit = np.zeros(len(model.firms))
    sanctions = model.mechanics.monitor(members, profit)
    assert model.last_monitors == [Monitor.RATING]
    assert not sanctions.detected.any() and not sanctions.fines.any()


def test_expected_fine_with_two_monitors_splits_the_members():
    # Co-construction: audits (fine f, detection p x accuracy) beside ratings (no fine),
    # each watching half the members a step: the expected fine is half the audit's,
    # p x acc x f / 2, not p x acc x f (both watching) nor p x f (accuracy ignored).
    model = AllianceModel(
        mode_scenario(
            Mode.CO_CONSTRUCTION,
            population={"enterprises": 200},
            alliance={"monitoring_probability": 0.5, "fine": 2.0},
            oversight={"audit_accuracy": 0.4},
        ),
        rng=SEED,
    )
    spec = model.mechanics.spec
    assert set(active_monitors(model, spec)) == {Monitor.AUDIT, Monitor.RATING}
    owed = np.array([0.1, 0.4, 1.0])
    got = expected_fine(model, spec, np.arange(3), owed)
    np.testing.assert_allclose(got, 0.5 * 0.4 * 2.0 * owed / 2, rtol=1e-12)


def test_two_monitors_each_watch_about_half_the_members_once():
    model = free_riders(
        Mode.CO_CONSTRUCTION,
        alliance={"monitoring_probability": 1.0, "fine": 1.0, "monitoring_cost": 0.01},
        oversight={"audit_cost": 0.0, "audit_accuracy": 1.0},
    )
    members = model.firms.members()
    shares = watch_shares(model, members, 2)
    assert not (shares[0] & shares[1]).any()  # nobody watched twice
    np.testing.assert_array_equal(shares[0] | shares[1], members)  # nobody missed
    n = int(members.sum())
    assert abs(int(shares[0].sum()) - n / 2) < 3 * np.sqrt(n / 4)  # binomial(n, 1/2)
    cash = model.society.cash
    model.mechanics.monitor(members, np.zeros(len(model.firms)))
    # the society pays for the members it reviewed, not for all of them
    reviewed = cash - model.society.cash
    assert 0 < reviewed < 0.01 * n


def test_contributors_are_never_caught():
    model = free_riders(
        Mode.MARKET_ONLY,
        population={"initial_contributor_share": 1.0},
        alliance={"monitoring_probability": 1.0, "fine": 1.0},
        oversight={"peer_efficacy": 1.0},
    )
    run_checked(model, 1)
    assert model.last_detected == 0 and model.ledger.fines_paid == 0


def test_audits_catch_only_audited_free_riders_fine_and_expel_them():
    # p = 0.5, accuracy 1, free audits: about half the free-riders are audited, each of
    # them caught, fined fine x owed, and expelled at the first offence.
    model = free_riders(
        Mode.GOVERNMENT_LED,
        alliance={"monitoring_probability": 0.5, "fine": 2.0, "expulsion_after": 1},
        oversight={"audit_cost": 0.0, "audit_accuracy": 1.0},
    )
    members = int(model.firms.members().sum())
    capacity = model.firms.capacity.copy()
    run_checked(model, 1)
    caught = model.firms.strategy == Action.OUTSIDE
    assert model.last_detected == model.last_audits == model.last_expelled == caught.sum()
    assert 0.35 * members < model.last_detected < 0.65 * members
    assert model.ledger.fines_paid == pytest.approx(2.0 * 0.1 * capacity[caught].sum())


def test_co_construction_combines_what_each_monitor_finds():
    # Audits catch every free-rider they watch; the society, without funds, rates
    # nobody: the audit's catches (hard) stand and lead to expulsion, the members the
    # society watched go free this step.
    model = free_riders(
        Mode.CO_CONSTRUCTION,
        alliance={"monitoring_probability": 1.0, "fine": 1.0, "expulsion_after": 1},
        oversight={"audit_cost": 0.0, "audit_accuracy": 1.0},
    )
    model.society.cash = 0.0
    members = model.firms.members()
    n = len(model.firms)
    assert model.last_monitors == [] and set(active_monitors(model, model.mechanics.spec)) == {
        Monitor.AUDIT,
        Monitor.RATING,
    }
    free = members & (model.firms.strategy == Action.FREE_RIDE)  # the leader contributes
    assert free.sum() > 150
    replay = np.random.default_rng(0)
    replay.bit_generator.state = model.streams["governance"].bit_generator.state
    audited = members & (replay.integers(2, size=n) == 0)  # the audit's share, drawn first
    sanctions = model.mechanics.monitor(members, np.zeros(n))
    np.testing.assert_array_equal(sanctions.detected, free & audited)
    np.testing.assert_array_equal(sanctions.expelled, free & audited)
    assert 0 < (free & audited).sum() < free.sum()


def test_leader_pays_monitoring_per_member_and_expels():
    model = free_riders(
        Mode.ENTERPRISE_LED,
        alliance={
            "monitoring_probability": 1.0,
            "monitoring_cost": 0.01,
            "fine": 1.0,
            "expulsion_after": 1,
        },
        oversight={"leader_shields_partners": False, "leader_leniency": 0.0},
    )
    leader = model.leader_row()
    model.firms.strategy[leader] = Action.FREE_RIDE
    members = model.firms.members().copy()
    n = len(model.firms)
    profit = np.zeros(n)
    sanctions = model.mechanics.monitor(members, profit)
    assert profit[leader] == pytest.approx(-0.01 * members.sum())
    np.testing.assert_array_equal(sanctions.detected, members)  # no one shielded
    np.testing.assert_array_equal(sanctions.expelled, members)


def test_leader_partners_are_its_recent_collaborators_only():
    model = free_riders(Mode.ENTERPRISE_LED, oversight={"partner_memory": 3})
    run_checked(model, 2)  # joint projects make collaboration ties
    leader = model.leader_row()
    now = model.steps
    others = np.setdiff1d(np.arange(len(model.firms)), [leader])
    old, fresh_low, fresh_high = others[0], others[1], others[-1]
    model.ties.add(np.array([leader]), np.array([old]), now - 3)  # just out of memory
    model.ties.add(np.array([leader, fresh_high]), np.array([fresh_low, leader]), now - 2)
    expected = {leader}
    for (a, b), used in zip(model.ties.pairs().tolist(), model.ties.last_used, strict=True):
        if leader in (a, b) and now - used < 3:
            expected |= {a, b}
    assert {fresh_low, fresh_high} <= expected and old not in expected
    net = model.network
    neighbours = set(net.indices[net.indptr[leader] : net.indptr[leader + 1]].tolist())
    assert neighbours - expected  # network neighbours alone are not partners
    assert set(np.flatnonzero(leader_partners(model, leader)).tolist()) == expected


@pytest.mark.parametrize(("cost", "p"), [(0.0, 0.4), (0.01, 0.2)])
def test_a_funded_society_rates_with_the_charters_probability(cost, p):
    model = free_riders(
        Mode.SOCIETY_LED,
        alliance={"monitoring_probability": p, "monitoring_cost": cost},
    )
    model.society.cash = 1e6
    members = model.firms.members()
    sanctions = model.mechanics.monitor(members, np.zeros(len(model.firms)))
    share = sanctions.detected.sum() / members.sum()
    assert abs(share - p) < 0.12


def test_an_organiser_without_funds_cannot_monitor_without_a_mode():
    model = free_riders(
        None,
        alliance={"organiser": ["society"], "monitoring_probability": 0.5, "monitoring_cost": 0.01},
        society={"present": True},
    )
    model.society.cash = 0.0
    members = model.firms.members()
    sanctions = charter_monitoring(model, members, np.zeros(len(model.firms)))
    assert not sanctions.detected.any()


def test_members_share_a_small_monitoring_bill_without_an_organiser():
    # 20 firms: the bill 20 x 0.01 = 0.2 MU is below 1 MU and still charged.
    model = free_riders(
        None,
        population={"enterprises": 20},
        alliance={"organiser": [], "monitoring_probability": 0.0, "monitoring_cost": 0.01},
    )
    members = model.firms.members()
    profit = np.zeros(len(model.firms))
    charter_monitoring(model, members, profit)
    np.testing.assert_allclose(profit, np.where(members, -0.01, 0.0))
    assert model.ledger.monitoring_costs == pytest.approx(0.01 * members.sum())


@pytest.mark.parametrize(
    ("mode", "peers", "shares_staff"),
    [
        (Mode.MARKET_ONLY, True, True),
        (Mode.GOVERNMENT_LED, False, False),
    ],
)
def test_member_cost_is_peer_monitoring_plus_a_share_of_unrun_staff(mode, peers, shares_staff):
    # Tight governance, secretariat 3 MU/step: without an operator the members share it.
    model = free_riders(
        mode,
        alliance={"monitoring_cost": 0.02},
        governance={"form": "tight", "tight_staff_cost": 3.0},
    )
    members = int(model.firms.members().sum())
    expected = 0.02 * peers + 3.0 / members * shares_staff
    assert member_cost(model, model.mechanics.spec) == pytest.approx(expected, rel=1e-12)


def test_audits_are_paid_before_subsidies_when_the_budget_is_short():
    """The administration pays audits, then subsidies, then platform (ODD section 3): on
    a budget that cannot cover all, audits are paid in full and subsidies get what is
    left, pro rata; the platform gets nothing."""
    scenario = mode_scenario(
        Mode.GOVERNMENT_LED,
        population={"enterprises": 200},
        administration={"budget_initial": 0.0, "budget_per_step": 1.0, "subsidy": 5.0},
    )
    model = AllianceModel(scenario, rng=2)
    short = 0
    for _ in range(8):
        contributors = model.firms.contributors().copy()
        available = model.administration.budget + 1.0  # with this step's appropriation
        model.step()
        lg = model.ledger
        claimed = 5.0 * float(model.last_contribution[contributors].sum())
        assert lg.public_monitoring <= available + 1e-12
        expected = min(claimed, available - lg.public_monitoring)
        assert lg.subsidies == pytest.approx(expected, abs=1e-12)
        if claimed > expected > 0:
            short += 1
            assert lg.public_platform == pytest.approx(0.0, abs=1e-12)
            assert model.administration.budget == pytest.approx(0.0, abs=1e-12)
    assert short >= 5

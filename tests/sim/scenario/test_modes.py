"""Each construction mode's mechanism: who organises, who pays, who monitors and how,
how benefits are split, and that no public money flows where the mode has none.
These tests never compare how well modes do."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sim.accounting import run_checked
from sim.commands.main import main
from sim.credit_rating import NEUTRAL
from sim.model import AllianceModel
from sim.monitoring import expected_fine
from sim.oversight import leader_partners
from sim.scenario import GovernanceForm, Mode, Organiser, Scenario, ScenarioError, validate_scenario
from sim.scenario.mode_files import deep_merge, mode_scenario
from sim.scenario.modes import MODES, Monitor, mode_problems


def small(mode: Mode, **changes) -> Scenario:
    """The mode's shipped scenario, shrunk to 200 firms, with ``changes`` merged in."""
    return mode_scenario(mode, **deep_merge({"population": {"enterprises": 200}}, changes))


SEED = 11


def test_every_mode_is_listed_by_the_cli_from_the_same_source(capsys):
    assert main(["modes"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(MODES)
    for line, (mode, spec) in zip(lines, MODES.items(), strict=True):
        assert line.split()[0] == mode.value
        assert spec.summary in line


@pytest.mark.parametrize("mode", list(Mode))
def test_mode_scenario_is_consistent_with_its_mode(mode):
    scenario = mode_scenario(mode)
    spec = MODES[mode]
    assert scenario.mode is mode
    assert set(scenario.alliance.organiser) == set(spec.organisers)
    assert mode_problems(scenario) == []


def test_mode_and_organiser_must_agree():
    with pytest.raises(ScenarioError, match="mode 'government_led' is organised by"):
        validate_scenario({"mode": "government_led"}, source="x.yaml")


def test_a_mode_without_public_money_rejects_a_subsidy():
    data = {
        "mode": "enterprise_led",
        "alliance": {"organiser": ["enterprise"]},
        "administration": {"present": True, "subsidy": 0.1, "budget_initial": 10},
    }
    with pytest.raises(ScenarioError, match="has no public money"):
        validate_scenario(data, source="x.yaml")


@pytest.mark.parametrize("mode", [m for m in Mode if not MODES[m].public_money])
@pytest.mark.parametrize("form", list(GovernanceForm))
def test_public_cost_is_zero_where_no_public_money_flows(mode, form):
    model = AllianceModel(small(mode, governance={"form": form.value}), rng=SEED)
    run_checked(model, 15)
    frame = model.dataframe()
    assert (frame["public_cost"] == 0).all()
    assert (frame["subsidies"] == 0).all()
    assert frame["cumulative_public_cost"].iloc[-1] == 0


@pytest.mark.parametrize("mode", list(Mode))
@pytest.mark.parametrize("form", list(GovernanceForm))
def test_accounting_identities_hold_in_every_mode(mode, form):
    model = AllianceModel(small(mode, governance={"form": form.value}), rng=SEED)
    run_checked(model, 15)


# --- market only: peers ---------------------------------------------------------------
def test_market_only_peers_monitor_weakly_and_members_pay():
    extra = all_free_riders(
        alliance={"monitoring_probability": 1.0, "monitoring_cost": 0.02, "expulsion_after": 0},
        oversight={"peer_efficacy": 0.5},
    )
    model = AllianceModel(small(Mode.MARKET_ONLY, **extra), rng=SEED)
    members = int(model.firms.members().sum())
    run_checked(model, 1)
    assert model.last_monitors == [Monitor.PEERS]
    assert model.ledger.monitoring_costs == pytest.approx(0.02 * members)
    assert model.ledger.public_spending == 0
    assert 0.35 < model.last_detected / members < 0.65  # p x efficacy = 0.5


def test_every_mode_shares_by_the_common_rule():
    """The sharing rule is a lever, not part of any mode: one default for all."""
    rules = {mode_scenario(mode).alliance.sharing for mode in Mode}
    assert rules == {Scenario().alliance.sharing}


# --- government-led: audits -----------------------------------------------------------
def test_government_audits_every_kind_of_member_at_public_cost():
    extra = {
        "alliance": {"monitoring_probability": 0.5},
        "oversight": {"audit_cost": 0.1, "audit_accuracy": 1.0},
    }
    model = AllianceModel(small(Mode.GOVERNMENT_LED, **extra), rng=SEED)
    members = int(model.firms.members().sum())
    run_checked(model, 1)
    assert model.last_monitors == [Monitor.AUDIT]
    assert 0.35 * members < model.last_audits < 0.65 * members  # contributors audited too
    assert model.ledger.public_monitoring == pytest.approx(0.1 * model.last_audits)
    assert model.ledger.monitoring_costs == 0  # firms pay nothing for audits


def test_government_audits_are_less_informed():
    extra = all_free_riders(
        alliance={"monitoring_probability": 1.0}, oversight={"audit_accuracy": 0.0}
    )
    model = AllianceModel(small(Mode.GOVERNMENT_LED, **extra), rng=SEED)
    run_checked(model, 1)
    assert model.last_audits > 0 and model.last_detected == 0


def test_government_audits_stop_when_the_budget_is_empty():
    extra = {
        "alliance": {"monitoring_probability": 1.0},
        "administration": {"budget_initial": 0.3, "budget_per_step": 0.0, "subsidy": 0.0},
        "oversight": {"audit_cost": 0.1},
    }
    model = AllianceModel(small(Mode.GOVERNMENT_LED, **extra), rng=SEED)
    run_checked(model, 2)
    assert model.administration.budget >= 0
    assert model.dataframe()["audits"].sum() <= 3


def test_government_pays_subsidies_from_the_public_budget():
    model = AllianceModel(small(Mode.GOVERNMENT_LED), rng=SEED)
    run_checked(model, 3)
    frame = model.dataframe()
    assert frame["subsidies"].iloc[1:].gt(0).all()
    assert (frame["public_cost"] >= frame["subsidies"]).all()


# --- enterprise-led: conflict of interest ----------------------------------------------
def test_leader_founds_the_alliance_as_a_contributor():
    model = AllianceModel(small(Mode.ENTERPRISE_LED), rng=SEED)
    assert model.firms.strategy[model.leader_row()] == 1
    assert Organiser.ENTERPRISE in model.engaged_organisers()


def test_leader_never_sanctions_itself_or_its_partners_and_is_lenient():
    extra = all_free_riders(
        alliance={"monitoring_probability": 1.0, "fine": 1.0, "expulsion_after": 0},
        oversight={"leader_shields_partners": True, "leader_leniency": 0.5},
    )
    model = AllianceModel(small(Mode.ENTERPRISE_LED, **extra), rng=SEED)
    leader = model.leader_row()
    model.firms.strategy[leader] = 2  # the leader free-rides too
    free = model.firms.members()
    run_checked(model, 1)
    shielded = leader_partners(model, leader)  # ties from this step's joint projects count
    assert model.last_monitors == [Monitor.LEADER]
    offences = model.firms.offences
    assert (offences[shielded] == 0).all()
    assert (offences[free & ~shielded] == 1).all()
    owed = model.alliance.charter.contribution_rate * model.firms.capacity  # fine x 1.0
    fined = free & ~shielded
    assert model.ledger.fines_paid == pytest.approx(0.5 * owed[fined].sum())  # leniency 0.5


def test_leader_pays_for_monitoring_and_platform_and_takes_its_cut():
    model = AllianceModel(small(Mode.ENTERPRISE_LED), rng=SEED)
    run_checked(model, 1)
    lg, charter = model.ledger, model.alliance.charter
    members = int(model.firms.members().sum())
    assert lg.platform_paid == pytest.approx(0.5)
    assert lg.monitoring_costs > 0 and lg.public_spending == 0
    assert lg.organiser_cut == pytest.approx(charter.organiser_cut * lg.pool_yield)
    assert lg.cut_received == pytest.approx(lg.organiser_cut)
    assert members > 0
    assert model.dataframe()["organiser_benefit_share"].iloc[-1] > 0


# --- society-led: credit rating --------------------------------------------------------
def test_society_rating_is_soft_no_fines_no_expulsion():
    extra = all_free_riders(
        alliance={"monitoring_probability": 1.0, "fine": 1.0, "expulsion_after": 1}
    )
    model = AllianceModel(small(Mode.SOCIETY_LED, **extra), rng=SEED)
    members = model.firms.members().copy()
    run_checked(model, 1)
    assert model.last_monitors == [Monitor.RATING]
    assert model.last_detected > 0
    assert model.ledger.fines_paid == 0 and model.last_expelled == 0
    caught = members & (model.firms.offences > 0)
    assert (model.firms.rating[caught] < NEUTRAL).all()
    assert not model.firms.certified[caught].any()


def test_credit_rating_is_visible_to_clients():
    model = AllianceModel(small(Mode.SOCIETY_LED, society={"rating_weight": 2.0}), rng=SEED)
    t = model.firms
    member = np.flatnonzero(t.members())[0]
    outsider = np.flatnonzero(t.active & ~t.members())[0]
    t.rating[[member, outsider]] = 0.9
    bonus = model.mechanics.client_bonus(t.members())
    assert bonus[member] == pytest.approx(2.0 * 0.4)
    assert bonus[outsider] == 0


def test_society_pays_for_rating_from_its_funds():
    model = AllianceModel(small(Mode.SOCIETY_LED), rng=SEED)
    cash = model.society.cash
    members = int(model.firms.members().sum())
    run_checked(model, 1)
    cost = model.alliance.charter.monitoring_cost * members
    spent = cash - model.society.cash + model.society.income_last_step
    assert spent == pytest.approx(model.config.society.running_cost + cost)
    assert model.ledger.monitoring_costs == 0


# --- co-construction: combined ------------------------------------------------------
def test_co_construction_combines_audit_and_rating_and_leaders_fund_the_platform():
    model = AllianceModel(small(Mode.CO_CONSTRUCTION), rng=SEED)
    seen = set()
    leader_paid = []
    for _ in range(3):
        engaged = set(model.engaged_organisers())
        run_checked(model, 1)
        expected = {Monitor.AUDIT} | ({Monitor.RATING} if Organiser.SOCIETY in engaged else set())
        assert set(model.last_monitors) == expected
        seen |= expected
        # the leader pays the platform while it is engaged; the public purse never does
        leader_engaged = Organiser.ENTERPRISE in engaged
        assert model.ledger.platform_paid == pytest.approx(0.5 if leader_engaged else 0.0)
        assert model.ledger.public_platform == 0
        leader_paid.append(model.ledger.platform_paid)
    assert seen == {Monitor.AUDIT, Monitor.RATING}
    assert max(leader_paid) == pytest.approx(0.5)
    assert model.dataframe()["public_cost"].iloc[1:].gt(0).all()


def test_co_construction_support_is_time_limited():
    scenario = mode_scenario(Mode.CO_CONSTRUCTION)
    kinds = [e.kind.value for e in scenario.events]
    assert "subsidy_phase_out" in kinds


def test_custom_scenario_keeps_legacy_monitoring():
    scenario = Scenario.model_validate({"population": {"enterprises": 100}})
    model = AllianceModel(scenario, rng=SEED)
    run_checked(model, 2)
    assert model.mechanics.spec is None and model.last_monitors == []


def all_free_riders(**extra) -> dict:
    """Every firm starts as a free-riding member and cannot change (learning off)."""
    return deep_merge(
        {
            "population": {
                "initial_member_share": 1.0,
                "initial_contributor_share": 0.0,
                "entry_rate": 0.0,
            },
            "decisions": {"enterprise": {"update_probability": 0.0, "exploration": 0.0}},
        },
        extra,
    )


def test_expected_fine_follows_each_monitor():
    extra = {
        "alliance": {"monitoring_probability": 0.5, "fine": 2.0},
        "oversight": {"audit_accuracy": 0.4, "peer_efficacy": 0.3, "leader_leniency": 0.25},
    }
    who = np.arange(5)
    owed = np.array([0.1, 0.2, 0.3, 0.5, 0.7])  # MU each would owe: the fine's base
    gov = AllianceModel(small(Mode.GOVERNMENT_LED, **extra), rng=SEED)
    expected = 0.5 * 0.4 * 2.0 * owed  # detection x accuracy x fine multiple x owed
    assert expected_fine(gov, gov.mechanics.spec, who, owed) == pytest.approx(expected)
    peers = AllianceModel(small(Mode.MARKET_ONLY, **extra), rng=SEED)
    assert expected_fine(peers, peers.mechanics.spec, who, owed) == pytest.approx(0.3 * owed)
    soc = AllianceModel(small(Mode.SOCIETY_LED, **extra), rng=SEED)
    assert (expected_fine(soc, soc.mechanics.spec, who, owed) == 0).all()
    firm = AllianceModel(small(Mode.ENTERPRISE_LED, **extra), rng=SEED)
    leader = np.array([firm.leader_row()])
    assert expected_fine(firm, firm.mechanics.spec, leader, owed[:1]) == pytest.approx([0.0])
    others = np.flatnonzero(~leader_partners(firm, firm.leader_row()))[:5]
    lenient = 0.5 * 2.0 * (1 - 0.25) * owed  # the leader waives a quarter of each fine
    assert expected_fine(firm, firm.mechanics.spec, others, owed) == pytest.approx(lenient)


@pytest.mark.parametrize("mode", list(Mode))
def test_logit_best_response_runs_in_every_mode(mode):
    rule = {"decisions": {"enterprise": {"rule": "logit_best_response"}}}
    model = AllianceModel(small(mode, **rule), rng=SEED)
    run_checked(model, 3)


def test_run_prints_the_policy_outcomes_and_events(capsys, tmp_path):
    path = Path(__file__).resolve().parents[3] / "scenarios" / "co_construction.yaml"
    args = [
        "run",
        str(path),
        "--steps",
        "102",
        "--seed",
        "1",
        "--set",
        "population.enterprises=200",
        "--out",
        str(tmp_path / "run"),
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "collapse_step" in out and "retention_after_support" in out
    assert "events fired: subsidy_phase_out@100" in out


@pytest.mark.parametrize("mode", list(Mode))
def test_benefits_are_split_by_the_modes_rule(mode):
    """Payout = nu * kept / M + (1 - nu) * kept * w_i / sum w, kept = yield - organisers' cut,
    with w by the charter's rule (equal, contribution or capacity)."""
    model = AllianceModel(small(mode, population={"entry_rate": 0.0}), rng=SEED)
    t = model.firms
    members, contributors = t.members().copy(), t.contributors().copy()
    contribution = model.alliance.charter.contribution_rate * t.capacity
    run_checked(model, 1)
    lg, charter = model.ledger, model.alliance.charter
    if not model.alliance.active:
        pytest.skip("alliance inactive in this draw")
    kept = lg.pool_yield - lg.organiser_cut
    weight = {
        "equal": members.astype(float),
        "contribution": np.where(contributors, contribution, 0.0),
        "capacity": np.where(members, t.capacity, 0.0),
    }[charter.sharing.value]
    nu = charter.non_excludable_share
    expected = np.where(members, nu * kept / members.sum(), 0.0)
    expected += (1 - nu) * kept * weight / weight.sum()
    assert model.last_pool_payout == pytest.approx(expected)


MODE_MODULES = (
    "scenario/modes",
    "monitoring",
    "mode_mechanics",
    "credit_rating",
    "governance_form",
    "events",
    "output/outcome_tracker",
    "scenario/mode_files",
    "accounting",
)


@pytest.mark.parametrize("name", MODE_MODULES)
def test_mode_modules_use_no_global_random_state(name):
    source = (Path(__file__).resolve().parents[3] / "sim" / f"{name}.py").read_text()
    assert "np.random." not in source and "import random" not in source


# --- the leading enterprise as organiser ----------------------------------------------
def _leader_stays(model: AllianceModel, steps: int) -> list[bool]:
    """Whether the founding leader is still a member after each step (a leader that
    leaves is succeeded or not, sim/roster.py: the founder is followed, not the lead)."""
    founder = model.leader_row()
    stayed = []
    for _ in range(steps):
        run_checked(model, 1)
        stayed.append(bool(model.firms.strategy[founder] != 0))
    return stayed


def test_leader_anchors_while_organising_pays_it():
    # The leader keeps a cut of the yield and pays nothing for monitoring or platform:
    # organising pays, so it never leaves, whatever its neighbours earn.
    model = AllianceModel(
        small(
            Mode.ENTERPRISE_LED,
            population={"entry_rate": 0.0},
            alliance={
                "organiser_cut": 0.3,
                "monitoring_cost": 0.0,
                "platform": {"organiser_investment": 0.0},
            },
        ),
        rng=SEED,
    )
    assert all(_leader_stays(model, 30))
    assert model.leadership.benefit > 0


def test_leader_leaves_when_organising_costs_more_than_it_brings():
    # No cut, and a platform bill far above anything the alliance returns to it.
    model = AllianceModel(
        small(
            Mode.ENTERPRISE_LED,
            alliance={"organiser_cut": 0.0, "platform": {"organiser_investment": 50.0}},
            decisions={"leader": {"commitment": 0}},
        ),
        rng=SEED,
    )
    founder = model.leader_row()
    for _ in range(10):
        run_checked(model, 1)
        if model.firms.strategy[founder] == 0:  # it left: by its own negative estimate
            assert model.leadership.row == founder and model.leadership.benefit < 0
            break
    else:
        pytest.fail("the leader never left")
    assert model.leader_row() != founder  # succeeded by a member, or by none


def test_as_enterprise_rule_leaves_the_leader_to_the_firms_rule():
    scenario = small(Mode.ENTERPRISE_LED, decisions={"leader": {"rule": "as_enterprise"}})
    assert AllianceModel(scenario, rng=SEED).leadership is None
    assert AllianceModel(small(Mode.ENTERPRISE_LED), rng=SEED).leadership is not None
    assert AllianceModel(small(Mode.SOCIETY_LED), rng=SEED).leadership is None


# --- who receives fees and the cut ----------------------------------------------------
def test_fees_go_to_the_modes_collector_and_the_cut_to_its_holder():
    """Co-construction: the society collects the fees (less the platform's share), the
    leading enterprise keeps the cut; the administration receives neither."""
    model = AllianceModel(small(Mode.CO_CONSTRUCTION), rng=SEED)
    budget_before = model.administration.budget
    run_checked(model, 1)
    lg, charter = model.ledger, model.alliance.charter
    share = model.config.alliance.platform.investment_share
    assert lg.fees_paid > 0 and lg.organiser_cut > 0
    assert model.society.income_last_step == pytest.approx((1 - share) * lg.fees_paid)
    assert lg.cut_received == pytest.approx(lg.organiser_cut)  # all of it to the leader
    assert lg.fees_received == 0  # no fee reached a firm
    assert lg.public_receipts == 0  # nothing to the administration
    spent = model.administration.spec.budget_per_step - lg.public_spending
    assert model.administration.budget == pytest.approx(budget_before + spent)
    assert charter.fees_to.value == "organiser"


def test_no_cut_while_the_cut_holder_is_not_engaged():
    """The leader holds the cut; with the leader outside, the other organisers run the
    alliance but nobody takes a cut."""
    model = AllianceModel(small(Mode.CO_CONSTRUCTION), rng=SEED)
    leader = model.leader_row()
    model.firms.strategy[leader] = 0  # the leader stays out this step
    model.step()
    assert model.ledger.pool_yield > 0
    assert model.ledger.organiser_cut == 0

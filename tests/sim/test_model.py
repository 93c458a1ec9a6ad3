"""AllianceModel: a Mesa 3.5 model built from a scenario, its staged step, entry and
exit, admission and bans, organisers, and what the switches of the scenario do."""

from __future__ import annotations

import mesa
import numpy as np
import pandas as pd
import pytest

from agents.action import Action
from sim.model import AllianceModel
from sim.scenario import Organiser


def test_is_a_mesa_model_and_records_step_zero(make_scenario):
    model = AllianceModel(make_scenario(enterprises=100), rng=7)
    assert isinstance(model, mesa.Model)
    frame = model.dataframe()
    assert frame["step"].tolist() == [0]
    model.step()
    model.step()
    assert model.steps == 2
    frame = model.run(3)
    assert isinstance(frame, pd.DataFrame)
    assert frame["step"].tolist() == [0, 1, 2, 3, 4, 5]


def test_run_defaults_to_the_scenario_steps(make_scenario):
    model = AllianceModel(make_scenario(enterprises=100, steps=4), rng=1)
    assert len(model.run()) == 5


def test_mesa_run_for_steps_the_model(make_scenario):
    model = AllianceModel(make_scenario(enterprises=100), rng=1)
    model.run_for(3)
    assert model.steps == 3
    assert model.dataframe()["step"].tolist() == [0, 1, 2, 3]


def test_same_firms_network_and_entry_whether_or_not_the_market_runs(make_scenario):
    """Each stage draws from its own stream: switching the market off does not shift
    the founding of firms, the network or the draws of entrants (how many enter
    answers to profit, so an entry wave fixes the number here)."""
    wave = {"events": [{"kind": "entry_wave", "step": 2, "entrants": 30}]}
    on = AllianceModel(make_scenario({"market": {"enabled": True}, **wave}), rng=3)
    off = AllianceModel(make_scenario({"market": {"enabled": False}, **wave}), rng=3)
    for column in ("capacity", "quality", "segment", "strategy", "cash"):
        np.testing.assert_array_equal(getattr(on.firms, column), getattr(off.firms, column))
    np.testing.assert_array_equal(on.network.indices, off.network.indices)
    on.run(2)
    off.run(2)
    new_on = np.flatnonzero(on.firms.active & (on.firms.born == 2))
    new_off = np.flatnonzero(off.firms.active & (off.firms.born == 2))
    assert len(new_on) >= 30
    if len(new_on) == len(new_off) == 30:  # no regular entrant in either run
        for column in ("capacity", "quality", "segment"):
            np.testing.assert_array_equal(
                getattr(on.firms, column)[new_on], getattr(off.firms, column)[new_off]
            )


def test_market_off_means_no_market_flows(make_scenario):
    model = AllianceModel(make_scenario({"market": {"enabled": False}}), rng=1)
    frame = model.run(5)
    assert (frame["projects"] == 0).all()
    assert model.ledger.revenue == model.ledger.fixed_cost == model.ledger.variable_cost == 0


def test_bankrupt_firms_exit_and_entrants_arrive(make_scenario):
    scenario = make_scenario(
        {"market": {"fixed_cost_per_capacity": 2.0}, "population": {"entry_rate": 0.05}},
        enterprises=200,
    )
    model = AllianceModel(scenario, rng=4)
    frame = model.run(10)
    assert frame["exits"].sum() > 0 and frame["entrants"].sum() > 0
    changes = frame["entrants"] - frame["exits"]
    np.testing.assert_array_equal(np.diff(frame["enterprises"]), changes.iloc[1:])
    t = model.firms
    assert (t.cash[t.active] >= 0).all()


def test_entrants_start_outside_unless_membership_is_compulsory(make_scenario):
    for strategies, outside in (
        (["outside", "contribute", "free_ride"], True),
        (["contribute", "free_ride"], False),
    ):
        scenario = make_scenario(
            {
                "population": {"entry_rate": 0.0},
                "market": {"enabled": False},
                "decisions": {"enterprise": {"strategies": strategies}},
                "events": [{"kind": "entry_wave", "step": 1, "entrants": 40}],
            }
        )
        model = AllianceModel(scenario, rng=2)
        model.step()
        born = np.flatnonzero(model.firms.active & (model.firms.born == 1))
        assert len(born) > 0
        assert (model.firms.strategy[born] == Action.OUTSIDE).all() == outside
        assert (model.firms.strategy[born] != Action.OUTSIDE).all() == (not outside)


def test_entrants_can_observe_someone_on_the_network(make_scenario):
    """An entrant sits on the business network like any other firm: it has neighbours
    to learn from (otherwise imitation never reaches it and it keeps its entry stance
    for ever)."""
    scenario = make_scenario(
        {
            "population": {"entry_rate": 0.0},
            "market": {"enabled": False},
            "network": {"kind": "small_world"},
            "events": [{"kind": "entry_wave", "step": 4, "entrants": 60}],
        },
        enterprises=200,
    )
    model = AllianceModel(scenario, rng=3)
    model.run(10)
    rows = np.flatnonzero(model.firms.active)
    assert len(rows) > 200  # the table grew: entrants took new slots
    observed = model.network.sample_one(rows, np.random.default_rng(0))
    isolated = rows[observed < 0]
    assert len(isolated) == 0, f"{len(isolated)} firms in business have no neighbour"


def test_nobody_revises_when_update_probability_is_zero(make_scenario):
    scenario = make_scenario(
        {
            "decisions": {"enterprise": {"update_probability": 0.0, "exploration": 1.0}},
            "alliance": {"monitoring_probability": 0.0},
            "population": {"entry_rate": 0.0},
        }
    )
    model = AllianceModel(scenario, rng=1)
    before = model.firms.strategy.copy()
    model.run(5)
    np.testing.assert_array_equal(model.firms.strategy, before)


def test_random_sequential_updating_runs_and_differs_from_synchronous(make_scenario):
    frames = {}
    for updating in ("synchronous", "random_sequential"):
        scenario = make_scenario({"decisions": {"enterprise": {"updating": updating}}})
        frames[updating] = AllianceModel(scenario, rng=5).run(8)
    assert not frames["synchronous"]["members"].equals(frames["random_sequential"]["members"])


def test_disabled_alliance_has_no_members(make_scenario):
    scenario = make_scenario({"alliance": {"enabled": False}})  # 30 % would start inside
    frame = AllianceModel(scenario, rng=1).run(10)
    assert (frame["members"] == 0).all()
    assert not frame["alliance_active"].any()


def test_admission_rule_holds_for_every_firm_that_joins(make_scenario):
    scenario = make_scenario(
        {
            "alliance": {"admission": "min_quality", "admission_threshold": 0.5},
            "decisions": {"enterprise": {"exploration": 0.3}},
        }
    )
    model = AllianceModel(scenario, rng=4)
    was_member = model.firms.members().copy()
    for _ in range(8):
        model.step()
        t = model.firms
        new = t.members() & ~np.resize(was_member, len(t))
        assert (t.quality[new] >= 0.5).all()
        was_member = np.resize(was_member, len(t)) | t.members()


def test_starting_members_meet_the_admission_rule(make_scenario):
    """The charter's admission rule applies to the members the run starts with too."""
    scenario = make_scenario({"alliance": {"admission": "min_quality", "admission_threshold": 0.6}})
    model = AllianceModel(scenario, rng=4)
    t = model.firms
    assert t.members().any()
    assert (t.quality[t.members()] >= 0.6).all()


def test_expelled_firms_stay_out_until_their_ban_ends(make_scenario):
    scenario = make_scenario(
        {
            "alliance": {
                "monitoring_probability": 1.0,
                "fine": 0.0,
                "expulsion_after": 1,
                "readmission_ban": 4,
            },
            "decisions": {"enterprise": {"exploration": 0.5}},
            "population": {"entry_rate": 0.0},
        }
    )
    model = AllianceModel(scenario, rng=6)
    monitor = model.alliance.monitor
    expelled_at: dict[int, int] = {}

    def spy(*args, **kwargs):
        sanctions = monitor(*args, **kwargs)
        for row in np.flatnonzero(sanctions.expelled):
            expelled_at[int(row)] = model.steps
        return sanctions

    model.alliance.monitor = spy
    for _ in range(12):
        model.step()
        t = model.firms
        for row, step in expelled_at.items():
            if model.steps < step + 4 and t.active[row]:
                assert t.strategy[row] == Action.OUTSIDE, (row, step, model.steps)
    expelled = len(expelled_at)
    rejoined = [r for r, s in expelled_at.items() if s + 4 <= 12 and model.firms.strategy[r] != 0]
    assert rejoined  # and after the ban they may come back
    assert expelled > 0


def test_repeat_offenders_are_expelled_after_k_detections(make_scenario):
    scenario = make_scenario(
        {
            "alliance": {"monitoring_probability": 1.0, "fine": 0.0, "expulsion_after": 2},
            "decisions": {"enterprise": {"update_probability": 0.0, "exploration": 0.0}},
            "population": {"entry_rate": 0.0, "initial_member_share": 1.0},
            "market": {"enabled": False},
        }
    )
    model = AllianceModel(scenario, rng=6)
    free_riders = model.firms.free_riders().copy()
    assert free_riders.any()
    model.step()
    assert model.last_detected == free_riders.sum() and model.last_expelled == 0
    assert (model.firms.offences[free_riders] == 1).all()
    model.step()
    assert model.last_expelled == free_riders.sum()
    assert (model.firms.strategy[free_riders] == Action.OUTSIDE).all()


def test_enterprise_organiser_engages_only_while_the_leader_is_a_member(make_scenario):
    scenario = make_scenario({"alliance": {"organiser": ["enterprise"]}})
    model = AllianceModel(scenario, rng=2)
    leader = model.leader_row()
    assert model.firms.capacity[leader] == model.firms.capacity[model.firms.active].max()
    model.firms.strategy[leader] = Action.OUTSIDE
    assert model.engaged_organisers() == []
    model.firms.strategy[leader] = Action.CONTRIBUTE
    assert model.engaged_organisers() == [Organiser.ENTERPRISE]


def _largest_active(model: AllianceModel) -> int:
    t = model.firms
    rows = np.flatnonzero(t.active)
    return int(rows[np.argmax(t.capacity[rows])]) if len(rows) else -1


def test_the_leader_stays_the_founder_through_exits_and_entries(make_scenario):
    """Bankruptcies and entrants around the leading enterprise do not move the lead while
    it is in business and a member (sim/roster.py; succession is scripted in
    test_leader_succession.py)."""
    scenario = make_scenario(
        {
            "market": {"fixed_cost_per_capacity": 1.5},
            "population": {"entry_rate": 0.1},
            "alliance": {"organiser": ["enterprise"]},
            "decisions": {"leader": {"commitment": 10_000}},
            "events": [{"kind": "entry_wave", "step": 6, "entrants": 30}],
        },
        enterprises=150,
    )
    model = AllianceModel(scenario, rng=4)
    founder = model.leader_row()
    assert founder == _largest_active(model)
    model.firms.cash[founder] = 1e6  # it weathers the harsh market that others do not
    exits = entrants = 0
    for _ in range(12):
        model.step()
        exits += model.last_exits
        entrants += model.last_entrants
        assert model.firms.active[founder] and model.leader_row() == founder
    assert exits > 0 and entrants > 0


def test_alliance_stops_when_its_only_organiser_withdraws(make_scenario):
    scenario = make_scenario(
        {
            "administration": {"present": True, "budget_initial": 100.0, "subsidy": 1.0},
            "alliance": {"organiser": ["administration"], "fee": 0.1},
        }
    )
    model = AllianceModel(scenario, rng=1)
    model.step()
    assert model.alliance.active and model.ledger.fees_paid > 0 and model.ledger.subsidies > 0
    model.administration.backing = False  # it withdrew at the end of the last step
    model.step()
    lg = model.ledger
    assert not model.alliance.active
    assert lg.fees_paid == lg.pool_yield == lg.subsidies == lg.contributions == 0.0
    assert not model.dataframe()["alliance_active"].iloc[-1]


def test_society_trains_members_towards_quality_one(make_scenario):
    scenario = make_scenario(
        {
            "society": {
                "present": True,
                "training_rate": 0.2,
                "budget_initial": 1e6,
                "running_cost": 0.0,
            },
            "population": {"entry_rate": 0.0},
        }
    )
    model = AllianceModel(scenario, rng=1)
    q0 = model.firms.quality.copy()
    model.step()
    t = model.firms
    assert (t.quality >= q0 - 1e-15).all()
    assert (t.quality <= 1.0).all()
    assert (t.quality > q0).any()


def test_fees_are_paid_by_members_of_a_running_alliance(make_scenario):
    scenario = make_scenario({"alliance": {"fee": 0.07}})
    model = AllianceModel(scenario, rng=3)
    for _ in range(5):
        members_before = int(model.firms.members().sum())
        model.step()
        expected = 0.07 * members_before if model.alliance.active else 0.0
        assert model.ledger.fees_paid == pytest.approx(expected, rel=1e-12)


def test_tiny_population_with_teams_runs(make_scenario):
    """Fewer firms in business than a team holds (after exits, or by design) is a state
    the model must handle: no team runs."""
    scenario = make_scenario(
        {
            "alliance": {"group_structure": "teams", "team_size": 5},
            "network": {"kind": "well_mixed"},
        },
        enterprises=4,
    )
    frame = AllianceModel(scenario, rng=1).run(3)
    assert (frame["pool_yield"] == 0).all()


def test_switching_costs_are_paid_in_the_step_after_the_move(make_scenario):
    """Joining costs are charged in the next step's profit, so reinforcement learners feel
    them in the payoff of the step after they moved (agents/decisions/)."""
    scenario = make_scenario(
        {
            "market": {"enabled": False},
            "population": {"entry_rate": 0.0, "initial_member_share": 0.0},
            "alliance": {
                "synergy": 0.0,
                "fee": 0.0,
                "contribution_rate": 0.0,
                "monitoring_probability": 0.0,
                "monitoring_cost": 0.0,
            },
            "decisions": {
                "enterprise": {
                    "rule": "bush_mosteller",
                    "join_cost": 3.0,
                    "leave_cost": 0.0,
                    "payoff_memory": 1.0,
                    "update_probability": 1.0,
                }
            },
        }
    )
    model = AllianceModel(scenario, rng=5)
    model.step()
    joined = model.firms.active & (model.firms.strategy != Action.OUTSIDE)
    assert joined.any()
    assert model.ledger.switching_costs == 0.0  # nothing charged in the step of the move
    model.step()
    assert model.ledger.switching_costs == pytest.approx(3.0 * joined.sum())
    np.testing.assert_allclose(model.firms.profit[joined], -3.0)
    per_cap = -3.0 / model.firms.capacity[joined]
    np.testing.assert_allclose(model.firms.payoff[joined], per_cap)


@pytest.mark.parametrize("active", [True, False])
def test_platform_depreciates_in_a_step_without_investment(make_scenario, active):
    # No fee and no organiser investment: nothing goes into the platform, and the stock
    # loses its depreciation share all the same, whether or not the alliance runs.
    scenario = make_scenario(
        {
            "alliance": {
                "fee": 0.0,
                "enabled": active,
                "platform": {"depreciation": 0.1, "organiser_investment": 0.0},
            },
            "governance": {"form": "loose"},
        },
        enterprises=60,
    )
    model = AllianceModel(scenario, rng=1)
    model.alliance.platform_stock = 10.0
    model.step()
    assert model.ledger.platform_investment == 0
    assert model.alliance.platform_stock == pytest.approx(9.0)


@pytest.mark.parametrize("mode", [None, "market_only"])
def test_no_organiser_takes_no_cut(make_scenario, mode):
    # Without an organiser the members keep the whole yield, whatever the charter's cut.
    overrides = {"alliance": {"organiser": [], "organiser_cut": 0.2}}
    if mode:
        overrides["mode"] = mode
    model = AllianceModel(make_scenario(overrides, enterprises=80), rng=2)
    model.step()
    lg = model.ledger
    assert lg.pool_yield > 0
    assert lg.organiser_cut == 0 and lg.cut_received == 0 and lg.organiser_receipts == 0
    assert lg.pool_payouts == pytest.approx(lg.pool_yield, rel=1e-12)

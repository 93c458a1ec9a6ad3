"""The decision stage (sim.decision_stage): what firms may choose, what the deciding
firms see, who revises at once, the leader's own decision, the switching costs booked
and paid, and the organisations' stance. Expectations are set by hand in each test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from agents.action import Action
from sim.model import AllianceModel
from sim.scenario import Mode, load_scenario
from sim.scenario.mode_files import mode_scenario

REFERENCE = Path(__file__).resolve().parents[2] / "scenarios" / "reference"
JOIN, LEAVE = 3.0, 5.0  # distinct, so that a swapped cost shows


def capture_views(model: AllianceModel) -> list[tuple]:
    """Record (view, who) of each call of the firms' rule, then let it decide."""
    calls = []
    choose = model.rule.choose

    def recording(view, who, rng):
        calls.append((view, np.array(who)))
        return choose(view, who, rng)

    model.rule.choose = recording
    return calls


# --- what firms may choose ---------------------------------------------------------------


def test_outside_is_open_to_every_slot_when_offered_and_to_none_when_membership_is_compulsory(
    make_scenario,
):
    model = AllianceModel(make_scenario(enterprises=40), rng=1)
    allowed = model.allowed_strategies()
    assert allowed.dtype == bool and allowed.shape == (len(model.firms), len(Action))
    assert allowed[:, Action.OUTSIDE].all()
    compulsory = {"decisions": {"enterprise": {"strategies": ["contribute", "free_ride"]}}}
    model = AllianceModel(make_scenario(compulsory, enterprises=40), rng=1)
    allowed = model.allowed_strategies()
    assert not allowed[:, Action.OUTSIDE].any()
    assert allowed[:, Action.CONTRIBUTE].all() and allowed[:, Action.FREE_RIDE].all()


def test_a_strategy_not_offered_is_closed(make_scenario):
    no_free_riding = {"decisions": {"enterprise": {"strategies": ["outside", "contribute"]}}}
    allowed = AllianceModel(make_scenario(no_free_riding, enterprises=40), 1).allowed_strategies()
    assert allowed[:, Action.OUTSIDE].all() and allowed[:, Action.CONTRIBUTE].all()
    assert not allowed[:, Action.FREE_RIDE].any()


def test_a_disabled_alliance_is_closed_to_everyone(make_scenario):
    model = AllianceModel(make_scenario({"alliance": {"enabled": False}}, enterprises=40), 1)
    allowed = model.allowed_strategies()
    assert allowed[:, Action.OUTSIDE].all()
    assert not allowed[:, [Action.CONTRIBUTE, Action.FREE_RIDE]].any()


def test_a_capacity_threshold_keeps_small_outsiders_out_but_lets_small_members_stay(
    make_scenario,
):
    threshold = 5.0
    scenario = make_scenario(
        {"alliance": {"admission": "min_capacity", "admission_threshold": threshold}},
        enterprises=40,
    )
    model = AllianceModel(scenario, rng=1)
    t = model.firms
    t.capacity[:4] = [threshold - 0.5, threshold, threshold - 0.5, threshold + 1.0]
    t.strategy[:4] = [Action.OUTSIDE, Action.OUTSIDE, Action.CONTRIBUTE, Action.OUTSIDE]
    t.banned_until[:4] = 0
    allowed = model.allowed_strategies()
    assert allowed[:4, Action.CONTRIBUTE].tolist() == [False, True, True, True]
    assert allowed[:4, Action.FREE_RIDE].tolist() == [False, True, True, True]


def test_only_certified_outsiders_may_join_under_certified_admission(make_scenario):
    scenario = make_scenario(
        {
            "alliance": {"admission": "certified"},
            "society": {"present": True, "certification_threshold": 0.5},
        },
        enterprises=40,
    )
    model = AllianceModel(scenario, rng=1)
    t = model.firms
    t.strategy[:3] = Action.OUTSIDE
    t.certified[:3] = [True, False, True]
    t.banned_until[:3] = 0
    assert model.allowed_strategies()[:3, Action.CONTRIBUTE].tolist() == [True, False, True]


def test_a_ban_ends_at_its_step(make_scenario):
    """``banned_until`` is the step until which a firm may not rejoin: at that step it may."""
    model = AllianceModel(make_scenario(enterprises=40), rng=1)
    model.run(3)
    t = model.firms
    rows = np.flatnonzero(t.active)[:3]
    t.strategy[rows] = Action.OUTSIDE
    t.banned_until[rows] = [model.steps - 1, model.steps, model.steps + 1]
    assert model.allowed_strategies()[rows, Action.CONTRIBUTE].tolist() == [True, True, False]


# --- what the deciding firms see ---------------------------------------------------------


def test_firms_compare_profit_per_capacity_including_capacities_below_one(make_scenario):
    scenario = make_scenario(
        {
            "population": {"capacity_minimum": 0.2, "capacity_maximum": 3.0, "entry_rate": 0.0},
            "decisions": {"enterprise": {"payoff_memory": 1.0, "payoff_measure": "per_capacity"}},
        },
        enterprises=60,
    )
    model = AllianceModel(scenario, rng=3)
    model.step()
    t = model.firms
    assert (t.capacity[t.active] <= 1.0).any()
    np.testing.assert_allclose(t.payoff[t.active], t.profit[t.active] / t.capacity[t.active])


def test_firms_compare_total_profit_under_the_total_measure(make_scenario):
    scenario = make_scenario(
        {
            "population": {"capacity_minimum": 0.2, "capacity_maximum": 3.0, "entry_rate": 0.0},
            "decisions": {"enterprise": {"payoff_memory": 1.0, "payoff_measure": "total"}},
        },
        enterprises=60,
    )
    model = AllianceModel(scenario, rng=3)
    calls = capture_views(model)
    t = model.firms
    gone = np.array([0, 1])
    model.exit_firms(gone)
    t.payoff[gone] = 5.0  # what they compared before they left
    model.step()
    np.testing.assert_allclose(t.payoff[t.active], t.profit[t.active])
    assert (t.payoff[gone] == 0).all()  # a slot without a firm compares nothing
    assert calls[0][0].cost_scale is None  # costs in MU, as the payoffs


def test_the_view_carries_the_switch_costs_in_the_units_of_the_payoffs(make_scenario):
    scenario = make_scenario(
        {
            "population": {"capacity_minimum": 0.5, "capacity_maximum": 4.0, "entry_rate": 0.0},
            "decisions": {
                "enterprise": {
                    "join_cost": JOIN,
                    "leave_cost": LEAVE,
                    "payoff_measure": "per_capacity",
                    "rule": "fermi",
                }
            },
        },
        enterprises=60,
    )
    model = AllianceModel(scenario, rng=3)
    calls = capture_views(model)
    model.step()
    view = calls[0][0]
    o, c, f = Action.OUTSIDE, Action.CONTRIBUTE, Action.FREE_RIDE
    expected = np.zeros((3, 3))
    expected[o, c] = expected[o, f] = JOIN
    expected[c, o] = expected[f, o] = LEAVE
    np.testing.assert_array_equal(view.switch_cost, expected)
    live = model.firms.active
    np.testing.assert_allclose(view.cost_scale[live], 1.0 / model.firms.capacity[live])
    assert view.counterfactual is None  # only the best response needs the counterfactual
    assert view.pair_scale is None  # observed spread: no pair normaliser


def test_only_the_best_response_is_given_the_alliance_counterfactual(make_scenario):
    model = AllianceModel(make_scenario(enterprises=60), rng=3)
    calls = capture_views(model)
    model.step()
    assert callable(calls[0][0].counterfactual)


@pytest.mark.parametrize("normalisation", ["observed_spread", "max_difference"])
def test_the_pair_normaliser_is_max_degree_times_temptation_under_max_difference(normalisation):
    """Santos & Pacheco (2005): in the prisoner's dilemma with S = P = 0 the normaliser of
    a pair is the larger degree times the temptation T (the network's degrees give it
    without the payoff bounds)."""
    temptation = 1.4
    scenario = load_scenario(
        REFERENCE / "network_pd.yaml",
        [
            "population.enterprises=200",
            f"alliance.pairwise.temptation={temptation}",
            f"decisions.enterprise.normalisation={normalisation}",
        ],
    )
    model = AllianceModel(scenario, rng=2)
    seen = []
    calls = capture_views(model)
    choose = model.rule.choose

    def normaliser_at_decision(view, who, rng):
        x, y = np.arange(0, 100), np.arange(100, 200)
        seen.append(None if view.pair_scale is None else view.pair_scale(x, y))
        return choose(view, who, rng)

    model.rule.choose = normaliser_at_decision
    model.firms.strategy[:] = Action.CONTRIBUTE  # all members: partners = degree
    model.step()
    assert calls
    if normalisation == "observed_spread":
        assert seen[0] is None
    else:
        degree = model.network.degree()
        x, y = np.arange(0, 100), np.arange(100, 200)
        np.testing.assert_allclose(seen[0], np.maximum(degree[x], degree[y]) * temptation)


def test_max_difference_without_a_neighbourhood_gives_no_pair_normaliser(make_scenario):
    """An alliance-wide pool has no finite neighbourhood: no bound, no normaliser."""
    scenario = make_scenario(
        {"decisions": {"enterprise": {"rule": "fermi", "normalisation": "max_difference"}}},
        enterprises=60,
    )
    model = AllianceModel(scenario, rng=3)
    calls = capture_views(model)
    model.step()
    assert calls[0][0].pair_scale is None


# --- who revises at once -----------------------------------------------------------------


@pytest.mark.parametrize("updating", ["synchronous", "random_sequential"])
def test_synchronous_revisers_decide_together_and_sequential_ones_one_by_one(
    make_scenario, updating
):
    scenario = make_scenario(
        {
            "decisions": {
                "enterprise": {"rule": "fermi", "update_probability": 1.0, "updating": updating}
            },
            "population": {"entry_rate": 0.0},
        },
        enterprises=30,
    )
    model = AllianceModel(scenario, rng=3)
    calls = capture_views(model)
    model.step()
    active = np.flatnonzero(model.firms.active)
    if updating == "synchronous":
        assert len(calls) == 1
        np.testing.assert_array_equal(np.sort(calls[0][1]), active)
    else:
        assert len(calls) == len(active) and all(len(who) == 1 for _, who in calls)
        assert sorted(int(who[0]) for _, who in calls) == active.tolist()


# --- the leader's own decision -----------------------------------------------------------


def leader_model(row: int | None = None) -> AllianceModel:
    model = AllianceModel(mode_scenario(Mode.ENTERPRISE_LED, population={"enterprises": 60}), 2)
    if row is not None:
        t = model.firms
        t.capacity[row] = t.capacity[t.active].max() + 1.0
        model._found_leader()
        assert model.leader_row() == row
    return model


def record_leader(model: AllianceModel) -> list[tuple[int, float]]:
    seen = []
    observe = model.leadership.observe

    def recording(row, alliance_part):
        seen.append((row, alliance_part))
        return observe(row, alliance_part)

    model.leadership.observe = recording
    return seen


@pytest.mark.parametrize("row", [0, 7])
def test_the_leader_weighs_its_profit_net_of_the_market_and_the_loners_payoff(row):
    """What organising brings the leader: its profit less what the market and the
    loner's payoff would have given it anyway (5 - 2 - 0.5 = 2.5); row 0 is a row."""
    model = leader_model(row)
    seen = record_leader(model)
    model.firms.profit[row], model.market_profit[row], model.last_loner[row] = 5.0, 2.0, 0.5
    model._leader_decides(model.allowed_strategies())
    assert seen == [(row, pytest.approx(2.5))]


def test_a_leader_beyond_the_last_pools_rows_has_no_loners_payoff():
    model = leader_model(7)
    seen = record_leader(model)
    model.firms.profit[7], model.market_profit[7] = 5.0, 2.0
    model.last_loner = np.full(7, 9.0)  # the last pool did not reach row 7
    model._leader_decides(model.allowed_strategies())
    assert seen == [(7, pytest.approx(3.0))]


def test_the_leaders_choice_holds_only_where_allowed():
    model = leader_model(7)
    model.leadership.choice = lambda: Action.OUTSIDE
    model.firms.strategy[7] = Action.CONTRIBUTE
    allowed = model.allowed_strategies()
    allowed[7, Action.OUTSIDE] = False
    model._leader_decides(allowed)
    assert model.firms.strategy[7] == Action.CONTRIBUTE
    allowed[7, Action.OUTSIDE] = True
    model._leader_decides(allowed)
    assert model.firms.strategy[7] == Action.OUTSIDE


def test_without_a_leading_enterprise_nobody_decides_as_leader(make_scenario):
    model = AllianceModel(make_scenario(enterprises=40), rng=1)
    assert model.leadership is None
    before = model.firms.strategy.copy()
    model._leader_decides(model.allowed_strategies())
    np.testing.assert_array_equal(model.firms.strategy, before)


# --- switching costs ---------------------------------------------------------------------


def switching_model(make_scenario) -> AllianceModel:
    costs = {"decisions": {"enterprise": {"join_cost": JOIN, "leave_cost": LEAVE}}}
    return AllianceModel(make_scenario(costs, enterprises=40), rng=1)


def test_a_move_books_its_cost_on_top_of_what_is_due_and_a_slot_without_a_firm_books_nothing(
    make_scenario,
):
    model = switching_model(make_scenario)
    t = model.firms
    t.active[:4] = [True, True, True, False]
    before = np.array(t.strategy)
    before[:4] = [Action.OUTSIDE, Action.CONTRIBUTE, Action.FREE_RIDE, Action.OUTSIDE]
    t.strategy[:4] = [Action.CONTRIBUTE, Action.OUTSIDE, Action.FREE_RIDE, Action.OUTSIDE]
    t.switching_due[:] = 0.0
    t.switching_due[0] = 1.0  # still due from an earlier move
    model._charge_switching(before)
    np.testing.assert_array_equal(t.switching_due[:4], [1.0 + JOIN, LEAVE, 0.0, 0.0])


def test_only_firms_in_business_pay_what_is_due_and_the_books_start_afresh(make_scenario):
    model = switching_model(make_scenario)
    t = model.firms
    t.active[:3] = [True, True, False]
    t.switching_due[:] = 0.0
    t.switching_due[:3] = [JOIN, LEAVE, 7.0]
    profit = np.zeros(len(t))
    model._pay_switching(profit)
    np.testing.assert_array_equal(profit[:3], [-JOIN, -LEAVE, 0.0])
    assert not profit[3:].any()
    assert model.ledger.switching_costs == pytest.approx(JOIN + LEAVE)
    assert not t.switching_due.any()


# --- the organisations' stance -----------------------------------------------------------


def record(calls: list, name: str, method):
    def recording(*args):
        calls.append((name, *args))
        return method(*args)

    return recording


@pytest.mark.parametrize(
    ("mode", "society_organises"), [(Mode.CO_CONSTRUCTION, True), (Mode.GOVERNMENT_LED, False)]
)
def test_the_organisations_decide_on_this_steps_members_and_spending(mode, society_organises):
    scenario = mode_scenario(mode, population={"enterprises": 60}, society={"present": True})
    model = AllianceModel(scenario, rng=2)
    model.step()
    t = model.firms
    t.strategy[t.active] = Action.OUTSIDE
    rows = np.flatnonzero(t.active)[:5]
    t.strategy[rows[:3]] = Action.CONTRIBUTE
    t.strategy[rows[3:]] = Action.FREE_RIDE
    model.ledger.public_spending = 4.25
    calls: list = []
    model.administration.decide = record(calls, "administration", model.administration.decide)
    model.society.decide = record(calls, "society", model.society.decide)
    model.society.adjust_fee = record(calls, "fee", model.society.adjust_fee)
    model._organisations_decide()
    assert model.administration.spent_last_step == 4.25
    rng = model.streams["organisations"]
    expected = [("administration", 3, rng)]
    expected += [("fee", 5)] if society_organises else []
    expected += [("society", 5, rng)]
    assert calls == expected

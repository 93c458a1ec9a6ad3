"""The roster's books (sim.roster): leavers take their cash out through the ledger and
leave nothing behind (strategy, profit, dues, agent, ties); entrants bring their capital
in, get an agent for their row, grow the table when no row is vacant, and come in the
number the entry stream draws; the largest firm is the first on a tie."""

from __future__ import annotations

import copy

import numpy as np

from agents.action import Action
from sim.enterprise_table import Founders
from sim.entry import entry_probability, expected_entrants
from sim.model import AllianceModel
from sim.roster import _largest
from sim.scenario import Organiser


def model_of(make_scenario, enterprises: int = 40, **population) -> AllianceModel:
    scenario = make_scenario(
        {"population": {"entry_rate": 0.0, **population}}, enterprises=enterprises
    )
    model = AllianceModel(scenario, rng=8)
    model.step()
    return model


def test_leavers_take_their_cash_and_leave_nothing_behind(make_scenario):
    model = model_of(make_scenario)
    t = model.firms
    rows = np.array([2, 9])
    t.cash[rows] = [5.0, 7.5]
    t.profit[rows] = [1.0, -1.0]
    t.switching_due[rows] = 0.3
    t.strategy[rows] = Action.CONTRIBUTE
    model.ledger.exit_cash = 3.0  # what left earlier this step stays booked
    model.exit_firms(rows)
    assert model.ledger.exit_cash == 3.0 + 12.5
    assert not t.active[rows].any() and (t.strategy[rows] == Action.OUTSIDE).all()
    for column in (t.cash, t.profit, t.switching_due):
        np.testing.assert_array_equal(column[rows], [0.0, 0.0])
    assert model.faces[2] is None and model.faces[9] is None
    assert model.last_exits == 2
    lo, hi = model.ties.ends()
    assert not np.isin(lo, rows).any() and not np.isin(hi, rows).any()


def test_entrants_bring_their_capital_and_get_an_agent(make_scenario):
    model = model_of(make_scenario)
    t = model.firms
    model.exit_firms(np.array([4]))
    model.ledger.entry_capital = before = 2.0  # booked earlier this step
    size = len(t)
    model.enter_firms(count=3)  # one vacant row, two new ones
    rows = np.array([4, size, size + 1])
    assert t.active[rows].all() and len(t) >= size + 2
    assert model.ledger.entry_capital == before + t.cash[rows].sum()
    assert t.cash[rows].sum() > 0
    assert model.last_entrants == 3
    assert len(model.faces) == len(t)
    assert [model.faces[r].row for r in rows] == list(rows)
    assert all(model.faces[r] is None for r in range(len(t)) if not t.active[r])


def test_no_entrants_leaves_the_books_alone(make_scenario):
    model = model_of(make_scenario)
    before = (model.ledger.entry_capital, len(model.firms), int(model.firms.active.sum()))
    model.enter_firms(count=0)
    assert model.last_entrants == 0
    assert (model.ledger.entry_capital, len(model.firms), int(model.firms.active.sum())) == before


def test_entrants_come_in_the_number_the_entry_stream_draws(make_scenario):
    """Poisson(entry_rate x N_0) potential entrants are drawn with their traits and a
    uniform each; those whose uniform is below the entry probability enter."""
    model = model_of(make_scenario, entry_rate=0.5)
    model.profit_signal.value = 0.4
    pop = model.config.population
    assert expected_entrants(pop, 0.4) > 5
    rng = copy.deepcopy(model.streams["entry"])
    potential = int(rng.poisson(pop.entry_rate * pop.enterprises))
    Founders.draw(pop, potential, rng)  # their traits come first
    chance = rng.random(potential)
    expected = int((chance < entry_probability(0.4, pop.entry_hurdle)).sum())
    assert 0 < expected < potential  # some potential entrants stay out
    active = int(model.firms.active.sum())
    model.enter_firms()
    assert model.last_entrants == expected
    assert int(model.firms.active.sum()) == active + expected


def test_the_largest_is_the_first_on_a_tie_and_none_among_nobody():
    capacity = np.array([3.0, 9.0, 9.0, 12.0])
    assert _largest(capacity, np.array([True, True, True, False])) == 1
    assert _largest(capacity, np.array([True, False, True, True])) == 3
    assert _largest(capacity, np.zeros(4, dtype=bool)) == -1


def test_before_any_profit_is_seen_nobody_enters(make_scenario):
    model = model_of(make_scenario, entry_rate=0.5)
    model.profit_signal.value = None
    model.enter_firms()
    assert model.last_entrants == 0


def test_without_an_enterprise_organiser_there_is_no_leader_row(make_scenario):
    model = model_of(make_scenario)
    assert Organiser.ENTERPRISE not in model.config.alliance.organiser
    assert model.leader_row() == -1


def test_a_leader_in_row_zero_is_succeeded_by_a_member_in_row_one(make_scenario):
    scenario = make_scenario(
        {"alliance": {"organiser": ["enterprise"]}, "population": {"entry_rate": 0.0}},
        enterprises=40,
    )
    model = AllianceModel(scenario, rng=8)
    t = model.firms
    t.capacity[0], t.capacity[1] = 1e6, 5e5  # the largest two
    model._found_leader()
    assert model.leader_row() == 0
    t.strategy[1] = Action.CONTRIBUTE
    model.succeed_leader()
    assert model.leader_row() == 0  # still a member in business: stays
    t.strategy[0] = Action.OUTSIDE
    model.succeed_leader()
    assert model.leader_row() == 1
    t.capacity[0] = 2e6  # the old leader, now an outsider, is no successor
    t.strategy[1] = Action.OUTSIDE
    model.succeed_leader()
    assert model.leader_row() == -1


def test_a_member_in_row_zero_succeeds(make_scenario):
    scenario = make_scenario(
        {"alliance": {"organiser": ["enterprise"]}, "population": {"entry_rate": 0.0}},
        enterprises=40,
    )
    model = AllianceModel(scenario, rng=8)
    t = model.firms
    t.capacity[5], t.capacity[0] = 1e6, 5e5
    model._found_leader()
    assert model.leader_row() == 5
    t.strategy[0] = Action.FREE_RIDE
    t.active[5] = False
    model.succeed_leader()
    assert model.leader_row() == 0

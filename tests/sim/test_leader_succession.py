"""Leader succession (assumption A6 of the ODD, sim/roster.py), in scripted scenarios.

The largest firm founds an alliance a leading enterprise organises, and stays the
leader while it is in business and a member, whatever enters beside it. When it leaves
the market or the alliance, the next largest firm in business succeeds it if that firm
is a member; otherwise there is no leader from then on and an alliance the leader alone
organised stops for good.

Ordinary firms never revise here (``update_probability`` 0), leaders serve a long
commitment, nobody is sanctioned, nobody goes bankrupt and nobody enters unless a test
says so, so every membership is the one the test sets.
"""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.model import AllianceModel
from sim.scenario import Mode, Organiser
from sim.scenario.mode_files import deep_merge, mode_scenario

FROZEN = {
    "population": {"enterprises": 120, "entry_rate": 0.0},
    "market": {"fixed_cost_per_capacity": 0.0},
    "alliance": {"monitoring_probability": 0.0},
    "decisions": {
        "enterprise": {"update_probability": 0.0},
        "leader": {"commitment": 10_000},  # a leader leaves only when a test says so
    },
}


def scripted(mode: Mode = Mode.ENTERPRISE_LED, **changes) -> AllianceModel:
    model = AllianceModel(mode_scenario(mode, **deep_merge(FROZEN, changes)), rng=3)
    model.step()
    return model


def by_size(model: AllianceModel) -> np.ndarray:
    """Rows of the firms in business, largest first (independent of the roster's code)."""
    t = model.firms
    rows = np.flatnonzero(t.active)
    return rows[np.argsort(-t.capacity[rows], kind="stable")]


def leave_alliance_next_step(model: AllianceModel) -> None:
    """The leader's participation constraint says leave at the next decision (once)."""
    leadership = model.leadership
    keep = leadership.choice

    def once() -> Action:
        leadership.choice = keep
        return Action.OUTSIDE

    leadership.choice = once


def set_membership(model: AllianceModel, row: int, member: bool) -> None:
    model.firms.strategy[row] = Action.CONTRIBUTE if member else Action.OUTSIDE


def test_the_largest_firm_founds_and_leads_while_it_is_a_member():
    model = scripted()
    founder = by_size(model)[0]
    assert model.leader_row() == founder
    assert model.firms.strategy[founder] == Action.CONTRIBUTE
    for _ in range(5):
        model.step()
        assert model.leader_row() == founder and model.alliance.active


def test_a_larger_entrant_does_not_take_over():
    model = scripted()
    founder = model.leader_row()
    incumbents = set(np.flatnonzero(model.firms.active).tolist())
    model.enter_firms(3)
    entrants = [r for r in np.flatnonzero(model.firms.active) if r not in incumbents]
    assert len(entrants) == 3
    model.firms.capacity[entrants] = 10 * model.firms.capacity[founder]  # they dwarf it
    model.step()
    assert model.firms.capacity[by_size(model)[0]] > model.firms.capacity[founder]
    assert model.leader_row() == founder and model.alliance.active


def test_a_leader_leaving_the_alliance_is_succeeded_by_the_next_largest_member():
    model = scripted()
    founder, runner_up = by_size(model)[:2]
    set_membership(model, runner_up, member=True)
    model.firms.strategy[runner_up] = Action.FREE_RIDE
    leave_alliance_next_step(model)
    model.step()  # the founder leaves in the decision stage; succession at the end
    assert model.firms.active[founder] and model.firms.strategy[founder] == Action.OUTSIDE
    assert model.leader_row() == runner_up
    model.step()
    assert model.alliance.active
    assert Organiser.ENTERPRISE in model.engaged_organisers()
    assert model.firms.strategy[runner_up] == Action.CONTRIBUTE  # serves its commitment


def test_a_leader_leaving_the_alliance_with_no_member_to_succeed_stops_it_for_good():
    model = scripted()
    founder, runner_up = by_size(model)[:2]
    set_membership(model, runner_up, member=False)
    leave_alliance_next_step(model)
    model.step()
    assert model.leader_row() == -1
    set_membership(model, founder, member=True)  # even if the old leader came back
    set_membership(model, runner_up, member=True)  # or the runner-up joined
    for _ in range(6):
        model.step()
        assert not model.alliance.active and model.leader_row() == -1


@pytest.mark.parametrize("runner_up_member", [True, False])
def test_leader_exit_event_passes_the_lead_only_to_a_member(runner_up_member):
    """The ``leader_exit`` event removes the largest firm at step 3. Before, a non-member
    runner-up became the leader, the alliance paused one step and resumed with it drafted
    as a contributor; now the alliance stops where no member can succeed."""
    model = scripted(events=[{"kind": "leader_exit", "step": 3, "count": 1}])
    founder, runner_up = by_size(model)[:2]
    set_membership(model, runner_up, member=runner_up_member)
    model.step()
    model.step()  # step 3: the founder leaves the market
    assert not model.firms.active[founder]
    assert model.leader_row() == (runner_up if runner_up_member else -1)
    active = []
    for _ in range(6):
        model.step()
        active.append(model.alliance.active)
    assert all(active) if runner_up_member else not any(active)
    assert (model.firms.strategy[runner_up] != Action.OUTSIDE) == runner_up_member


def test_co_construction_runs_on_when_the_leader_goes_without_a_successor():
    model = scripted(Mode.CO_CONSTRUCTION)
    runner_up = by_size(model)[1]
    set_membership(model, runner_up, member=False)
    leave_alliance_next_step(model)
    model.step()
    model.step()
    assert model.leader_row() == -1
    assert Organiser.ENTERPRISE not in model.engaged_organisers()
    assert model.alliance.active  # the administration and the society still organise


def test_no_leader_where_no_enterprise_organises():
    assert scripted(Mode.GOVERNMENT_LED).leader_row() == -1

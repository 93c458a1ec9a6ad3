"""ServiceEnterprise is the readable face of one row of the model's enterprise table,
and the model is a proper Mesa model whose AgentSet sees the firms in business."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from agents.administration import Administration
from agents.enterprise import ServiceEnterprise
from agents.society import Society
from sim.model import AllianceModel
from sim.scenario import SEGMENTS, Segment


@pytest.fixture
def model(make_scenario):
    return AllianceModel(make_scenario(enterprises=120), rng=4)


def test_attributes_read_the_table_row(model):
    t = model.firms
    for face in model.enterprises()[:20]:
        r = face.row
        assert face.segment is SEGMENTS[t.segment[r]]
        assert isinstance(face.segment, Segment)
        assert face.capacity == t.capacity[r]
        assert face.quality == t.quality[r]
        assert face.cash == t.cash[r]
        assert face.reputation == t.reputation[r]
        assert face.action is Action(t.strategy[r])
        assert face.is_member == (t.strategy[r] != Action.OUTSIDE)
        assert face.contributes == (t.strategy[r] == Action.CONTRIBUTE)
        assert face.in_business
        assert face.is_sme == (t.capacity[r] < model.config.population.sme_capacity)


def test_attributes_write_the_table_row(model):
    face = model.enterprises()[7]
    r = face.row
    face.cash = 123.5
    face.quality = 0.91
    face.reputation = 0.05
    face.action = Action.FREE_RIDE
    t = model.firms
    assert (t.cash[r], t.quality[r], t.reputation[r]) == (123.5, 0.91, 0.05)
    assert t.strategy[r] == Action.FREE_RIDE
    # and a change of the table shows through the face
    t.cash[r] = -2.0
    t.strategy[r] = Action.OUTSIDE
    assert face.cash == -2.0
    assert face.action is Action.OUTSIDE
    assert not face.is_member


def test_writing_one_face_leaves_other_rows_alone(model):
    before = model.firms.cash.copy()
    face = model.enterprises()[3]
    face.cash = 1e6
    changed = np.flatnonzero(model.firms.cash != before)
    np.testing.assert_array_equal(changed, [face.row])


def test_a_write_through_the_face_changes_what_the_model_does(make_scenario):
    # A firm whose cash is set below zero through its face goes bankrupt in the next step.
    scenario = make_scenario(
        {"market": {"enabled": False}, "population": {"entry_rate": 0.0}}, enterprises=60
    )
    model = AllianceModel(scenario, rng=1)
    face = model.enterprises()[5]
    row = face.row
    face.cash = -1000.0
    model.step()
    assert not model.firms.active[row]
    assert face not in model.agents_by_type[ServiceEnterprise]


def test_repr_names_the_firm(model):
    face = model.enterprises()[0]
    text = repr(face)
    assert f"row={face.row}" in text and face.segment.value in text


def test_agentset_holds_exactly_the_firms_in_business(make_scenario):
    scenario = make_scenario(
        {"population": {"entry_rate": 0.1}, "market": {"fixed_cost_per_capacity": 1.0}},
        enterprises=150,
    )
    model = AllianceModel(scenario, rng=2)
    exits = entrants = 0
    for _ in range(10):
        model.step()
        exits += model.last_exits
        entrants += model.last_entrants
        firms = model.agents_by_type[ServiceEnterprise]
        rows = sorted(f.row for f in firms)
        assert rows == np.flatnonzero(model.firms.active).tolist()
        assert all(f.in_business for f in firms)
    assert exits > 0 and entrants > 0  # the test exercised both


def test_agentset_tools_work_on_the_model(model):
    firms = model.agents_by_type[ServiceEnterprise]
    members = firms.select(lambda f: f.is_member)
    assert len(members) == int(model.firms.members().sum())
    total = sum(firms.get("cash"))
    assert total == pytest.approx(model.firms.cash[model.firms.active].sum(), rel=1e-12)
    assert len(model.agents) == len(firms)  # no administration or society by default


def test_administration_and_society_are_agents_of_the_model(make_scenario):
    scenario = make_scenario(
        {"administration": {"present": True}, "society": {"present": True}}, enterprises=50
    )
    model = AllianceModel(scenario, rng=1)
    assert len(model.agents_by_type[Administration]) == 1
    assert len(model.agents_by_type[Society]) == 1
    assert model.agents_by_type[Administration][0] is model.administration
    assert len(model.agents) == 50 + 2

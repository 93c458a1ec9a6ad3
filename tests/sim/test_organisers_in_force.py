"""Organisers in force: the fee (``AllianceModel.current_fee``: the society's own where it
runs the alliance and adjusts its fee, the charter's everywhere else) and the leading
enterprise's engagement."""

from __future__ import annotations

import pytest

from agents.action import Action
from sim.model import AllianceModel
from sim.scenario import Mode, Organiser
from sim.scenario.mode_files import mode_scenario

SMALL = {"enterprises": 60}


def model_of(mode: Mode, **society) -> AllianceModel:
    scenario = mode_scenario(mode, population=SMALL, society=society or None)
    return AllianceModel(scenario, rng=2)


@pytest.mark.parametrize("mode", [Mode.SOCIETY_LED, Mode.CO_CONSTRUCTION])
def test_a_society_that_runs_the_alliance_and_adjusts_its_fee_sets_it(mode):
    model = model_of(mode, fee_adjustment=0.1)
    assert model.society is not None
    model.society.fee = 0.77  # differs from the charter's fee
    assert model.alliance.charter.fee != pytest.approx(0.77)
    assert model.current_fee() == pytest.approx(0.77)


def test_a_society_with_a_fixed_fee_leaves_the_charters_fee():
    model = model_of(Mode.SOCIETY_LED, fee_adjustment=0.0)
    model.society.fee = 0.77
    assert model.current_fee() == model.alliance.charter.fee


def test_a_society_that_does_not_organise_leaves_the_charters_fee():
    scenario = mode_scenario(
        Mode.GOVERNMENT_LED, population=SMALL, society={"present": True, "fee_adjustment": 0.1}
    )
    model = AllianceModel(scenario, rng=2)
    assert model.society is not None
    model.society.fee = 0.77
    assert model.current_fee() == model.alliance.charter.fee


def test_a_leader_in_the_first_row_is_engaged_while_a_member():
    """Row 0 is a row like any other (a ``row > 0`` test would disengage it)."""
    model = AllianceModel(mode_scenario(Mode.ENTERPRISE_LED, population=SMALL), rng=2)
    t = model.firms
    t.capacity[0] = t.capacity[t.active].max() + 1.0
    model._found_leader()
    assert model.leader_row() == 0
    t.strategy[0] = Action.CONTRIBUTE
    assert Organiser.ENTERPRISE in model.engaged_organisers()
    t.strategy[0] = Action.OUTSIDE
    assert Organiser.ENTERPRISE not in model.engaged_organisers()

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


CUT = 0.2  # differs from the modes' 0.1, so a cut taken from elsewhere shows


def test_a_custom_alliance_takes_its_cut_while_any_organiser_is_engaged(make_scenario):
    """Without a mode there is no cut holder: the engaged organisers keep the cut."""
    scenario = make_scenario(
        {
            "alliance": {"organiser": ["administration"], "organiser_cut": CUT},
            "administration": {"present": True},
        }
    )
    model = AllianceModel(scenario, rng=2)
    assert model.mechanics.spec is None
    model.administration.backing = True
    assert model.cut_in_force() == (pytest.approx(CUT), None)
    model.administration.backing = False
    assert model.cut_in_force() == (0.0, None)


@pytest.mark.parametrize("mode", [Mode.ENTERPRISE_LED, Mode.CO_CONSTRUCTION])
def test_a_modes_cut_is_taken_only_while_its_holder_is_engaged(mode):
    """The leading enterprise holds the cut in both modes; under co-construction the
    administration and the society being engaged does not keep the cut going once the
    leader has left."""
    model = AllianceModel(mode_scenario(mode, population=SMALL, alliance={"organiser_cut": CUT}), 2)
    leader = model.leader_row()
    model.firms.strategy[leader] = Action.CONTRIBUTE
    assert model.cut_in_force() == (pytest.approx(CUT), Organiser.ENTERPRISE)
    model.firms.strategy[leader] = Action.OUTSIDE
    assert model.engaged_organisers() == (
        [Organiser.ADMINISTRATION, Organiser.SOCIETY] if mode is Mode.CO_CONSTRUCTION else []
    )
    assert model.cut_in_force() == (0.0, Organiser.ENTERPRISE)


def test_a_society_that_holds_the_cut_keeps_it_while_it_takes_part():
    scenario = mode_scenario(Mode.SOCIETY_LED, population=SMALL, alliance={"organiser_cut": CUT})
    model = AllianceModel(scenario, 2)
    model.society.participating = True
    assert model.cut_in_force() == (pytest.approx(CUT), Organiser.SOCIETY)
    model.society.participating = False
    assert model.cut_in_force() == (0.0, Organiser.SOCIETY)

"""The scenario schema: one frozen, validated object with every parameter's range and
unit in one place."""

from __future__ import annotations

import pydantic
import pytest

from sim.scenario import (
    Alliance,
    Charter,
    Organiser,
    Scenario,
    Strategy,
    consistency_problems,
)
from sim.scenario.parameters import iter_parameters


def test_scenario_is_frozen():
    scenario = Scenario()
    with pytest.raises(pydantic.ValidationError):
        scenario.steps = 3
    with pytest.raises(pydantic.ValidationError):
        scenario.alliance.fee = 3.0


def test_every_parameter_has_a_description_and_a_unit_or_is_free_text():
    for p in iter_parameters():
        assert p.doc, p.path
        if p.path not in ("name", "description"):
            assert p.unit, f"{p.path} has no unit"


def test_every_numeric_parameter_has_a_range():
    for p in iter_parameters():
        if isinstance(p.default, int | float) and not isinstance(p.default, bool):
            assert p.lo is not None and p.hi is not None, f"{p.path} has no range"
            assert p.lo <= p.default <= p.hi, p.path


def test_default_scenario_is_consistent():
    assert consistency_problems(Scenario()) == []


def test_organiser_accepts_none_a_name_or_a_list():
    assert Alliance(organiser="none").organiser == ()
    assert Alliance(organiser=None).organiser == ()
    assert Alliance(organiser="enterprise").organiser == (Organiser.ENTERPRISE,)
    assert Alliance(organiser=["society", "enterprise"]).organiser == (
        Organiser.SOCIETY,
        Organiser.ENTERPRISE,
    )


def test_strategies_are_put_in_canonical_order():
    from sim.scenario import EnterpriseDecisions

    spec = EnterpriseDecisions(strategies=["free_ride", "outside"])
    assert spec.strategies == (Strategy.OUTSIDE, Strategy.FREE_RIDE)
    with pytest.raises(pydantic.ValidationError):
        EnterpriseDecisions(strategies=[])
    with pytest.raises(pydantic.ValidationError):
        EnterpriseDecisions(strategies=["outside", "outside"])


def test_charter_is_the_alliance_rules_alone():
    alliance = Alliance(fee=0.3, fine=2.0, synergy=4.0, sharing="capacity")
    charter = alliance.charter
    assert isinstance(charter, Charter)
    assert (charter.fee, charter.fine, charter.sharing.value) == (0.3, 2.0, "capacity")
    assert not hasattr(charter, "synergy")


@pytest.mark.parametrize(
    "data",
    [
        {
            "administration": {"present": True, "subsidy": 1.0},
            "alliance": {
                "organiser": ["administration"],
                "fees_to": "organiser",
                "fines_to": "organiser",
            },
        },
        {"society": {"present": True}, "alliance": {"organiser": ["society", "enterprise"]}},
        {"population": {"enterprises": 400}, "network": {"kind": "lattice"}},
        {"decisions": {"enterprise": {"strategies": ["contribute", "free_ride"]}}},
        {
            "decisions": {"enterprise": {"strategies": ["outside"]}},
            "population": {"initial_member_share": 0.0},
        },
    ],
)
def test_consistent_combinations_are_accepted(data):
    Scenario.model_validate(data)


def test_fines_may_go_to_the_platform():
    assert Scenario.model_validate({"alliance": {"fines_to": "platform"}}).alliance.fines_to


def test_random_regular_needs_an_even_product():
    with pytest.raises(pydantic.ValidationError, match="random_regular"):
        Scenario.model_validate(
            {"population": {"enterprises": 101}, "network": {"kind": "random_regular", "degree": 3}}
        )

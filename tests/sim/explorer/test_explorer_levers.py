"""The explorer's levers are the schema's keys, with the schema's units, ranges and help."""

from __future__ import annotations

from annotated_types import Ge, Le

from sim.explorer.levers import LEVER_KEYS, lever_values, levers
from sim.scenario import Scenario
from sim.scenario.mode_files import mode_scenario


def _field(key: str):
    model = Scenario
    *sections, name = key.split(".")
    for part in sections:
        model = model.model_fields[part].annotation
    return model.model_fields[name]


def test_every_lever_carries_the_schemas_range_unit_default_and_meaning():
    for lever in levers():
        field = _field(lever.key)
        p = lever.parameter
        assert p.lo == next((m.ge for m in field.metadata if isinstance(m, Ge)), None)
        assert p.hi == next((m.le for m in field.metadata if isinstance(m, Le)), None)
        assert field.description in lever.help
        assert p.unit == field.json_schema_extra["unit"]
        if p.unit not in ("choice", ""):
            assert f"[{p.unit}]" in lever.label


def test_the_issue_lists_these_levers():
    assert set(LEVER_KEYS) == {
        "alliance.sharing",
        "alliance.fee",
        "alliance.contribution_rate",
        "administration.subsidy",
        "alliance.monitoring_probability",
        "alliance.fine",
        "alliance.synergy",
        "network.kind",
        "population.enterprises",
    }


def test_choices_come_from_the_enums_but_the_page_hides_the_edge_list():
    by_key = {lv.key: lv for lv in levers()}
    assert by_key["alliance.sharing"].choices == ("equal", "contribution", "capacity")
    assert "small_world" in by_key["network.kind"].choices
    assert "edge_list" not in by_key["network.kind"].choices


def test_only_mode_mechanism_levers_follow_the_mode():
    assert [lv.key for lv in levers() if lv.mechanism] == ["administration.subsidy"]


def test_slider_only_where_the_whole_range_is_short():
    by_key = {lv.key: lv for lv in levers()}
    assert by_key["alliance.monitoring_probability"].slider
    assert not by_key["alliance.fee"].slider  # up to 10,000 MU: a number field
    assert by_key["population.enterprises"].whole


def test_lever_values_read_the_scenario():
    values = lever_values(mode_scenario("government_led", alliance={"fee": 0.2}))
    assert values["alliance.fee"] == 0.2
    assert values["administration.subsidy"] == 0.3  # the public programme's
    assert values["network.kind"] == "small_world"

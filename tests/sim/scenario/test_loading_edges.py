"""Edges of loading a scenario (sim.scenario.loading): where a YAML mistake is, in the
user's line and column counted from 1; ``--set`` values that are empty, null, not YAML
or contain ``=``; key paths through a value; the source each message names; and a
replaced value checked only where the schema has a key. Expected messages are written
out by hand."""

from __future__ import annotations

import pytest
from scenario_text import error_of, write

from sim.scenario import (
    Mode,
    ScenarioError,
    apply_overrides,
    load_named_scenario,
    load_scenario,
    validate_scenario,
)


# ---------------------------------------------------------------- YAML mistakes
@pytest.mark.parametrize(
    ("text", "where_and_what"),
    [
        # "b:" on the second line: its colon is the fourth character
        ("a: 1\n  b: 2\n", " (line 2, column 4): mapping values are not allowed here"),
        # an unclosed list: the parser reaches the end, the start of line 2
        ("a: [1, 2\n", " (line 2, column 1): expected ',' or ']', but got '<stream end>'"),
        # a control character: the reader's complaint has no place attached
        ("a: \x07\n", ": unacceptable character #x0007: special characters are not allowed"),
    ],
)
def test_a_yaml_mistake_is_placed_in_the_users_lines_and_columns(tmp_path, text, where_and_what):
    path = write(tmp_path, text)
    assert error_of(load_scenario, path) == f"{path}: not valid YAML{where_and_what}"


def test_a_repeated_key_is_refused_naming_the_file(tmp_path):
    path = write(tmp_path, "steps: 5\nsteps: 6\n")
    message = error_of(load_scenario, path)
    assert message.startswith(f"{path}: key ") and "appears twice" in message


def test_a_repeated_key_in_a_set_value_names_the_set(tmp_path):
    message = error_of(load_scenario, write(tmp_path, "name: x\n"), ["alliance={fee: 1, fee: 2}"])
    assert message.startswith(f"{tmp_path / 'scenario.yaml'} (--set alliance): key ")
    assert "appears twice" in message


# ---------------------------------------------------------------- --set values
def test_an_empty_set_value_is_an_empty_text_and_null_is_no_value():
    data = apply_overrides({}, ["description=", "name=  ", "alliance.organiser=null"], "x")
    assert data == {"description": "", "name": "", "alliance": {"organiser": None}}
    scenario = validate_scenario(data, "x")
    assert scenario.description == "" and scenario.alliance.organiser == ()


def test_a_set_value_that_is_not_yaml_is_taken_as_written():
    data = apply_overrides({}, ["description=fee: 0.1: per member", "name=[unclosed"], "x")
    assert data == {"description": "fee: 0.1: per member", "name": "[unclosed"}


def test_a_key_path_through_a_value_names_the_value_it_hits():
    message = error_of(apply_overrides, {"alliance": {"fee": 0.1}}, ["alliance.fee.x.y=1"], "x")
    assert message == "x: --set alliance.fee.x.y: 'alliance.fee' is a value, not a section"


def test_a_key_path_with_an_empty_part_says_how_to_write_it():
    message = error_of(apply_overrides, {}, ["alliance..fee=1"], "x")
    assert message == (
        "x: --set 'alliance..fee=1': the key path 'alliance..fee' has an empty part; "
        "write it as section.key=value"
    )


# ---------------------------------------------------------------- sources named
def test_a_shipped_scenario_names_itself_in_a_bad_set():
    message = error_of(load_named_scenario, "default", ".", ["alliance..fee=1"])
    assert message.startswith("default (shipped scenario): --set 'alliance..fee=1'")


def test_an_unknown_name_lists_every_shipped_name(tmp_path):
    names = ", ".join(["default", *(mode.value for mode in Mode)])
    message = error_of(load_named_scenario, "nothing", tmp_path)
    assert message == (
        f"{tmp_path / 'nothing'}: no such scenario file, nor a shipped scenario's name ({names})"
    )


def test_a_file_by_name_is_looked_for_in_the_working_folder_by_default(tmp_path, monkeypatch):
    write(tmp_path, "steps: 7\n", "mine.yaml")
    monkeypatch.chdir(tmp_path)
    assert load_named_scenario("mine.yaml").steps == 7


def test_validating_without_a_source_names_the_scenario_generically():
    with pytest.raises(ScenarioError, match=r"^<scenario>: alliance\.fee must be in"):
        validate_scenario({"alliance": {"fee": -2}})


# ---------------------------------------------------------------- replaced values
def test_a_replaced_file_value_is_blamed_on_the_file(tmp_path):
    path = write(tmp_path, "steps: true\n")
    message = error_of(load_scenario, path, ["steps=50"])
    assert message.endswith("(the file's value, although steps=50 replaces it)")


def test_a_replaced_value_is_found_by_the_key_before_the_first_equals_sign(tmp_path):
    """``name=a=b`` sets ``name``: the file's ``name`` (a list, not a text) is still
    refused."""
    path = write(tmp_path, "name: [1, 2]\n")
    message = error_of(load_scenario, path, ["name=a=b"])
    assert message.endswith("(the file's value, although name=a=b replaces it)")
    assert load_scenario(write(tmp_path, "name: x\n", "ok.yaml"), ["name=a=b"]).name == "a=b"


def test_a_key_inside_a_mapping_value_is_left_to_validation(tmp_path):
    """``segment_shares`` is one value (a mapping), not a section: replacing one of its
    entries is checked with the whole mapping, once the overrides are in."""
    shares = "{custody: 0.5, digitisation: 0.5, software: 0.0, consulting: 0.0, equipment: 0.0}"
    path = write(tmp_path, f"population:\n  segment_shares: {shares}\n")
    overrides = [
        "population.segment_shares.custody=0.25",
        "population.segment_shares.software=0.25",
    ]
    scenario = load_scenario(path, overrides)
    assert scenario.population.segment_shares["custody"] == 0.25

"""Bad input: every kind of mistake in a scenario file or a ``--set`` gets one clear
message naming the file, the key path, what is allowed and what was given."""

from __future__ import annotations

from pathlib import Path

import pytest
from scenario_text import write

from sim.scenario import Organiser, Scenario, ScenarioError, load_scenario, validate_scenario

DEFAULT = Path(__file__).resolve().parents[3] / "scenarios" / "default.yaml"


def error_of(path: Path, overrides=()) -> str:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path, overrides)
    message = str(info.value)
    assert "Traceback" not in message
    return message


# One case per kind of error: (file text, fragments the message must contain).
CASES = {
    "unknown key with a suggestion": (
        "alliance:\n  fees: 0.1\n",
        ["unknown key 'alliance.fees'", "did you mean 'fee'?"],
    ),
    "unknown top-level key": (
        "populaton:\n  enterprises: 100\n",
        ["unknown key 'populaton'", "did you mean 'population'?"],
    ),
    "unknown nested key": (
        "alliance:\n  platform:\n    efect: 0.1\n",
        ["unknown key 'alliance.platform.efect'", "did you mean 'effect'?"],
    ),
    "wrong type for a whole number": (
        "population:\n  enterprises: many\n",
        ["population.enterprises", "whole number", "[2, 1e+06]", "'many'"],
    ),
    "fraction for a whole number": (
        "population:\n  enterprises: 10.5\n",
        ["population.enterprises", "whole number", "10.5"],
    ),
    "wrong type for a number": (
        "alliance:\n  fee: cheap\n",
        ["alliance.fee", "must be a number", "[0, 10000]", "'cheap'"],
    ),
    "wrong type for a switch": (
        "market:\n  enabled: maybe\n",
        ["market.enabled", "true or false", "'maybe'"],
    ),
    "value below range": (
        "alliance:\n  fee: -1\n",
        ["alliance.fee must be in [0, 10000]", "MU/member/step", "got -1"],
    ),
    "value above range": (
        "alliance:\n  monitoring_probability: 1.5\n",
        ["alliance.monitoring_probability must be in [0, 1]", "got 1.5"],
    ),
    "whole number below range": (
        "population:\n  enterprises: 1\n",
        ["population.enterprises must be in [2, 1e+06]", "got 1"],
    ),
    "unknown choice": (
        "network:\n  kind: smallworld\n",
        ["network.kind must be one of", "'small_world'", "got 'smallworld'"],
    ),
    "section given a value": (
        "population: 5\n",
        ["population must be a section", "got 5"],
    ),
    "subsidy without administration": (
        "administration:\n  subsidy: 1.0\n",
        ["administration.subsidy", "administration.present is false"],
    ),
    "procurement preference without administration": (
        "administration:\n  procurement_preference: 0.5\n",
        ["administration.procurement_preference", "administration.present is false"],
    ),
    "organiser not present": (
        "alliance:\n  organiser: [society]\n",
        ["alliance.organiser names 'society'", "society.present is false"],
    ),
    "administration organiser not present": (
        "alliance:\n  organiser: administration\n",
        ["alliance.organiser names 'administration'", "administration.present is false"],
    ),
    "organiser that does not exist": (
        "alliance:\n  organiser: [government]\n",
        ["alliance.organiser", "'administration', 'enterprise' or 'society'", "'government'"],
    ),
    "organiser named twice": (
        "alliance:\n  organiser: [enterprise, enterprise]\n",
        ["alliance.organiser", "once"],
    ),
    "fees to an organiser that is not there": (
        "alliance:\n  fees_to: organiser\n",
        ["alliance.fees_to", "no organiser"],
    ),
    "segment shares not summing to one": (
        "population:\n  segment_shares: {custody: 0.5, digitisation: 0.3, software: 0.1,"
        " consulting: 0.0, equipment: 0.0}\n",
        ["population.segment_shares", "sum to 1", "0.9"],
    ),
    "negative segment share": (
        "population:\n  segment_shares: {custody: 1.5, digitisation: -0.5, software: 0.0,"
        " consulting: 0.0, equipment: 0.0}\n",
        ["population.segment_shares", ">= 0"],
    ),
    "lattice with a population that is not square": (
        "population:\n  enterprises: 300\nnetwork:\n  kind: lattice\n",
        ["network.kind 'lattice'", "square", "300"],
    ),
    "odd degree on a ring": (
        "network:\n  kind: ring\n  degree: 5\n",
        ["network.kind 'ring'", "even degree", "5"],
    ),
    "edge list kind without a file": (
        "network:\n  kind: edge_list\n",
        ["network.edge_list"],
    ),
    "capacity range upside down": (
        "population:\n  capacity_minimum: 10\n  capacity_maximum: 5\n",
        ["capacity_maximum (5)", "capacity_minimum (10)"],
    ),
    "logit best response with local pools": (
        "decisions:\n  enterprise:\n    rule: logit_best_response\n"
        "alliance:\n  group_structure: teams\nnetwork:\n  kind: well_mixed\n",
        ["logit_best_response", "group_structure"],
    ),
    "neighbourhood pools without a network": (
        "alliance:\n  group_structure: neighbourhood\nnetwork:\n  kind: well_mixed\n",
        ["neighbourhood", "well_mixed"],
    ),
    "members at start but no member strategy": (
        "decisions:\n  enterprise:\n    strategies: [outside]\n",
        ["initial_member_share", "no member strategy"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_of_error_has_a_clear_message(tmp_path, case):
    text, fragments = CASES[case]
    path = write(tmp_path, text)
    message = error_of(path)
    assert message.startswith(str(path) + ":"), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from: {message}"
    assert "\n" not in message  # one problem, one line


def test_an_unknown_key_lists_what_is_allowed_there(tmp_path):
    message = error_of(write(tmp_path, "market:\n  projets_per_initial_firm: 1\n"))
    assert "did you mean 'projects_per_initial_firm'?" in message
    assert "allowed here:" in message and "bidders_per_project" in message
    assert "source_path" not in message


def test_an_unknown_key_far_from_any_name_gets_no_wrong_suggestion(tmp_path):
    message = error_of(write(tmp_path, "market:\n  zzzzqqq: 1\n"))
    assert "unknown key 'market.zzzzqqq'" in message
    assert "did you mean" not in message


def test_several_problems_are_all_reported(tmp_path):
    message = error_of(write(tmp_path, "alliance:\n  fee: -1\n  fine: x\n"))
    assert "alliance.fee must be in" in message
    assert "alliance.fine must be a number" in message


# ---------------------------------------------------------------- the file itself
def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.yaml"
    message = error_of(path)
    assert message == f"{path}: no such scenario file"


def test_a_directory_is_not_a_scenario(tmp_path):
    assert "is a directory" in error_of(tmp_path)


@pytest.mark.parametrize("text", ["", "   \n\n"])
def test_empty_file(tmp_path, text):
    path = write(tmp_path, text)
    assert error_of(path) == f"{path}: the scenario file is empty"


def test_file_with_only_comments(tmp_path):
    assert "empty (only comments)" in error_of(write(tmp_path, "# nothing here\n"))


@pytest.mark.parametrize(
    "text", ["population: [1, 2\n", "population:\n\tenterprises: 3\n", "a: b: c\n"]
)
def test_file_that_is_not_yaml(tmp_path, text):
    path = write(tmp_path, text)
    message = error_of(path)
    assert message.startswith(f"{path}: not valid YAML")
    assert "line" in message


@pytest.mark.parametrize(
    ("text", "kind"), [("- a\n- b\n", "list"), ("just words\n", "str"), ("42\n", "int")]
)
def test_yaml_that_is_not_a_mapping(tmp_path, text, kind):
    message = error_of(write(tmp_path, text))
    assert "must be a mapping" in message and kind in message


def test_yaml_is_read_with_the_safe_loader(tmp_path):
    marker = tmp_path / "executed"
    path = write(tmp_path, f'steps: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert "not valid YAML" in error_of(path)
    assert not marker.exists()


# ---------------------------------------------------------------- --set overrides
def test_overrides_set_nested_keys_and_are_validated():
    scenario = load_scenario(
        DEFAULT,
        [
            "alliance.fee=0.2",
            "population.enterprises=5000",
            "network.kind=ring",
            "alliance.organiser=[]",
        ],
    )
    assert scenario.alliance.fee == 0.2
    assert scenario.population.enterprises == 5000
    assert scenario.network.kind.value == "ring"
    assert scenario.alliance.organiser == ()


def test_override_can_create_a_section(tmp_path):
    path = write(tmp_path, "name: bare\n")
    scenario = load_scenario(
        path,
        [
            "administration.present=true",
            "administration.subsidy=0.5",
            "alliance.organiser=administration",
        ],
    )
    assert scenario.administration.subsidy == 0.5
    assert scenario.alliance.organiser == (Organiser.ADMINISTRATION,)


@pytest.mark.parametrize(
    ("item", "fragments"),
    [
        (
            "alliance.fee=abc",
            ["(--set alliance.fee=abc)", "alliance.fee must be a number", "'abc'"],
        ),
        (
            "alliance.fee=-1",
            ["(--set alliance.fee=-1)", "alliance.fee must be in [0, 10000]", "got -1"],
        ),
        (
            "alliance.fe=0.2",
            ["(--set alliance.fe=0.2)", "unknown key 'alliance.fe'", "did you mean 'fee'?"],
        ),
        ("population.enterprises=10.5", ["population.enterprises must be a whole number", "10.5"]),
        ("administration.subsidy=2", ["administration.subsidy", "present is false"]),
        ("steps.x=1", ["--set steps.x", "'steps' is a value, not a section"]),
        ("noequals", ["--set 'noequals' must look like key.path=value"]),
        ("=3", ["must look like key.path=value"]),
    ],
)
def test_bad_overrides(item, fragments):
    message = error_of(DEFAULT, [item])
    assert message.startswith(f"{DEFAULT}")
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from: {message}"


def test_override_does_not_change_the_data_it_was_given(tmp_path):
    from sim.scenario import apply_overrides

    data = {"alliance": {"fee": 0.1}}
    out = apply_overrides(data, ["alliance.fee=0.3"], source="x")
    assert data == {"alliance": {"fee": 0.1}} and out["alliance"]["fee"] == 0.3


# ---------------------------------------------------------------- good input
def test_default_scenario_equals_the_schema_defaults():
    loaded = load_scenario(DEFAULT)
    assert loaded.model_dump(exclude={"source_path"}) == Scenario().model_dump()
    assert loaded.source_path == DEFAULT


def test_edge_list_path_is_relative_to_the_scenario_file(tmp_path):
    (tmp_path / "nets").mkdir()
    (tmp_path / "nets" / "ties.txt").write_text("a b\nb c\n")
    path = write(
        tmp_path,
        "population:\n  enterprises: 10\nnetwork:\n  kind: edge_list\n  edge_list: nets/ties.txt\n",
    )
    assert load_scenario(path).network.edge_list == tmp_path / "nets" / "ties.txt"


def test_missing_edge_list_file_is_reported(tmp_path):
    path = write(
        tmp_path,
        "population:\n  enterprises: 10\nnetwork:\n  kind: edge_list\n  edge_list: nowhere.txt\n",
    )
    message = error_of(path)
    assert "network.edge_list" in message and "nowhere.txt" in message


def test_validate_scenario_names_its_source():
    with pytest.raises(ScenarioError, match=r"^experiment\.yaml: alliance\.fee must be in"):
        validate_scenario({"alliance": {"fee": -2}}, source="experiment.yaml")

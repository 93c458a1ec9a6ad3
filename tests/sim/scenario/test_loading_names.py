"""Scenarios by name, values an override replaces, keys in the wrong section and
combinations that would be ignored (issue 18): each refused in one clear line, or
resolved exactly as an experiment file resolves it."""

from __future__ import annotations

import pytest
from scenario_text import error_of, write

from sim.scenario import Mode, Scenario, load_named_scenario, load_scenario
from sim.scenario.mode_files import mode_scenario


# ---------------------------------------------------------------- names
@pytest.mark.parametrize("mode", list(Mode))
def test_a_mode_by_name_is_its_ready_made_scenario(mode):
    assert load_named_scenario(mode.value) == mode_scenario(mode)


def test_default_by_name_is_the_schema_defaults():
    assert load_named_scenario("default") == Scenario()


def test_a_named_scenario_takes_overrides_and_names_itself_in_errors():
    scenario = load_named_scenario("government_led", overrides=["alliance.fee=0.25", "steps=40"])
    assert scenario.alliance.fee == 0.25 and scenario.steps == 40
    assert scenario.mode is Mode.GOVERNMENT_LED
    message = error_of(load_named_scenario, "government_led", ".", ["alliance.fee=-1"])
    assert message.startswith("government_led (shipped scenario) (--set alliance.fee=-1):")


def test_an_experiment_resolves_its_scenarios_with_the_same_function(tmp_path):
    from sim.experiment.loading import load_experiment

    write(tmp_path, "steps: 30\n", "mine.yaml")
    path = write(
        tmp_path,
        "name: x\nscenarios: [market_only, default, mine.yaml]\nbaseline: market_only\n",
        "experiment.yaml",
    )
    bases = load_experiment(path).bases
    assert bases["market_only"] == load_named_scenario("market_only")
    assert bases["default"] == Scenario()
    assert bases["mine.yaml"] == load_named_scenario("mine.yaml", tmp_path)


def test_an_unknown_name_lists_the_names_that_work(tmp_path):
    message = error_of(load_named_scenario, "governmentled", tmp_path)
    assert "no such scenario file, nor a shipped scenario's name" in message
    assert "government_led" in message and "default" in message


def test_a_missing_file_with_a_suffix_is_a_missing_file(tmp_path):
    message = error_of(load_named_scenario, "nothere.yaml", tmp_path)
    assert message == f"{tmp_path / 'nothere.yaml'}: no such scenario file"


# ---------------------------------------------------------------- replaced values
@pytest.mark.parametrize(
    ("text", "override", "fragments"),
    [
        ("steps: true\n", "steps=50", ["steps must be a whole number, not true or false"]),
        ("steps: -5\n", "steps=50", ["steps must be in [0, 1e+06]", "got -5"]),
        ("alliance:\n  fee: abc\n", "alliance.fee=0.1", ["alliance.fee must be a number"]),
        ("alliance:\n  fine: false\n", "alliance.fine=1", ["alliance.fine must be a number"]),
    ],
)
def test_a_file_value_is_refused_even_when_an_override_replaces_it(
    tmp_path, text, override, fragments
):
    path = write(tmp_path, text)
    message = error_of(load_scenario, path, [override])
    assert message.startswith(f"{path}: ")
    assert f"although {override} replaces it" in message
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize("label", ["default", "government_led", "FILE"])
def test_an_override_replaced_by_a_later_one_is_checked_too(tmp_path, label):
    """``--set steps=true --steps 3``: the first value is the user's mistake all the same,
    for a file and for a shipped scenario by name."""
    label = write(tmp_path, "name: x\n").name if label == "FILE" else label
    message = error_of(load_named_scenario, label, tmp_path, ["steps=true", "steps=3"])
    assert "steps must be a whole number, not true or false; got true" in message
    assert message.endswith("(--set steps=true, although steps=3 replaces it)")
    nested = ["alliance={fee: true}", "alliance.fee=0.1"]
    message = error_of(load_named_scenario, label, tmp_path, nested)
    assert "alliance.fee must be a number, not true or false" in message
    assert load_named_scenario(label, tmp_path, ["steps=5", "steps=3"]).steps == 3


def test_an_override_may_still_fix_a_combination(tmp_path):
    """Only each value alone is checked before the overrides: a run lengthened past a
    scheduled event is a combination, and the override decides it."""
    path = write(tmp_path, "steps: 50\nevents:\n  - kind: demand_shock\n    step: 80\n")
    assert load_scenario(path, ["steps=100"]).steps == 100
    assert "after the run's last step" in error_of(load_scenario, path)


# ---------------------------------------------------------------- keys elsewhere
@pytest.mark.parametrize(
    ("key", "suggested"),
    [
        ("alliance.subsidy", "administration.subsidy"),
        ("market.fee", "alliance.fee"),
        ("fee", "alliance.fee"),
        ("society.effect", "alliance.platform.effect"),
    ],
)
def test_an_unknown_key_suggests_the_same_name_in_another_section(tmp_path, key, suggested):
    path = write(tmp_path, "name: x\n")
    message = error_of(load_scenario, path, [f"{key}=1"])
    assert f"unknown key {key!r}; did you mean {suggested!r}?" in message
    *sections, name = key.split(".")
    text = "".join(f"{'  ' * depth}{section}:\n" for depth, section in enumerate(sections))
    text += f"{'  ' * len(sections)}{name}: 1\n"  # the same key written in the file
    assert f"did you mean {suggested!r}?" in error_of(load_scenario, write(tmp_path, text))


def test_a_factor_key_in_the_wrong_section_gets_the_same_suggestion(tmp_path):
    from sim.experiment.loading import load_experiment

    path = write(
        tmp_path,
        "name: x\nscenarios: [market_only]\nfactors:\n  alliance.subsidy: [0, 1]\n",
        "experiment.yaml",
    )
    message = error_of(load_experiment, path)
    assert "did you mean 'administration.subsidy'?" in message


def test_source_path_is_not_a_key_a_file_can_give(tmp_path):
    """The loader notes where a scenario came from; a file cannot set (or fake) it."""
    path = write(tmp_path, "source_path: /etc/passwd\n")
    assert "unknown key 'source_path'" in error_of(load_scenario, path)
    assert "unknown key 'source_path'" in error_of(
        load_scenario, write(tmp_path, "name: x\n", "ok.yaml"), ["source_path=/x"]
    )
    ok = write(tmp_path, "name: x\n", "ok.yaml")
    assert load_scenario(ok).source_path == ok
    assert "source_path" not in Scenario.model_fields


# ---------------------------------------------------------------- ignored combinations
def test_min_members_above_the_number_of_firms_is_refused(tmp_path):
    path = write(tmp_path, "population:\n  enterprises: 50\nalliance:\n  min_members: 51\n")
    message = error_of(load_scenario, path)
    assert "alliance.min_members is 51, above population.enterprises (50)" in message
    fine = write(tmp_path, "population:\n  enterprises: 50\nalliance:\n  min_members: 50\n", "ok")
    assert load_scenario(fine).alliance.min_members == 50
    off = "population:\n  enterprises: 50\nalliance:\n  enabled: false\n  min_members: 51\n"
    assert not load_scenario(write(tmp_path, off, "off.yaml")).alliance.enabled


def test_min_members_above_the_team_size_is_refused(tmp_path):
    text = (
        "network:\n  kind: well_mixed\nalliance:\n  group_structure: teams\n"
        "  team_size: 4\n  min_members: 5\n"
    )
    message = error_of(load_scenario, write(tmp_path, text))
    assert "alliance.min_members is 5 but alliance.team_size is 4" in message


@pytest.mark.parametrize("kind", ["small_world", "ring", "scale_free", "well_mixed"])
def test_an_edge_list_under_another_network_kind_is_refused(tmp_path, kind):
    (tmp_path / "ties.txt").write_text("0 1\n1 2\n")
    path = write(tmp_path, f"network:\n  kind: {kind}\n  edge_list: ties.txt\n")
    message = error_of(load_scenario, path)
    assert f"network.edge_list is given but network.kind is {kind!r}" in message


# ---------------------------------------------------------------- words, not the library's
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alliance:\n  fee: true\n", "alliance.fee must be a number, not true or false; got true"),
        ("events: 5\n", "events must be a list; got 5"),
        ("events: [5]\n", "events.0 must be a mapping of keys; got 5"),
        ("name: [1, 2]\n", "name must be text; got [1, 2]"),
        ("description: 5\n", "description must be text; got 5"),
    ],
)
def test_messages_speak_the_users_words(tmp_path, text, expected):
    path = write(tmp_path, text)
    message = error_of(load_scenario, path)
    assert message == f"{path}: {expected}"
    assert "Input should" not in message


@pytest.mark.parametrize("item", [".fee=1", "alliance..fee=1", "alliance.=1"])
def test_a_set_key_with_an_empty_part_is_refused(tmp_path, item):
    message = error_of(load_named_scenario, "default", tmp_path, [item])
    assert f"--set {item!r}: the key path" in message and "has an empty part" in message

"""Settings rebuild the scenario the student chose; a new mode brings its own preset."""

from __future__ import annotations

import pytest

from sim.explorer.settings import ExplorerSettings, settings_for
from sim.scenario import Mode, ScenarioError
from sim.scenario.mode_files import mode_scenario


def test_the_default_settings_are_the_market_only_preset():
    settings = settings_for(None)
    assert settings.scenario() == mode_scenario(Mode.MARKET_ONLY)


def test_levers_are_applied_and_validated_like_set():
    settings = settings_for(None).with_lever("alliance.fee", 0.25)
    assert settings.scenario().alliance.fee == 0.25
    with pytest.raises(ScenarioError, match=r"alliance\.fee must be in"):
        settings.with_lever("alliance.fee", -1.0).scenario()


def test_a_new_mode_keeps_the_students_levers_but_takes_the_presets_subsidy():
    settings = settings_for(None).with_lever("alliance.fee", 0.25).with_seed(9)
    gov = settings.with_mode(Mode.GOVERNMENT_LED)
    scenario = gov.scenario()
    assert scenario.mode is Mode.GOVERNMENT_LED
    assert scenario.alliance.fee == 0.25
    assert scenario.administration.subsidy == 0.3
    assert gov.seed == 9
    back = gov.with_lever("administration.subsidy", 0.5).with_mode(Mode.MARKET_ONLY)
    assert back.scenario().administration.subsidy == 0.0  # no public money in market only
    assert back.scenario().alliance.fee == 0.25


def test_a_scenario_file_is_kept_until_another_mode_is_chosen(repo_root):
    from sim.scenario import load_scenario

    base = load_scenario(repo_root / "scenarios" / "default.yaml", ["alliance.fee=0.07"])
    settings = settings_for(base, seed=3)
    assert settings.scenario() == base
    moved = settings.with_mode(Mode.SOCIETY_LED)
    assert moved.scenario().mode is Mode.SOCIETY_LED
    assert moved.scenario().alliance.fee == 0.07  # a lever, kept
    assert moved.with_mode(None).scenario() == base


def test_settings_are_frozen():
    settings = ExplorerSettings()
    with pytest.raises(AttributeError):
        settings.seed = 2  # type: ignore[misc]

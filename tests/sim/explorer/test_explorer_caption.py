"""The mode's caption is read off the modes' table: who organises, pays and monitors."""

from __future__ import annotations

import pytest

from sim.explorer.caption import MONITOR_WORDS, mode_caption
from sim.explorer.explorer_model import ExplorerModel
from sim.explorer.page import status_line
from sim.explorer.settings import settings_for
from sim.scenario import Scenario
from sim.scenario.mode_files import mode_scenario
from sim.scenario.modes import MODES, Monitor


@pytest.mark.parametrize("mode", list(MODES))
def test_every_mode_says_who_organises_pays_and_monitors(mode):
    spec = MODES[mode]
    text = mode_caption(mode_scenario(mode))
    assert spec.summary in text and spec.who_pays in text
    for monitor in spec.monitors:
        assert MONITOR_WORDS[monitor] in text
    assert ("No public money." in text) is (not spec.public_money)


def test_every_monitor_has_words():
    assert set(MONITOR_WORDS) == set(Monitor)


def test_a_custom_scenario_says_so():
    assert mode_caption(Scenario()).startswith("A custom scenario")


def test_the_status_line_shows_step_horizon_seed_and_mode():
    scenario = mode_scenario("society_led", population={"enterprises": 40}, steps=9)
    model = ExplorerModel(settings_for(scenario, seed=17))
    assert status_line(model) == "step 0 of 9 · seed 17 · mode society_led"

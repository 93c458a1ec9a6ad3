"""The module solara's server loads (``SOLARA_APP=sim.explorer.app``): its ``Page`` is the
explorer for the scenario file named in :data:`SCENARIO_VARIABLE` (a mode's preset when
unset), which ``alliance explore`` validated before serving."""

from __future__ import annotations

import os

import solara

from sim.explorer.page import ExplorerPage
from sim.explorer.serve import SCENARIO_VARIABLE
from sim.explorer.settings import ExplorerSettings, settings_for
from sim.scenario import load_scenario


def initial_settings() -> ExplorerSettings:
    """The settings the page starts from: the scenario file's, or the default mode's."""
    path = os.environ.get(SCENARIO_VARIABLE, "")
    return settings_for(load_scenario(path) if path else None)


@solara.component
def Page():
    initial = solara.use_memo(initial_settings, [])
    ExplorerPage(initial)

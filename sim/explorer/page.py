"""The explorer's page: Mesa's model controller (play, step, reset) and the scenario card
in the sidebar; the mode's caption, the network beside the incentive panel, and the time
series below them in the main area.

It is assembled from ``mesa.visualization``'s parts rather than ``SolaraViz`` whole
because two things the students need do not fit SolaraViz's parameter card: a new mode
must rebuild the model at once (SolaraViz applies parameters only on Reset), and every
control carries its unit and help text from the scenario schema. Mesa's
``ModelController`` still steps, plays and resets the model (by calling
:class:`~sim.explorer.explorer_model.ExplorerModel` with the applied settings), and its
``update_counter`` tells the views to redraw.
"""

from __future__ import annotations

import solara
from mesa.visualization.solara_viz import ModelController
from mesa.visualization.utils import update_counter

from sim.explorer.caption import mode_caption
from sim.explorer.controls import ScenarioCard
from sim.explorer.explorer_model import ExplorerModel
from sim.explorer.incentive_panel import IncentivePanel
from sim.explorer.network_chart import network_data, network_template
from sim.explorer.network_view import NetworkView
from sim.explorer.series import series_data
from sim.explorer.series_chart import series_template
from sim.explorer.settings import ExplorerSettings
from sim.explorer.vega import VegaChart, filled
from sim.scenario import Mode, ScenarioError

TITLE = "Archives industry alliance: explorer"
PLAY_INTERVAL_MS = 150


def status_line(model: ExplorerModel) -> str:
    """Step, horizon, seed and mode: what a student needs to reproduce what they see."""
    mode = model.config.mode.value if model.config.mode else "custom"
    return f"step {model.steps} of {model.config.steps} · seed {model.seed} · mode {mode}"


@solara.component
def ExplorerPage(initial: ExplorerSettings):
    """The whole page for a student, starting from ``initial``."""
    first = solara.use_memo(lambda: ExplorerModel(initial), [])
    model = solara.use_reactive(first)
    pending = solara.use_reactive(initial)
    applied = solara.use_reactive({"settings": initial})
    problem = solara.use_reactive(None)
    play_interval = solara.use_reactive(PLAY_INTERVAL_MS)
    render_interval = solara.use_reactive(1)
    use_threads = solara.use_reactive(False)

    def apply(settings: ExplorerSettings) -> bool:
        try:
            settings.scenario()
        except ScenarioError as err:
            problem.set(str(err))
            return False
        problem.set(None)
        applied.set({"settings": settings})
        return True

    def change_mode(mode: Mode | None) -> None:
        settings = pending.value.with_mode(mode)
        pending.set(settings)
        if apply(settings):
            model.set(ExplorerModel(settings))

    solara.use_effect(lambda: apply(pending.value) and None, [pending.value])

    with solara.AppBar():
        solara.AppBarTitle(TITLE)
    with solara.Sidebar(), solara.Column():
        with solara.Card("Run"):
            ModelController(
                model, model_parameters=applied, play_interval=play_interval,
                render_interval=render_interval, use_threads=use_threads,
            )  # fmt: skip
            Status(model.value)
        ScenarioCard(pending, change_mode, problem.value)
    ModelViews(model.value)


@solara.component
def Status(model: ExplorerModel):
    update_counter.get()
    solara.Text(status_line(model), classes=["explorer-status"])


@solara.component
def ModelViews(model: ExplorerModel):
    """Everything that redraws after a step: caption, network, charts, incentives."""
    update_counter.get()
    view = solara.use_memo(lambda: NetworkView(model), [model])
    network = solara.use_memo(lambda: network_template(view.extent, view.capacity), [view])
    series = solara.use_memo(lambda: series_template(model.config.steps), [model])
    frame = view.frame(model)
    solara.Info(mode_caption(model.config))
    with solara.Columns([1, 1]):
        with solara.Column():
            VegaChart(filled(network, network_data(frame)))
            solara.Text(frame.note)
        IncentivePanel(model)
    VegaChart(filled(series, series_data(model)))

"""The page without a browser: rendered with ``solara.render``, its buttons pressed and its
mode changed; the model and the charts' data must follow."""

from __future__ import annotations

from typing import ClassVar

import ipyvuetify as v
import pytest
import solara

import sim.explorer.page as page_module
from sim.explorer.explorer_model import ExplorerModel
from sim.explorer.settings import settings_for
from sim.scenario.mode_files import mode_scenario


class Recorded(ExplorerModel):
    """The explorer's model, remembered as it is built (Mesa's Reset builds its class)."""

    built: ClassVar[list[ExplorerModel]] = []

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        Recorded.built.append(self)


@pytest.fixture
def explorer(monkeypatch):
    Recorded.built = []
    monkeypatch.setattr(page_module, "ExplorerModel", Recorded)
    start = settings_for(mode_scenario("market_only", population={"enterprises": 60}, steps=20))

    @solara.component
    def InLayout():
        with solara.AppLayout():
            page_module.ExplorerPage(start)

    _, rc = solara.render(InLayout(), handle_error=False)
    return rc


def status(rc) -> str:
    return rc.find(v.Html, class_="explorer-status").widget.children[0]


def press(rc, label: str) -> None:
    rc.find(v.Btn, children=[label]).widget.click()


def datasets(rc) -> tuple[dict, dict]:
    """The data sets of the network chart and of the time-series chart."""
    found = [w.spec["datasets"] for w in rc.find(solara.widgets.VegaLite).widgets]
    network = next(d for d in found if "firms" in d)
    series = next(d for d in found if "series" in d)
    return network, series


def caption(rc) -> str:
    return rc.find(v.Alert, type="info").widget.children[0]


def test_step_advances_the_model_and_the_charts(explorer):
    assert status(explorer) == "step 0 of 20 · seed 1 · mode market_only"
    network, series = datasets(explorer)
    press(explorer, "Step")
    press(explorer, "Step")
    model = Recorded.built[-1]
    assert model.steps == 2
    assert status(explorer) == "step 2 of 20 · seed 1 · mode market_only"
    network_after, series_after = datasets(explorer)
    assert len(series_after["series"]) == len(series["series"]) + 2 * 4  # four series
    shares = [r["value"] for r in series_after["series"] if r["column"] == "member_share"]
    assert shares == model.dataframe()["member_share"].tolist()
    states = [r["state"] for r in network_after["firms"]]
    assert states != [r["state"] for r in network["firms"]]  # firms revised their stance


def test_reset_rebuilds_the_same_run_from_step_0(explorer):
    for _ in range(3):
        press(explorer, "Step")
    first = Recorded.built[-1].dataframe()
    press(explorer, "Reset")
    assert status(explorer).startswith("step 0 of 20 · seed 1")
    assert len(Recorded.built) == 2 and Recorded.built[-1].steps == 0
    for _ in range(3):
        press(explorer, "Step")
    assert Recorded.built[-1].dataframe().equals(first)  # same seed, same run


def test_changing_the_mode_rebuilds_with_that_modes_preset(explorer):
    press(explorer, "Step")
    explorer.find(v.Select, label="construction mode").widget.v_model = "government_led"
    model = Recorded.built[-1]
    assert model.config.mode.value == "government_led"
    assert model.config.administration.subsidy == 0.3
    assert model.config.population.enterprises == 60  # the student's lever, kept
    assert status(explorer) == "step 0 of 20 · seed 1 · mode government_led"
    assert caption(explorer).startswith("Government led: the administration organises")
    subsidy = explorer.find(v.TextField, label="subsidy [MU/MU contributed]").widget
    assert float(subsidy.v_model) == 0.3 and not subsidy.disabled
    press(explorer, "Reset")
    assert Recorded.built[-1].config.mode.value == "government_led"  # Reset keeps the mode


def test_a_lever_applies_on_reset_and_a_refused_value_is_explained(explorer):
    fee = explorer.find(v.TextField, label="fee [MU/member/step]").widget
    fee.v_model = "0.3"
    fee.fire_event("focusout", None)
    press(explorer, "Reset")
    assert Recorded.built[-1].config.alliance.fee == 0.3
    fee.v_model = "-1"
    fee.fire_event("focusout", None)
    refused = explorer.find(v.Alert, type="error").widget.children[0]
    assert "alliance.fee must be in [0, 10000]" in refused
    press(explorer, "Reset")
    assert Recorded.built[-1].config.alliance.fee == 0.3  # the refused value is not applied


def test_the_incentive_panel_shows_the_audit(explorer):
    press(explorer, "Step")
    verdict = explorer.find(v.Html, class_="explorer-verdict").widget.children[0]
    assert verdict.startswith("step 1: ")
    assert "social dilemma" in verdict
    help_lines = [w.children[0] for w in explorer.find(v.Html, class_="explorer-help").widgets]
    assert any("Membership fee" in line for line in help_lines)

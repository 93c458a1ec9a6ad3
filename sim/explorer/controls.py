"""The scenario card: the construction mode, the levers and the seed, each control built
from the schema's description of its key (:mod:`sim.explorer.levers`).

Lever and seed changes wait for Reset (as in Mesa's own parameter card); a new mode
rebuilds the model at once from that mode's preset. A value the schema refuses is shown
with the schema's message and not applied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import solara

from sim.explorer.levers import Lever, levers
from sim.explorer.settings import ExplorerSettings
from sim.scenario import Mode
from sim.scenario.modes import MODES

CUSTOM = "custom (the scenario file)"
SLIDER_STEPS = 200


@solara.component
def LeverControl(lever: Lever, value: Any, on_value: Callable[[Any], None], disabled: bool):
    """One lever: a choice, a slider over a short range, or a number field."""
    p = lever.parameter
    if lever.choices:
        control = solara.Select(
            lever.label, values=list(lever.choices), value=value, on_value=on_value,
            disabled=disabled, dense=True,
        )  # fmt: skip
    elif lever.slider:
        step = (p.hi - p.lo) / SLIDER_STEPS
        control = solara.SliderFloat(
            lever.label, value=value, min=p.lo, max=p.hi, step=step, on_value=on_value,
            disabled=disabled, thumb_label="always",
        )  # fmt: skip
    elif lever.whole:
        control = solara.InputInt(
            lever.label, value=value, on_value=on_value, disabled=disabled, dense=True
        )
    else:
        control = solara.InputFloat(
            lever.label, value=value, on_value=on_value, disabled=disabled, dense=True
        )
    with solara.Div(style={"margin-bottom": "14px"}):
        solara.Tooltip(lever.help, children=[control])


@solara.component
def ScenarioCard(
    pending: solara.Reactive[ExplorerSettings],
    on_mode: Callable[[Mode | None], None],
    problem: str | None,
):
    """The mode selector, one control per lever, the seed and what went wrong."""
    settings = pending.value
    no_public_money = settings.mode is not None and not MODES[settings.mode].public_money
    with solara.Card("Scenario"):
        solara.Select(
            "construction mode", values=_mode_choices(settings), value=_mode_label(settings),
            on_value=lambda label: on_mode(None if label == CUSTOM else Mode(label)),
        )  # fmt: skip
        for lever in levers():
            LeverControl(
                lever,
                settings.levers.get(lever.key, lever.parameter.default),
                lambda value, key=lever.key: pending.set(pending.value.with_lever(key, value)),
                disabled=lever.mechanism and no_public_money,
            )
        solara.InputInt(
            "seed", value=settings.seed, on_value=lambda s: pending.set(pending.value.with_seed(s))
        )
        solara.Text("Lever and seed changes apply on Reset; a new mode applies at once.")
        if problem:
            solara.Error(problem)
        LeverHelp()


@solara.component
def LeverHelp():
    """What each lever means, its unit and allowed values, from the schema."""
    with solara.Details("What the levers mean"):
        for lever in levers():
            solara.Text(f"{lever.label}: {lever.help}", classes=["explorer-help"])


def _mode_choices(settings: ExplorerSettings) -> list[str]:
    modes = [m.value for m in MODES]
    return modes if settings.base is None or settings.base.mode else [CUSTOM, *modes]


def _mode_label(settings: ExplorerSettings) -> str:
    return settings.mode.value if settings.mode is not None else CUSTOM

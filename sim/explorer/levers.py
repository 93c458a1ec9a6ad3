"""The levers a student sets in the explorer, described by the scenario schema itself.

Each lever is a scenario key; its label, unit, allowed range or choices, default and help
text are read from the schema (:func:`sim.scenario.parameters.iter_parameters`), so the
controls cannot drift from what the model accepts. The schema validates every value when
the model is built, so a value out of range is refused with the schema's own message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sim.scenario import NetworkKind, Scenario
from sim.scenario.modes import MECHANISM_KEYS
from sim.scenario.parameters import Parameter, iter_parameters

LEVER_KEYS: tuple[str, ...] = (
    "alliance.sharing",
    "alliance.fee",
    "alliance.contribution_rate",
    "administration.subsidy",
    "alliance.monitoring_probability",
    "alliance.fine",
    "alliance.synergy",
    "network.kind",
    "population.enterprises",
)
"""What the explorer lets a student change besides the mode and the seed (issue 22)."""

HIDDEN_CHOICES = {"network.kind": (NetworkKind.EDGE_LIST.value,)}
"""Choices the page cannot offer: an edge list needs a file the page has no way to pick."""

LABELS = {"network.kind": "network kind", "population.enterprises": "number of firms"}
"""Names where the key's last part alone would say too little."""

SLIDER_SPAN = 1.0
"""A lever whose whole allowed range is at most this wide gets a slider; wider ranges
(a fee up to 10,000 MU) get a number field, since a slider across them is unusable."""


@dataclass(frozen=True)
class Lever:
    """One control: its scenario key and what the schema says about it."""

    parameter: Parameter

    @property
    def key(self) -> str:
        return self.parameter.path

    @property
    def label(self) -> str:
        name = LABELS.get(self.key) or self.key.rsplit(".", 1)[-1].replace("_", " ")
        unit = self.parameter.unit
        return f"{name} [{unit}]" if unit and unit != "choice" else name

    @property
    def choices(self) -> tuple[str, ...]:
        hidden = HIDDEN_CHOICES.get(self.key, ())
        return tuple(c for c in self.parameter.choices if c not in hidden)

    @property
    def whole(self) -> bool:
        """Whether the lever takes whole numbers (a count)."""
        return isinstance(self.parameter.default, int) and not self.choices

    @property
    def slider(self) -> bool:
        p = self.parameter
        bounded = p.lo is not None and p.hi is not None
        return not self.choices and bounded and p.hi - p.lo <= SLIDER_SPAN

    @property
    def help(self) -> str:
        """The schema's meaning of the key, with its unit and allowed values."""
        p = self.parameter
        allowed = f"one of {', '.join(self.choices)}" if self.choices else _range(p)
        return f"{p.doc} ({self.key}; {allowed}; default {p.default})"

    @property
    def mechanism(self) -> bool:
        """Whether a construction mode's preset sets this key (it follows the mode)."""
        return any(self.key == k or self.key.startswith(k + ".") for k in MECHANISM_KEYS)


def _range(p: Parameter) -> str:
    lo = "-inf" if p.lo is None else f"{p.lo:g}"
    hi = "inf" if p.hi is None else f"{p.hi:g}"
    unit = f" {p.unit}" if p.unit else ""
    return f"from {lo} to {hi}{unit}"


def levers() -> list[Lever]:
    """The explorer's levers in :data:`LEVER_KEYS` order."""
    by_key = {p.path: p for p in iter_parameters()}
    return [Lever(by_key[key]) for key in LEVER_KEYS]


def lever_values(scenario: Scenario) -> dict[str, Any]:
    """The value of every lever in ``scenario``, as plain data (enums as their text)."""
    data = scenario.model_dump(mode="json")
    values = {}
    for key in LEVER_KEYS:
        value: Any = data
        for part in key.split("."):
            value = value[part]
        values[key] = value
    return values

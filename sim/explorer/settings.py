"""What the student has chosen: a construction mode (or the scenario file as loaded), the
levers and the seed. The model is rebuilt from these, never edited in place.

Changing the mode starts from that mode's ready-made scenario
(:func:`sim.scenario.mode_files.mode_scenario`): the levers the mode's preset sets (the
subsidy, part of the public programme) take the preset's value, the others keep the
student's. Lever values are applied like ``alliance run --set`` and validated by the
schema (:func:`sim.output.mesa_interop.scenario_from_parameters`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sim.explorer.levers import lever_values, levers
from sim.output.mesa_interop import scenario_from_parameters
from sim.scenario import Mode, Scenario
from sim.scenario.mode_files import mode_scenario

DEFAULT_SEED = 1
DEFAULT_MODE = Mode.MARKET_ONLY


@dataclass(frozen=True)
class ExplorerSettings:
    """A mode (``None``: the loaded scenario as it is), lever values by key, and a seed.

    ``base`` is the scenario a file gave (``alliance explore SCENARIO``); it is used while
    ``mode`` is its own mode, and dropped for a mode's preset once the student picks
    another mode.
    """

    mode: Mode | None = DEFAULT_MODE
    levers: dict[str, Any] = field(default_factory=dict)
    seed: int = DEFAULT_SEED
    base: Scenario | None = None

    def starting_point(self) -> Scenario:
        """The scenario the levers are applied to."""
        if self.base is not None and self.base.mode == self.mode:
            return self.base
        if self.mode is None:
            return mode_scenario(DEFAULT_MODE)
        return mode_scenario(self.mode)

    def scenario(self) -> Scenario:
        """The validated scenario these settings describe (raises ``ScenarioError``)."""
        return scenario_from_parameters(self.starting_point(), self.levers)

    def with_lever(self, key: str, value: Any) -> ExplorerSettings:
        return replace(self, levers={**self.levers, key: value})

    def with_seed(self, seed: int) -> ExplorerSettings:
        return replace(self, seed=int(seed))

    def with_mode(self, mode: Mode | None) -> ExplorerSettings:
        """The same levers on ``mode``'s preset (``None``: back to the scenario file),
        except those the preset sets."""
        moved = replace(self, mode=None if mode is None else Mode(mode), levers={})
        preset = lever_values(moved.starting_point())
        kept = {lv.key: self.levers[lv.key] for lv in levers() if lv.key in self.levers}
        return replace(moved, levers={**preset, **_not_mechanism(kept)})


def _not_mechanism(values: dict[str, Any]) -> dict[str, Any]:
    mechanism = {lv.key for lv in levers() if lv.mechanism}
    return {k: v for k, v in values.items() if k not in mechanism}


def settings_for(scenario: Scenario | None, seed: int = DEFAULT_SEED) -> ExplorerSettings:
    """Settings that reproduce ``scenario`` (a mode's preset when ``None``), levers read
    off it so the controls show its values."""
    if scenario is None:
        scenario = mode_scenario(DEFAULT_MODE)
        return ExplorerSettings(DEFAULT_MODE, lever_values(scenario), seed)
    return ExplorerSettings(scenario.mode, lever_values(scenario), seed, base=scenario)

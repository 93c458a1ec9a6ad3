"""What the student has chosen: a construction mode (or the scenario file as loaded), the
levers and the seed. The model is rebuilt from these, never edited in place.

Changing the mode rebuilds the scenario with that mode's preset
(:func:`sim.scenario.mode_files.mode_scenario`) in place of the mechanism keys
(:data:`sim.scenario.modes.MECHANISM_KEYS`); every other key (horizon, population,
decisions, market) stays as it was, since the modes share them. The levers the preset
sets (the subsidy, part of the public programme) take the preset's value, the others
keep the student's. Lever values are applied like ``alliance run --set`` and validated by the
schema (:func:`sim.output.mesa_interop.scenario_from_parameters`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sim.explorer.levers import lever_values, levers
from sim.output.mesa_interop import scenario_from_parameters
from sim.scenario import Mode, Scenario
from sim.scenario.mode_files import mode_scenario
from sim.scenario.modes import MECHANISM_KEYS

DEFAULT_SEED = 1
DEFAULT_MODE = Mode.MARKET_ONLY


@dataclass(frozen=True)
class ExplorerSettings:
    """A mode (``None``: the loaded scenario as it is), lever values by key, and a seed.

    ``base`` is the scenario the page started from (a file given to ``alliance explore``,
    or the default mode's); it is used as it is while ``mode`` is its own mode, and with
    another mode's preset in place of its mechanism keys otherwise.
    """

    mode: Mode | None = DEFAULT_MODE
    levers: dict[str, Any] = field(default_factory=dict)
    seed: int = DEFAULT_SEED
    base: Scenario | None = None

    def starting_point(self) -> Scenario:
        """The scenario the levers are applied to."""
        base = self.base or mode_scenario(DEFAULT_MODE)
        if base.mode == self.mode or self.mode is None:
            return base
        return mode_scenario(self.mode, **shared_keys(base))

    def scenario(self) -> Scenario:
        """The validated scenario these settings describe (raises ``ScenarioError``).
        Only levers that differ from the starting point are applied, so an untouched
        scenario file comes back as loaded (with its own path)."""
        start = self.starting_point()
        current = lever_values(start)
        changed = {k: v for k, v in self.levers.items() if current.get(k) != v}
        return scenario_from_parameters(start, changed)

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


def shared_keys(scenario: Scenario) -> dict[str, Any]:
    """The scenario's keys that every mode shares: all but its name, mode and the keys a
    mode's preset sets (``alliance.organiser``, ``administration``, ``events``...)."""
    data = scenario.model_dump(mode="json", exclude={"name", "description", "mode", "source_path"})
    for key in MECHANISM_KEYS:
        *sections, name = key.split(".")
        section = data
        for part in sections:
            section = section.get(part, {})
        section.pop(name, None)
    return data


def _not_mechanism(values: dict[str, Any]) -> dict[str, Any]:
    mechanism = {lv.key for lv in levers() if lv.mechanism}
    return {k: v for k, v in values.items() if k not in mechanism}


def settings_for(scenario: Scenario | None, seed: int = DEFAULT_SEED) -> ExplorerSettings:
    """Settings that reproduce ``scenario`` (a mode's preset when ``None``), levers read
    off it so the controls show its values."""
    scenario = scenario or mode_scenario(DEFAULT_MODE)
    return ExplorerSettings(scenario.mode, lever_values(scenario), seed, base=scenario)

"""Shared helpers: small scenarios built from nested overrides, and the repository root."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from sim.config import Scenario

ROOT = Path(__file__).resolve().parents[1]


def deep_update(base: Mapping[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``update`` merged in, section by section."""
    out = dict(base)
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_update(out[key], value)
        else:
            out[key] = value
    return out


def small_scenario(
    overrides: Mapping[str, Any] | None = None, enterprises: int = 200, steps: int = 20
) -> Scenario:
    """A validated scenario with a small population (fast tests) and ``overrides``."""
    data = {"steps": steps, "population": {"enterprises": enterprises}}
    return Scenario.model_validate(deep_update(data, overrides or {}))


@pytest.fixture(scope="session")
def make_scenario():
    """The :func:`small_scenario` builder."""
    return small_scenario


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT

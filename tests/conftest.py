"""Shared helpers: small scenarios built from nested overrides, and the repository root."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from sim.scenario import Scenario
from sim.scenario.mode_files import deep_merge

ROOT = Path(__file__).resolve().parents[1]


def small_scenario(
    overrides: Mapping[str, Any] | None = None, enterprises: int = 200, steps: int = 20
) -> Scenario:
    """A validated scenario with a small population (fast tests) and ``overrides``."""
    data = {"steps": steps, "population": {"enterprises": enterprises}}
    return Scenario.model_validate(deep_merge(data, dict(overrides or {})))


@pytest.fixture(scope="session")
def make_scenario():
    """The :func:`small_scenario` builder."""
    return small_scenario


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT

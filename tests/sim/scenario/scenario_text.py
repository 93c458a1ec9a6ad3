"""Scenario files written from text, and the one-line error a loader gives for them
(shared by the loading tests)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sim.scenario import ScenarioError


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    """``text`` (dedented) written to ``tmp_path / name``."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(load, *args) -> str:
    """The message ``load(*args)`` refuses with: one line, no traceback."""
    with pytest.raises(ScenarioError) as info:
        load(*args)
    message = str(info.value)
    assert "\n" not in message, message
    return message

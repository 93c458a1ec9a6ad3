"""docs/ODD.md keeps its generated parameter table current and covers every mode."""

from __future__ import annotations

from pathlib import Path

from sim.scenario import Mode
from sim.scenario.docs import ODD_PATH, odd_with_current_table
from sim.scenario.modes import Monitor
from sim.scenario.parameters import iter_parameters

SECTIONS = (
    "Purpose and patterns",
    "Entities, state variables and scales",
    "Process overview and scheduling",
    "Design concepts",
    "Initialisation",
    "Input data",
    "Submodels",
    "From the paper's concepts to the model",
    "Modelling assumptions",
)


def odd_text() -> str:
    return ODD_PATH.read_text(encoding="utf-8")


def test_parameter_table_is_current():
    text = odd_text()
    assert text == odd_with_current_table(text), "run: python -m sim.scenario.docs odd"


def test_every_parameter_is_in_the_table():
    text = odd_text()
    for p in iter_parameters():
        assert f"| `{p.path}` |" in text, p.path


def test_odd_has_the_protocol_sections():
    text = odd_text()
    for title in SECTIONS:
        assert title in text, title


def test_every_mode_and_monitor_is_described():
    text = odd_text()
    for mode in Mode:
        assert f"`mode: {mode.value}`" in text
    for monitor in Monitor:
        assert f"**{monitor.value}**" in text


def test_odd_lives_in_docs():
    assert Path(__file__).resolve().parents[2] / "docs" / "ODD.md" == ODD_PATH

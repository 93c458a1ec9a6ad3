"""sim.validation: helpers, and the whole quick suite as CI runs it (slow)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.commands.main import main
from sim.validation.check import CheckResult
from sim.validation.lattices import phases, transition
from sim.validation.networks import eta_half
from sim.validation.runs import seeds
from sim.validation.table import markdown_table, text_table


def test_eta_half_interpolates_the_first_crossing():
    etas = np.array([0.3, 0.4, 0.5, 0.6])
    assert eta_half(etas, np.array([0.0, 0.2, 0.8, 0.4])) == pytest.approx(0.45)
    assert eta_half(etas, np.array([0.6, 0.7, 0.8, 0.9])) == 0.3
    assert eta_half(etas, np.zeros(4)) == float("inf")


def test_phases_and_transitions():
    grid = np.array([0.6, 0.7, 0.8, 0.9, 1.0])
    labels = phases(np.array([0.0, 0.0, 0.4, 0.9995, 1.0]))
    assert labels == ["extinct", "extinct", "coexist", "full", "full"]
    assert transition(grid, labels, "extinct", "coexist") == "(0.7, 0.8]"
    assert transition(grid, labels, "coexist", "full") == "(0.8, 0.9]"
    assert transition(grid, ["extinct"] * 5, "coexist", "full") == "not seen"


def test_seeds_are_reproducible_and_distinct_per_label():
    assert seeds(1, "a", 3) == seeds(1, "a", 3)
    assert seeds(1, "a", 3) != seeds(1, "b", 3)
    assert len(set(seeds(1, "a", 50))) == 50


def test_tables_have_the_six_columns():
    rows = [CheckResult("c", "s", "m", "e", "t", True), CheckResult("d", "s", "m", "e", "t", False)]
    md = markdown_table(rows)
    assert md.splitlines()[0] == "| check | source | measured | expected | tolerance | pass |"
    assert "FAIL" in md and "PASS" in md
    assert text_table(rows).endswith("1/2 checks passed")


@pytest.mark.slow
def test_validate_quick_passes(capsys):
    status = main(["validate", "--quick"])
    out = capsys.readouterr().out
    assert "| check | source | measured | expected | tolerance | pass |" in out
    assert status == 0, out

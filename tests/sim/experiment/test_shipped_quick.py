"""Every shipped experiment's ``--quick`` preset runs through ``alliance sweep`` to every
table and every figure it asks for (the full presets share the code; only sizes differ)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.commands.main import main
from sim.experiment.loading import load_experiment

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = sorted((ROOT / "experiments").glob("*.yaml"))


@pytest.mark.slow
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_quick_preset_runs_to_its_tables_and_figures(path, tmp_path, capsys):
    experiment = load_experiment(path, quick=True).experiment
    out = tmp_path / "store"
    status = main(["sweep", str(path), "--quick", "--out", str(out), "--workers", "1"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "0 failed" in captured.out and "Traceback" not in captured.err
    tables = {p.stem for p in (out / "tables").glob("*.csv")}
    assert {"points", "replicates"} <= tables
    if len(experiment.scenarios) > 1:
        assert "differences" in tables
    if experiment.design.value in ("morris", "sobol"):
        assert experiment.design.value in tables
    figures = {p.name for p in (out / "figures").glob("*")}
    for kind in experiment.figures:
        assert {f"{kind.value}.png", f"{kind.value}.svg"} <= figures, kind.value

"""The teaching notebooks run, top to bottom, with nbmake at small sizes: a notebook that
errors fails the suite. They are stored without outputs, so what is reviewed is what runs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbmake.nb_run import NotebookRun

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
TIMEOUT = 300  # seconds per cell
SMALL = "ALLIANCE_NOTEBOOKS_SMALL"


def test_the_four_notebooks_are_there():
    assert [p.stem for p in NOTEBOOKS] == [
        "01_first_run",
        "02_construction_modes",
        "03_incentives",
        "04_what_matters",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs_and_importing_only_the_package(path):
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    imports = [
        line.split()[1]
        for c in code
        for line in c.source.splitlines()
        if line.startswith(("import ", "from "))
    ]
    assert all(name.split(".")[0] in {"sim", "agents", "os", "tempfile"} for name in imports)
    text = "\n".join(c.source for c in notebook.cells)
    assert "**Goal:**" in text and "Predict" in text and "## Challenges" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_without_error(path, monkeypatch, tmp_path):
    monkeypatch.setenv(SMALL, "1")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path)  # anything a notebook writes lands in the test's folder
    result = NotebookRun(path, TIMEOUT).execute()
    assert result.error is None, result.error and result.error.summary

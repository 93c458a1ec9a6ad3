"""numba is loaded only where the Monte Carlo updating needs it, not by ``import
sim.model`` (it costs about half a second of start-up)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def modules_after(code: str) -> set[str]:
    probe = f"{code}; import sys; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_model_does_not_load_numba():
    assert "numba" not in modules_after("import sim.model, sim.output.results, sim.commands.main")


@pytest.mark.slow  # compiles the numba kernels (about 8 s)
def test_a_monte_carlo_run_loads_it(repo_root):
    code = (
        "from sim.scenario import load_scenario; from sim.model import AllianceModel; "
        f"s = load_scenario({str(repo_root / 'scenarios/reference/lattice_pgg.yaml')!r}, "
        "['population.enterprises=16', 'steps=1']); AllianceModel(s, rng=1).run()"
    )
    assert "numba" in modules_after(code)

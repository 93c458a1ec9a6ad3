"""Running the reference scenarios: the same ``AllianceModel`` every check uses.

Seeds are derived from one root ``SeedSequence`` per check and replicate, so every
run of the suite is reproducible and no check's draws depend on another's.
"""

from __future__ import annotations

import multiprocessing
import zlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from sim.model import AllianceModel
from sim.scenario import Scenario, load_scenario

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "scenarios" / "reference"


def reference(name: str, **overrides: object) -> Scenario:
    """The reference scenario ``name`` with ``key.path=value`` overrides (as ``--set``)."""
    sets = [f"{key.replace('__', '.')}={_yaml(value)}" for key, value in overrides.items()]
    return load_scenario(REFERENCE_DIR / f"{name}.yaml", sets)


def _yaml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def seeds(root: int, label: str, count: int) -> list[int]:
    """``count`` independent seeds for the check ``label``."""
    key = zlib.crc32(label.encode())
    children = np.random.SeedSequence([root, key]).spawn(count)
    return [int(c.generate_state(1)[0]) for c in children]


def run(scenario: Scenario, steps: int, seed: int) -> pd.DataFrame:
    """The time series of one run, with a ``contributor_share`` (contributors / firms)
    and ``loner_share`` column added."""
    frame = AllianceModel(scenario, rng=seed).run(steps)
    active = frame["enterprises"].where(frame["enterprises"] > 0, 1)
    frame["contributor_share"] = frame["contributors"] / active
    frame["loner_share"] = 1.0 - frame["members"] / active
    frame["free_rider_share"] = (frame["members"] - frame["contributors"]) / active
    return frame


def tail_mean(series: pd.Series, fraction: float = 0.2) -> float:
    """Mean over the last ``fraction`` of a run (the long-run state)."""
    n = max(1, int(len(series) * fraction))
    return float(series.iloc[-n:].mean())


def long_run_share(job: tuple[Scenario, int, int]) -> float:
    """Long-run cooperator share of one (scenario, steps, seed) job (a worker's task)."""
    scenario, steps, seed = job
    return tail_mean(run(scenario, steps, seed)["contributor_share"])


def cooperation_grid(
    name: str,
    points: list[dict],
    steps: int,
    replicates: int,
    root: int,
    label: str,
    workers: int = 1,
) -> np.ndarray:
    """Long-run cooperator share at each grid point (overrides of the reference scenario
    ``name``), averaged over replicates; runs are spread over ``workers`` processes.
    Work sent to a worker is (scenario, steps, seed); what comes back is one number."""
    jobs = [
        (reference(name, **point), steps, seed)
        for i, point in enumerate(points)
        for seed in seeds(root, f"{label} {i}", replicates)
    ]
    shares = parallel_map(long_run_share, jobs, workers)
    return np.array(shares).reshape(len(points), replicates).mean(axis=1)


def parallel_map[J, R](task: Callable[[J], R], jobs: list[J], workers: int = 1) -> list[R]:
    """``[task(job) for job in jobs]``, spread over ``workers`` processes (spawned, so
    results do not depend on the number of workers); ``task`` must be importable."""
    if workers > 1 and len(jobs) > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(task, jobs))
    return [task(job) for job in jobs]

"""Sweep performance, printed (not a timed test). The machine may be shared: compare ratios.

    python benchmarks/bench_sweep.py [--runs 100] [--tiny-runs 5000]

1. RUNS runs of the default scenario (1,000 firms, 200 steps) with 1 and 2 local workers.
2. The same sweep on a Dask LocalCluster with 2 worker processes, against the local pool.
3. The runner's own overhead per run beyond the model (tiny runs, in-process).
4. The parent's traced peak memory for sweeps of TINY/5 and TINY tiny runs (flat?).
5. The same RUNS-run sweep through Mesa's ``batch_run`` with 2 processes (the baseline).
   ``batch_run`` needs a model that takes keyword parameters and has a datacollector, so it
   runs a small adapter subclass of AllianceModel that takes the scenario path.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

import mesa
import yaml

from sim.experiment.executors import DaskCluster, InProcess, LocalPool
from sim.experiment.loading import load_experiment
from sim.experiment.sweep import run_sweep
from sim.model import AllianceModel
from sim.results import run_scenario
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "scenarios" / "default.yaml"


class ScenarioFileModel(AllianceModel):
    """Adapter for mesa.batch_run: a scenario path and a seed in, one collected value out."""

    def __init__(self, scenario_path: str = str(DEFAULT), rng=None) -> None:
        super().__init__(load_scenario(scenario_path), rng=rng)
        self.datacollector = mesa.DataCollector(model_reporters={"steps_done": lambda m: 1})


def experiment_file(folder: Path, scenario: Path, replicates: int, name: str) -> Path:
    path = folder / f"{name}.yaml"
    data = {
        "name": name,
        "scenarios": [str(scenario)],
        "baseline": None,
        "replicates": replicates,
        "seed": 1,
        "record_every": 5,
        "outcomes": ["time_average.member_share"],
    }
    path.write_text(yaml.safe_dump(data))
    return path


def timed_sweep(path: Path, executor, out: Path) -> float:
    started = time.perf_counter()
    try:
        run_sweep(load_experiment(path), executor, out)
    finally:
        executor.close()
    return time.perf_counter() - started


def tiny_scenario(folder: Path) -> Path:
    path = folder / "tiny.yaml"
    path.write_text(yaml.safe_dump({"population": {"enterprises": 10}, "steps": 2}))
    return path


def overhead_per_run(folder: Path, n: int) -> tuple[float, float]:
    """(sweep seconds per run, direct run_scenario seconds per run) for tiny runs."""
    tiny = tiny_scenario(folder)
    per_sweep = timed_sweep(experiment_file(folder, tiny, n, "overhead"), InProcess(), folder / "o")
    scenario = load_scenario(tiny)
    started = time.perf_counter()
    for seed in range(n):
        run_scenario(scenario, seed=seed)
    return per_sweep / n, (time.perf_counter() - started) / n


def parent_peak(folder: Path, n: int) -> float:
    """Traced peak of the parent (MB) for a sweep of n tiny runs on 2 local workers."""
    tiny = tiny_scenario(folder)
    path = experiment_file(folder, tiny, n, f"memory{n}")
    tracemalloc.start()
    timed_sweep(path, LocalPool(2), folder / f"m{n}")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def batch_run_seconds(runs: int) -> float:
    started = time.perf_counter()
    mesa.batch_run(
        ScenarioFileModel,
        {"scenario_path": str(DEFAULT)},
        number_processes=2,
        iterations=runs,
        max_steps=200,
        display_progress=False,
        rng=list(range(runs)),
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--tiny-runs", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sweep = experiment_file(folder, DEFAULT, args.runs, "bench")
        one = timed_sweep(sweep, InProcess(), folder / "one")
        two = timed_sweep(sweep, LocalPool(2), folder / "two")
        print(
            f"{args.runs} default runs: 1 worker {one:.1f} s, 2 workers {two:.1f} s, "
            f"speed-up {one / two:.2f}"
        )
        dask = timed_sweep(sweep, DaskCluster(workers=2), folder / "dask")
        print(f"dask LocalCluster (2 processes) {dask:.1f} s: {dask / two:.2f} x the local pool")
        swept, direct = overhead_per_run(folder, 500)
        print(
            f"runner overhead per run: {1000 * (swept - direct):.2f} ms "
            f"(sweep {1000 * swept:.2f} ms, model alone {1000 * direct:.2f} ms, tiny runs)"
        )
        small, large = parent_peak(folder, args.tiny_runs // 5), parent_peak(folder, args.tiny_runs)
        print(
            f"parent traced peak: {small:.1f} MB for {args.tiny_runs // 5} tiny runs, "
            f"{large:.1f} MB for {args.tiny_runs}"
        )
        mesa_seconds = batch_run_seconds(args.runs)
        print(
            f"mesa.batch_run (2 processes) {mesa_seconds:.1f} s: our 2-worker sweep is "
            f"{mesa_seconds / two:.2f} x faster end to end"
        )


if __name__ == "__main__":
    main()

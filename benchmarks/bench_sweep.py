"""Sweep performance, printed (not a timed test). The machine may be shared: compare ratios.

    python benchmarks/bench_sweep.py [--runs 100] [--tiny-runs 5000] [--rounds 2]

1. RUNS runs of the default scenario (1,000 firms, 200 steps) with 1 and 2 local workers.
2. The same sweep on a Dask LocalCluster with 2 worker processes against the local pool,
   alternated ROUNDS times (a shared machine drifts); with each one's mean model time
   per run, read from the store, to tell the model's speed from the scheduling.
3. The runner's own overhead per run beyond the model: a sweep of tiny runs in-process
   against calling ``run_scenario`` directly, alternated three times, best of each.
4. The parent's traced peak memory for sweeps of TINY/5 and TINY tiny runs (flat?).
5. The same RUNS-run sweep through Mesa's ``batch_run`` with 2 processes (the baseline):
   the model takes the scenario file as a keyword and its ``datacollector`` holds every
   time-series column (``sim.output.mesa_interop``), collected every ``record_every``-th step.
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
from sim.experiment.reading import runs_table
from sim.experiment.sweep import run_sweep
from sim.model import AllianceModel
from sim.output.results import run_scenario
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "scenarios" / "default.yaml"
RECORD_EVERY = 5
OVERHEAD_RUNS = 500
OVERHEAD_ROUNDS = 3


def experiment_file(folder: Path, scenario: Path, replicates: int, name: str) -> Path:
    path = folder / f"{name}.yaml"
    data = {
        "name": name,
        "scenarios": [str(scenario)],
        "baseline": None,
        "replicates": replicates,
        "seed": 1,
        "record_every": RECORD_EVERY,
        "outcomes": ["time_average.member_share"],
    }
    path.write_text(yaml.safe_dump(data))
    return path


def timed_sweep(path: Path, executor, out: Path) -> float:
    """Seconds from the first run submitted to the executor closed (its start-up excluded)."""
    started = time.perf_counter()
    try:
        run_sweep(load_experiment(path), executor, out)
    finally:
        executor.close()
    return time.perf_counter() - started


def mean_model_seconds(store: Path) -> float:
    return float(runs_table(store)["wall_seconds"].mean())


def pool_against_dask(sweep: Path, folder: Path, rounds: int) -> tuple[float, float]:
    """Total seconds of the local pool and of the dask cluster over alternated rounds."""
    pool_total = dask_total = 0.0
    for i in range(rounds):
        pool = timed_sweep(sweep, LocalPool(2), folder / f"pool{i}")
        begun = time.perf_counter()
        cluster = DaskCluster(workers=2)
        start_up = time.perf_counter() - begun
        dask = timed_sweep(sweep, cluster, folder / f"dask{i}")
        pool_model = mean_model_seconds(folder / f"pool{i}")
        dask_model = mean_model_seconds(folder / f"dask{i}")
        print(
            f"  round {i + 1}: local pool {pool:.1f} s (model {pool_model:.3f} s/run), "
            f"dask {dask:.1f} s (model {dask_model:.3f} s/run; "
            f"cluster start-up {start_up:.1f} s not counted)"
        )
        pool_total, dask_total = pool_total + pool, dask_total + dask
    return pool_total, dask_total


def tiny_scenario(folder: Path) -> Path:
    path = folder / "tiny.yaml"
    path.write_text(yaml.safe_dump({"population": {"enterprises": 10}, "steps": 2}))
    return path


def overhead_per_run(folder: Path) -> tuple[float, float]:
    """Best-of-rounds (sweep seconds per run, direct run_scenario seconds per run)."""
    tiny = tiny_scenario(folder)
    sweep = experiment_file(folder, tiny, OVERHEAD_RUNS, "overhead")
    scenario = load_scenario(tiny)
    swept, direct = [], []
    for i in range(OVERHEAD_ROUNDS):
        swept.append(timed_sweep(sweep, InProcess(), folder / f"o{i}") / OVERHEAD_RUNS)
        started = time.perf_counter()
        for seed in range(OVERHEAD_RUNS):
            run_scenario(scenario, seed=seed)
        direct.append((time.perf_counter() - started) / OVERHEAD_RUNS)
    return min(swept), min(direct)


def parent_peak(folder: Path, n: int) -> float:
    """Traced peak of the parent (MB) for a sweep of n tiny runs on 2 local workers."""
    tiny = tiny_scenario(folder)
    path = experiment_file(folder, tiny, n, f"memory{n}")
    tracemalloc.start()
    timed_sweep(path, LocalPool(2), folder / f"m{n}")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def batch_run_seconds(runs: int, steps: int) -> float:
    started = time.perf_counter()
    rows = mesa.batch_run(
        AllianceModel,
        {"scenario": str(DEFAULT)},
        number_processes=2,
        max_steps=steps,
        data_collection_period=RECORD_EVERY,
        display_progress=False,
        rng=list(range(runs)),
    )
    seconds = time.perf_counter() - started
    assert len({row["RunId"] for row in rows}) == runs
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--tiny-runs", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
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
        pool, dask = pool_against_dask(sweep, folder, args.rounds)
        print(f"dask LocalCluster (2 processes): {dask / pool:.2f} x the local pool's time")
        swept, direct = overhead_per_run(folder)
        print(
            f"runner overhead per run: {1000 * (swept - direct):.2f} ms "
            f"(sweep {1000 * swept:.2f} ms, model alone {1000 * direct:.2f} ms, tiny runs)"
        )
        small, large = parent_peak(folder, args.tiny_runs // 5), parent_peak(folder, args.tiny_runs)
        print(
            f"parent traced peak: {small:.1f} MB for {args.tiny_runs // 5} tiny runs, "
            f"{large:.1f} MB for {args.tiny_runs}"
        )
        steps = load_scenario(DEFAULT).steps
        mesa_seconds = batch_run_seconds(args.runs, steps)
        print(
            f"mesa.batch_run (2 processes) {mesa_seconds:.1f} s against our 2-worker sweep "
            f"{two:.1f} s: ours is {mesa_seconds / two:.2f} x faster end to end"
        )


if __name__ == "__main__":
    main()

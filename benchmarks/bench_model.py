"""Speed and memory of the alliance model, beside Mesa's own PdGrid, in one run.

Prints, in microseconds per agent-step (median of ``--repeats`` repeats, model and
PdGrid alternated so that both see the same load), and the ratio to Mesa's
Prisoner's Dilemma grid example (``mesa.examples``, PdGrid, simultaneous activation)
measured the same way in the same run:

* **sweep size**: a whole default run at 1,000 initial firms (construction included,
  the scenario's 200 quarters, every step recorded) against PdGrid at 32 x 32 = 1,024
  agents (construction included, 200 steps);
* **large**: 200 steps after a 2-step warm-up at 10,000 initial firms against PdGrid
  at 100 x 100 agents;

with the firms present each step counted (entry and exit change the count). Then the
peak traced memory (tracemalloc) per initial firm of a 100,000-firm run of 100 steps,
and a per-stage profile (cProfile) of one default run: where the time of a step goes.

    python benchmarks/bench_model.py [--repeats 3] [--quick] [--no-memory] [--no-profile]

Targets (issue 20): at sweep size at least 4x faster per agent-step than PdGrid; at
10,000 firms at least 15x; memory no worse than 1.16 KB per initial firm. The machine
is noisy: compare the ratios, each measured in one run, not absolute times across runs.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
import tracemalloc
from pathlib import Path

from mesa.examples.advanced.pd_grid.model import PdGrid

from sim.model import AllianceModel
from sim.scenario import load_scenario

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "default.yaml"

# The stages of a step (sim/model.py) and their costliest parts: (file, function).
STAGES = (
    ("construction", "sim/model.py", "__init__"),
    ("step", "sim/model.py", "step"),
    ("  market", "sim/model.py", "_market_stage"),
    ("    clear_market", "sim/market.py", "clear_market"),
    ("      consortia", "sim/market.py", "_consortia"),
    ("      segment pools (build)", "sim/segment_pools.py", "__init__"),
    ("      segment pools (draw)", "sim/segment_pools.py", "draw_each"),
    ("      tender", "sim/tender.py", "award"),
    ("  pool", "sim/model.py", "_pool_stage"),
    ("  governance", "sim/model.py", "_governance_stage"),
    ("  learning", "sim/decision_stage.py", "_learning_stage"),
    ("  organisations", "sim/decision_stage.py", "_organisations_decide"),
    ("  events (exit, entry, leader)", "sim/model.py", "_events_stage"),
    ("  outcome tracker", "sim/output/outcome_tracker.py", "update"),
    ("    clustering", "sim/output/outcome_tracker.py", "collaboration_clustering"),
    ("  welfare", "sim/output/welfare.py", "close_step"),
    ("  metrics recording", "sim/output/metrics.py", "record"),
    ("streams (sim/chance.py)", "sim/chance.py", "_stream"),
)


def alliance_whole_run(enterprises: int, seed: int) -> float:
    """A whole default run, construction included: microseconds per firm-step."""
    scenario = load_scenario(DEFAULT, [f"population.enterprises={enterprises}"])
    start = time.perf_counter()
    model = AllianceModel(scenario, rng=seed)
    frame = model.run()
    wall = time.perf_counter() - start
    return wall / int(frame["enterprises"].iloc[1:].sum()) * 1e6


def alliance_steps(enterprises: int, steps: int, seed: int) -> float:
    """``steps`` steps after a 2-step warm-up: microseconds per firm-step."""
    scenario = load_scenario(DEFAULT, [f"population.enterprises={enterprises}"])
    model = AllianceModel(scenario, rng=seed)
    model.run(2)
    model.recorder.reserve(len(model.recorder) + steps)
    start = time.perf_counter()
    for _ in range(steps):
        model.step()
    wall = time.perf_counter() - start
    present = int(model.dataframe()["enterprises"].iloc[-steps:].sum())
    return wall / present * 1e6


def pdgrid_whole_run(side: int, steps: int, seed: int) -> float:
    start = time.perf_counter()
    model = PdGrid(width=side, height=side, activation_order="Simultaneous", rng=seed)
    for _ in range(steps):
        model.step()
    return (time.perf_counter() - start) / (steps * side * side) * 1e6


def pdgrid_steps(side: int, steps: int, seed: int) -> float:
    model = PdGrid(width=side, height=side, activation_order="Simultaneous", rng=seed)
    model.step()
    start = time.perf_counter()
    for _ in range(steps):
        model.step()
    return (time.perf_counter() - start) / (steps * side * side) * 1e6


def compare(label: str, ours, theirs, repeats: int) -> None:
    """Alternate the two measurements ``repeats`` times; print medians and the ratio."""
    mine, pd, ratios = [], [], []
    for seed in range(repeats):
        mine.append(ours(seed))
        pd.append(theirs(seed))
        ratios.append(pd[-1] / mine[-1])
    print(
        f"{label:<44}{statistics.median(mine):>10.3f}{statistics.median(pd):>10.3f}"
        f"{statistics.median(ratios):>8.1f}x   (ratios {', '.join(f'{r:.1f}' for r in ratios)})"
    )


def peak_kb_per_enterprise(enterprises: int, steps: int) -> tuple[float, float, float]:
    """Peak traced memory of building and running the model: KB per initial enterprise,
    KB per enterprise at the largest population reached, and the wall time in seconds."""
    scenario = load_scenario(DEFAULT, [f"population.enterprises={enterprises}"])
    tracemalloc.start()
    start = time.perf_counter()
    model = AllianceModel(scenario, rng=0)
    frame = model.run(steps)
    wall = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    largest = int(frame["enterprises"].max())
    return peak / enterprises / 1024, peak / largest / 1024, wall


def stage_profile(enterprises: int) -> None:
    """Cumulative time of each stage in one profiled default run (profiling slows every
    call, small ones most: read the shares, not the seconds)."""
    scenario = load_scenario(DEFAULT, [f"population.enterprises={enterprises}"])
    profiler = cProfile.Profile()
    profiler.enable()
    AllianceModel(scenario, rng=0).run()
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
    total = sum(tt for _, _, tt, _, _ in stats.values())
    print(f"\nper-stage profile, default run at {enterprises:,} firms (cProfile, {total:.2f} s)")
    for label, file, name in STAGES:
        found = [
            (nc, ct)
            for (f, _, fn), (_, nc, _, ct, _) in stats.items()
            if fn == name and f.replace("\\", "/").endswith(file)
        ]
        calls, seconds = sum(c for c, _ in found), sum(t for _, t in found)
        print(f"{label:<34}{calls:>8}{seconds:>9.3f} s{100 * seconds / total:>7.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="20 steps at 10,000 firms")
    parser.add_argument("--no-memory", action="store_true", help="skip the 100,000-firm run")
    parser.add_argument("--no-profile", action="store_true", help="skip the stage profile")
    args = parser.parse_args()
    large = 20 if args.quick else 200
    alliance_whole_run(100, 0)  # load numba and the cached compiled loops (first call)
    print(f"{'us per agent-step':<44}{'alliance':>10}{'PdGrid':>10}{'ratio':>8}")
    compare(
        "1,000 firms, whole run / PdGrid 1,024",
        lambda s: alliance_whole_run(1_000, s),
        lambda s: pdgrid_whole_run(32, 200, s),
        args.repeats,
    )
    compare(
        f"10,000 firms, {large} steps / PdGrid 10,000",
        lambda s: alliance_steps(10_000, large, s),
        lambda s: pdgrid_steps(100, large, s),
        args.repeats,
    )
    print("targets: >= 4x at 1,000 firms, >= 15x at 10,000 firms")
    if not args.no_memory:
        kb, kb_largest, wall = peak_kb_per_enterprise(100_000, 100)
        print(
            f"100,000 firms x 100 steps: {wall:.1f} s, peak {kb:.2f} KB per initial firm, "
            f"{kb_largest:.2f} KB per firm at the largest population (target <= 1.16 KB "
            "per initial firm; tracemalloc)"
        )
    if not args.no_profile:
        stage_profile(1_000)


if __name__ == "__main__":
    main()

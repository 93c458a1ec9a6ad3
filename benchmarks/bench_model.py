"""Speed and memory of the alliance model, beside Mesa's own PdGrid, in one run.

Prints microseconds per enterprise-step (median of several repeats) for the default
scenario at 1,000, 10,000 and 100,000 enterprises, Mesa's Prisoner's Dilemma grid
example (``mesa.examples``, PdGrid) at 10,000 agents, the ratio, and the peak memory
per enterprise of a 100,000-enterprise run of 100 steps (tracemalloc).

    python benchmarks/bench_model.py [--repeats 5] [--quick]

Targets (issue 2): at most 1 us per enterprise-step at 10,000 enterprises, at least
8 times faster per agent-step than PdGrid in the same run; the 100,000-enterprise run
of 100 steps finishes with a peak under 1.5 KB per enterprise. The machine is noisy:
compare the ratio, measured in one run, rather than absolute times across runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

from mesa.examples.advanced.pd_grid.model import PdGrid

from sim.model import AllianceModel
from sim.scenario import load_scenario

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "default.yaml"


def per_agent_step_us(step, agents: int, steps: int) -> float:
    """Wall time of ``steps`` calls of ``step`` in microseconds per agent-step."""
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return (time.perf_counter() - start) / (steps * agents) * 1e6


def bench_alliance(enterprises: int, steps: int, repeats: int) -> float:
    scenario = load_scenario(DEFAULT, [f"population.enterprises={enterprises}"])
    samples = []
    for seed in range(repeats):
        model = AllianceModel(scenario, rng=seed)
        model.run(2)  # warm-up: first steps allocate
        samples.append(per_agent_step_us(model.step, enterprises, steps))
    return statistics.median(samples)


def bench_pdgrid(side: int, steps: int, repeats: int) -> float:
    samples = []
    for seed in range(repeats):
        model = PdGrid(width=side, height=side, rng=seed)
        model.step()
        samples.append(per_agent_step_us(model.step, side * side, steps))
    return statistics.median(samples)


def peak_kb_per_enterprise(enterprises: int, steps: int) -> tuple[float, float, float]:
    """Peak traced memory of building and running the model: KB per initial enterprise,
    KB per enterprise at the largest population reached (the industry grows by entry),
    and the wall time in seconds."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer steps, no memory run")
    args = parser.parse_args()
    steps = 5 if args.quick else 20
    print(f"{'model':<34}{'agents':>10}{'us/agent-step':>16}")
    results = {}
    for n, k in ((1_000, steps), (10_000, steps), (100_000, max(steps // 4, 2))):
        results[n] = bench_alliance(n, k, args.repeats)
        print(f"{'alliance (scenarios/default.yaml)':<34}{n:>10,}{results[n]:>16.3f}")
    pd = bench_pdgrid(100, max(steps // 4, 2), args.repeats)
    print(f"{'mesa PdGrid (mesa.examples)':<34}{10_000:>10,}{pd:>16.3f}")
    print(
        f"speed-up at 10,000 agents: {pd / results[10_000]:.1f}x  (target >= 8x, "
        f"and <= 1 us per enterprise-step: {results[10_000]:.3f} us)"
    )
    if not args.quick:
        kb, kb_largest, wall = peak_kb_per_enterprise(100_000, 100)
        print(
            f"100,000 enterprises x 100 steps: {wall:.1f} s, peak {kb:.2f} KB per initial "
            f"enterprise, {kb_largest:.2f} KB per enterprise at the largest population "
            "(target < 1.5 KB; tracemalloc)"
        )


if __name__ == "__main__":
    main()

"""How much common random numbers pair the mode comparison: the unpaired/paired
variance ratio of mode differences (issue 20).

Replicate k runs under the same seed in every mode, so a mode difference can be taken
pairwise (A_k - B_k) or from independent runs. For each pair of modes and each level of
the other factors (the sharing rule), the variance of an unpaired difference is
``var(A) + var(B)`` and of a paired one ``var(A_k - B_k)``; the ratio pooled over pairs
and levels is the sum of the unpaired variances over the sum of the paired ones. A
ratio of 1 means the common seeds buy nothing; 3 means a third of the runs give the
same precision.

No pairing can do better than perfect correlation between the modes' replicates, when
``var(A_k - B_k) = (sd_A - sd_B)^2``: the ``ceiling`` column is the pooled ratio that
would give. Where one mode's outcome hardly varies (cooperation saturated near 1) and
another's varies a lot, the ceiling is close to 1 whatever the seeds share.

Value added is itself paired: each run's welfare less that of the same seed without
the alliance, a world that is the same for every mode (``sim.output.value_added``), so
``VA_A - VA_B = W_A - W_B`` replicate by replicate, and the per-run variance of value
added is already net of what the run shares with its counterfactual. The row
``value_added, no common seed`` therefore also compares the paired differences with
runs that share no seed at all, neither across modes nor with their counterfactual:
``var(W_A) + var(W_A - VA_A) + var(W_B) + var(W_B - VA_B)`` (needs
``final_window.welfare`` among the sweep's outcomes).

    python benchmarks/bench_pairing.py STORE [STORE ...]    # stores of finished sweeps
    python benchmarks/bench_pairing.py --run [--replicates 10] [--out DIR]

``--run`` sweeps ``experiments/compare_modes.yaml``'s quick preset at the default
horizon with at least 10 replicates (2 workers) and measures its store.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import pandas as pd

OUTCOMES = (
    "final_window.surplus",
    "final_window.value_added",
    "final_window.member_share",
    "final_window.cooperation_share",
)


def variance_ratios(runs: pd.DataFrame, outcomes=OUTCOMES) -> pd.DataFrame:
    """Pooled unpaired/paired variance ratio of mode differences, per outcome."""
    done = runs[runs["status"] == "done"]
    levels = [c for c in done.columns if "." in c and c.split(".")[0] not in _SECTIONS]
    rows = []
    for outcome in (o for o in outcomes if o in done.columns):
        unpaired = paired = perfect = 0.0
        pairs = 0
        for _, level in done.groupby(levels or (lambda _: 0)):
            wide = level.pivot_table(index="replicate", columns="base", values=outcome)
            wide = wide.dropna()
            for a, b in itertools.combinations(wide.columns, 2):
                sd_a, sd_b = wide[a].std(ddof=1), wide[b].std(ddof=1)
                unpaired += sd_a**2 + sd_b**2
                paired += (wide[a] - wide[b]).var(ddof=1)
                perfect += (sd_a - sd_b) ** 2
                pairs += 1
        ratio = unpaired / paired if paired > 0 else float("nan")
        ceiling = unpaired / perfect if perfect > 0 else float("inf")
        rows.append({"outcome": outcome, "pairs": pairs, "ratio": ratio, "ceiling": ceiling})
    if {VALUE_ADDED, WELFARE} <= set(done.columns) and VALUE_ADDED in outcomes:
        rows.append(_without_any_common_seed(done, levels))
    return pd.DataFrame(rows)


VALUE_ADDED, WELFARE = "final_window.value_added", "final_window.welfare"


def _without_any_common_seed(done: pd.DataFrame, levels: list[str]) -> dict:
    """Value added's paired mode differences against runs sharing no seed at all."""
    unpaired = paired = 0.0
    pairs = 0
    for _, level in done.groupby(levels or (lambda _: 0)):
        welfare = level.pivot_table(index="replicate", columns="base", values=WELFARE)
        added = level.pivot_table(index="replicate", columns="base", values=VALUE_ADDED)
        welfare, added = welfare.dropna(), added.dropna()
        for a, b in itertools.combinations(added.columns, 2):
            for mode in (a, b):
                unpaired += welfare[mode].var(ddof=1) + (welfare[mode] - added[mode]).var(ddof=1)
            paired += (added[a] - added[b]).var(ddof=1)
            pairs += 1
    ratio = unpaired / paired if paired > 0 else float("nan")
    return {
        "outcome": "value_added, no common seed",
        "pairs": pairs,
        "ratio": ratio,
        "ceiling": float("nan"),
    }


_SECTIONS = {"final", "final_window", "outcomes", "time_average"}


def _run(replicates: int, out: Path) -> Path:
    """The quick comparison with ``replicates`` (at least 10) replicates, swept into ``out``."""
    import yaml

    from sim.experiment.executors import LocalPool
    from sim.experiment.loading import load_experiment
    from sim.experiment.sweep import run_sweep

    data = yaml.safe_load(Path("experiments/compare_modes.yaml").read_text(encoding="utf-8"))
    data["name"] = "bench_pairing"
    data["quick"]["replicates"] = max(replicates, 10)
    out.mkdir(parents=True, exist_ok=True)
    spec = out.parent / f"{out.name}.yaml"
    spec.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    run_sweep(load_experiment(spec, quick=True), LocalPool(2), out)
    return out


def main() -> None:
    from sim.experiment.reading import runs_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="*", type=Path)
    parser.add_argument("--run", action="store_true", help="sweep the quick comparison first")
    parser.add_argument("--replicates", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path("results/bench_pairing"))
    args = parser.parse_args()
    stores = list(args.stores) + ([_run(args.replicates, args.out)] if args.run else [])
    for store in stores:
        runs = runs_table(store)
        n = runs.groupby("base")["replicate"].nunique().min()
        print(f"{store}: {len(runs)} runs, {n} replicates per mode and level")
        print(variance_ratios(runs).to_string(index=False, float_format="%.2f"))


if __name__ == "__main__":
    main()

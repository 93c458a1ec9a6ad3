"""The robust comparison's figure: P(each mode ranks first) per outcome, with intervals."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from sim.experiment.figures import MARKERS, label, save_figure


def draw_ranking(first: pd.DataFrame, name: str, folder: Path) -> list[Path]:
    """One panel per outcome: P(first) of each mode with its 95% bootstrap interval."""
    outcomes = list(dict.fromkeys(first["outcome"]))
    if not outcomes:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    cols = min(3, len(outcomes))
    rows = -(-len(outcomes) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.4 * rows), squeeze=False)
    for ax, outcome in zip(axes.flat, outcomes, strict=False):
        table = first[first["outcome"] == outcome].reset_index(drop=True)
        for i, row in table.iterrows():
            err = [[max(row.p_first - row.ci_low, 0.0)], [max(row.ci_high - row.p_first, 0.0)]]
            ax.errorbar(i, row.p_first, yerr=err, fmt=MARKERS[i % 6], color=f"C{i}", capsize=4)
        ax.set_xticks(range(len(table)), table["mode"], rotation=30, ha="right", fontsize=8)
        ax.set_ylim(-0.02, 1.02)
        ax.set_ylabel("P(ranks first) [share of points]", fontsize=8)
        ax.set_title(label(outcome), fontsize=8)
    for ax in list(axes.flat)[len(outcomes) :]:
        ax.set_visible(False)
    fig.suptitle(f"{name}: P(mode ranks first) over the sampled space (95% bootstrap interval)")
    fig.tight_layout()
    return save_figure(fig, folder / "robust_ranking")

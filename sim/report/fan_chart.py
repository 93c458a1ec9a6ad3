"""Trajectories by mode as fan charts: the median over runs and the band from the 10th
to the 90th percentile, per recorded step, for member share and cooperation share.

A fan shows where most runs went, not an interval for the mean: it answers "what might
happen in one alliance like this?" The runs of every level of the other levers are
pooled, as the table's means are.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from sim.experiment.figures import MARKERS, STYLES
from sim.report.wording import mode_name

SERIES = (("member_share", "member share [fraction of firms]"),
          ("cooperation_share", "cooperation share [fraction of members]"))  # fmt: skip
LOW, HIGH = 0.10, 0.90


def fan_chart(series: pd.DataFrame, modes: list[str]) -> plt.Figure | None:
    """Median and 10–90% band over runs, one panel per series, one fan per mode."""
    columns = [(c, lab) for c, lab in SERIES if c in series]
    if series.empty or not columns:
        return None
    fig, axes = plt.subplots(1, len(columns), figsize=(10, 3.8), sharex=True, squeeze=False)
    for ax, (column, ylabel) in zip(axes[0], columns, strict=True):
        for i, mode in enumerate(modes):
            _fan(ax, series[series["base"] == mode], column, i, mode_name(mode))
        ax.set_xlabel("step (quarter)")
        ax.set_ylabel(ylabel)
        ax.set_ylim(-0.02, 1.02)
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=8, loc="best")
    fig.suptitle("Trajectories by mode: median over runs, band from 10th to 90th percentile")
    fig.tight_layout()
    return fig


def _fan(ax, runs: pd.DataFrame, column: str, i: int, name: str) -> None:
    if runs.empty:
        return
    by_step = runs.groupby("step")[column]
    median, low, high = by_step.median(), by_step.quantile(LOW), by_step.quantile(HIGH)
    steps = median.index.to_numpy()
    ax.fill_between(steps, low.to_numpy(), high.to_numpy(), color=f"C{i}", alpha=0.15, linewidth=0)
    ax.plot(steps, median.to_numpy(), color=f"C{i}", linestyle=STYLES[i % len(STYLES)],
            marker=MARKERS[i % len(MARKERS)], markevery=max(len(steps) // 8, 1), markersize=4,
            label=name)  # fmt: skip

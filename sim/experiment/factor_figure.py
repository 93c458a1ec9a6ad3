"""The figure of a factor experiment: each outcome against each factor's levels.

One panel per outcome (rows) and factor (columns): the mean of the runs at each level
with its 95% interval, pooled over the other factors' values. The lines are the modes
when the experiment has several; with one mode and two factors, the other factor's
levels (the two-way interaction); otherwise one line. Levels keep the design's order
and any shape (sim.experiment.levels). Sampling designs have no levels to show (their
sensitivity figure is the one to draw).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.experiment.levels import level_labels
from sim.experiment.spec import SAMPLING_DESIGNS, Experiment
from sim.experiment.statistics import interval

STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)))
MARKERS = ("o", "s", "^", "D", "v", "P")


def factor_effects(experiment: Experiment, runs: pd.DataFrame, label) -> plt.Figure | None:
    """Draw the panels; ``label(outcome)`` gives an outcome's axis label with its unit."""
    factors = [f for f in experiment.factors if f in runs]
    if not factors or experiment.design in SAMPLING_DESIGNS or runs.empty:
        return None
    outcomes = list(experiment.outcomes)
    labels = pd.DataFrame({f: level_labels(runs[f]) for f in factors}, index=runs.index)
    fig, axes = plt.subplots(
        len(outcomes),
        len(factors),
        figsize=(4.4 * len(factors), 3.2 * len(outcomes)),
        squeeze=False,
    )
    for row, outcome in enumerate(outcomes):
        for col, factor in enumerate(factors):
            series = _series(experiment, factors, factor, runs, labels)
            _panel(axes[row][col], runs, labels[factor], outcome, series)
            axes[row][col].set_ylabel(label(outcome), fontsize=8)
            axes[row][col].set_xlabel(factor, fontsize=8)
    for ax in axes[0]:  # each column's lines may differ (the other factor's levels)
        ax.legend(fontsize=7)
    fig.suptitle(f"{experiment.name}: outcomes by factor level (mean, 95% interval)")
    fig.tight_layout()
    return fig


def _series(experiment, factors, factor, runs, labels) -> dict[str, pd.Series]:
    """The lines of one panel: a boolean mask of the runs per line."""
    if len(experiment.scenarios) > 1:
        return {base: runs["base"] == base for base in dict.fromkeys(runs["base"])}
    if len(factors) == 2:
        other = next(f for f in factors if f != factor)
        return {f"{other} = {v}": labels[other] == v for v in dict.fromkeys(labels[other])}
    return {experiment.scenarios[0]: runs["base"] == runs["base"]}


def _panel(ax, runs, at_level: pd.Series, outcome: str, series: dict) -> None:
    levels = list(dict.fromkeys(at_level))
    for i, (name, mask) in enumerate(series.items()):
        ivs = [
            interval(runs.loc[mask & (at_level == v), outcome].to_numpy(dtype=float))
            for v in levels
        ]
        mean = np.array([iv.mean for iv in ivs])
        low = np.array([iv.mean - iv.low if iv.n > 1 else 0.0 for iv in ivs])
        high = np.array([iv.high - iv.mean if iv.n > 1 else 0.0 for iv in ivs])
        x = np.arange(len(levels)) + (i - (len(series) - 1) / 2) * 0.05
        ax.errorbar(
            x,
            mean,
            yerr=[low, high],
            marker=MARKERS[i % 6],
            linestyle=STYLES[i % 6],
            color=f"C{i}",
            capsize=3,
            label=name,
        )
    ax.set_xticks(range(len(levels)), levels, rotation=15, ha="right", fontsize=7)

"""Figures of a sweep (PNG and SVG under ``STORE/figures``), drawn from the store alone.

Each figure is titled, its axes carry units, and modes are told apart by marker and
line style as well as colour, so they stay readable in greyscale. Intervals are 95%
t-intervals over replicates (sim.experiment.statistics).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.experiment.atomic import make_folder, write_atomically
from sim.experiment.levels import level_labels
from sim.experiment.outcomes import known_outcomes
from sim.experiment.reading import runs_table, timeseries_table
from sim.experiment.spec import SAMPLING_DESIGNS, Experiment, FigureKind
from sim.experiment.statistics import interval

STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)))
MARKERS = ("o", "s", "^", "D", "v", "P")


def draw_figures(store: Path, experiment: Experiment, folder: Path) -> list[Path]:
    """Draw every figure ``experiment`` asks for; return the files written."""
    make_folder(folder)
    written = []
    runs = runs_table(store)
    runs = runs[runs["status"] == "done"]
    for kind in experiment.figures:
        fig = DRAWERS[kind](store, experiment, runs)
        if fig is not None:
            written.extend(save_figure(fig, folder / kind.value))
    return written


def save_figure(fig: plt.Figure, stem: Path) -> list[Path]:
    """Write ``fig`` as ``stem.png`` and ``stem.svg``, each under a temporary name and
    renamed (a full disk leaves no partial file), and close it; return the files."""
    written = []
    try:
        for suffix in ("png", "svg"):
            path = stem.with_name(f"{stem.name}.{suffix}")
            write_atomically(path, functools.partial(_save, fig, suffix=suffix))
            written.append(path)
    finally:
        plt.close(fig)
    return written


def _save(fig: plt.Figure, path: Path, *, suffix: str) -> None:
    fig.savefig(path, format=suffix, dpi=110, bbox_inches="tight")


def unit_of(outcome: str) -> str:
    """The unit of an outcome (``section.name``) as declared by the model."""
    doc = known_outcomes().get(outcome, "")
    return doc.split(":")[0] if doc else ""


def label(outcome: str) -> str:
    section, _, name = outcome.partition(".")
    return f"{name.replace('_', ' ')} ({section.replace('_', ' ')}) [{unit_of(outcome)}]"


def trajectories(store: Path, experiment: Experiment, runs: pd.DataFrame) -> plt.Figure:
    """Member share and cooperation share over time by mode, mean with 95% band (by design
    cell, named by its factor values, when the experiment varies factors on one mode)."""
    series = timeseries_table(store, ["member_share", "cooperation_share"])
    by, names = "base", {}
    if _one_mode_with_factors(experiment):
        by, names = "cell", _cell_names(experiment, runs)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharex=True)
    for ax, column in zip(axes, ("member_share", "cooperation_share"), strict=True):
        for i, (key, group) in enumerate(series.groupby(by, sort=False)):
            base = names.get(key, key)
            stats = group.groupby("step")[column].apply(lambda v: interval(v.to_numpy()))
            steps = stats.index.to_numpy()
            mean = np.array([iv.mean for iv in stats])
            low = np.array([iv.low for iv in stats])
            high = np.array([iv.high for iv in stats])
            ax.plot(steps, mean, linestyle=STYLES[i % 6], color=f"C{i}", label=base)
            ax.fill_between(steps, low, high, color=f"C{i}", alpha=0.2)
        ax.set_xlabel("step (quarter)")
        ax.set_ylabel(f"{column.replace('_', ' ')} [fraction]")
    axes[0].legend(fontsize=8)
    fig.suptitle(f"{experiment.name}: alliance trajectories by {by} (mean, 95% band)")
    return fig


def _cell_names(experiment: Experiment, runs: pd.DataFrame) -> dict[int, str]:
    """Each design cell named by its factor values (``key=level, ...``)."""
    cells = runs.drop_duplicates("cell").set_index("cell")
    keys = [f for f in experiment.factors if f in cells]
    labels = {f: level_labels(cells[f]) for f in keys}
    return {cell: ", ".join(f"{f}={labels[f][cell]}" for f in keys) for cell in cells.index}


def final_outcomes(store: Path, experiment: Experiment, runs: pd.DataFrame) -> plt.Figure:
    """Each summarised outcome by mode: mean with its 95% interval (by factor level when the
    experiment varies factors on one mode)."""
    if _one_mode_with_factors(experiment):
        return factors(store, experiment, runs)
    outcomes = list(experiment.outcomes)
    cols = min(3, len(outcomes))
    rows = -(-len(outcomes) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.4 * rows), squeeze=False)
    bases = list(experiment.scenarios)
    for ax, outcome in zip(axes.flat, outcomes, strict=False):
        for i, base in enumerate(bases):
            iv = interval(runs.loc[runs["base"] == base, outcome].to_numpy(dtype=float))
            err = [[iv.mean - iv.low], [iv.high - iv.mean]] if iv.n > 1 else None
            ax.errorbar(i, iv.mean, yerr=err, fmt=MARKERS[i % 6], color=f"C{i}", capsize=4)
        ax.set_xticks(range(len(bases)), bases, rotation=30, ha="right", fontsize=8)
        ax.set_ylabel(label(outcome), fontsize=8)
    for ax in list(axes.flat)[len(outcomes) :]:
        ax.set_visible(False)
    fig.suptitle(f"{experiment.name}: outcomes by mode (mean, 95% interval)")
    fig.tight_layout()
    return fig


def interaction(store: Path, experiment: Experiment, runs: pd.DataFrame) -> plt.Figure | None:
    """The first outcome by mode against the levels of the first factor (mode × factor)."""
    if not experiment.factors:
        return None
    if _one_mode_with_factors(experiment):
        return factors(store, experiment, runs)
    factor, outcome = next(iter(experiment.factors)), experiment.outcomes[0]
    labels = level_labels(runs[factor])  # levels may be lists (events), unhashable
    levels = list(dict.fromkeys(labels))
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    for i, (base, group) in enumerate(runs.groupby("base", sort=False)):
        at = labels.loc[group.index]
        ivs = [interval(group.loc[at == v, outcome].to_numpy(dtype=float)) for v in levels]
        x = np.arange(len(levels)) + (i - 2) * 0.04
        ax.errorbar(
            x,
            [iv.mean for iv in ivs],
            yerr=[[iv.mean - iv.low for iv in ivs], [iv.high - iv.mean for iv in ivs]],
            marker=MARKERS[i % 6],
            linestyle=STYLES[i % 6],
            color=f"C{i}",
            capsize=3,
            label=base,
        )
    ax.set_xticks(range(len(levels)), levels, rotation=15, ha="right", fontsize=7)
    ax.set_xlabel(factor)
    ax.set_ylabel(label(outcome))
    ax.legend(fontsize=8)
    ax.set_title(f"{experiment.name}: mode × {factor} (mean, 95% interval)")
    return fig


def cost_effectiveness(
    store: Path, experiment: Experiment, runs: pd.DataFrame
) -> plt.Figure | None:
    """Surplus gained over the baseline (paired by seed) against cumulative public cost."""
    surplus, cost = "final_window.surplus", "outcomes.cumulative_public_cost"
    if experiment.baseline is None or surplus not in runs or cost not in runs:
        return None
    if len(experiment.scenarios) == 1:
        return None  # the baseline is the only mode: nothing to gain over
    reference = runs[runs["base"] == experiment.baseline].set_index(["cell", "replicate"])[surplus]
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    for i, (base, group) in enumerate(runs.groupby("base", sort=False)):
        gain = group.set_index(["cell", "replicate"])[surplus] - reference
        spend = group.set_index(["cell", "replicate"])[cost]
        g, c = interval(gain.dropna().to_numpy()), interval(spend.to_numpy(dtype=float))
        ax.errorbar(
            c.mean,
            g.mean,
            xerr=_half(c),
            yerr=_half(g),
            fmt=MARKERS[i % 6],
            color=f"C{i}",
            capsize=3,
            label=base,
        )
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set_xlabel("cumulative public cost [MU]")
    ax.set_ylabel(f"surplus gained over {experiment.baseline} [MU/step]")
    ax.legend(fontsize=8)
    ax.set_title(f"{experiment.name}: surplus gained against public cost (95% intervals)")
    return fig


def retention(store: Path, experiment: Experiment, runs: pd.DataFrame) -> plt.Figure | None:
    """Retention after outside support ends, by mode and the first factor's levels."""
    outcome = "outcomes.retention_after_support"
    if outcome not in runs or runs[outcome].notna().sum() == 0:
        return None
    shown = experiment.model_copy(update={"outcomes": (outcome,)})
    if shown.factors:
        return interaction(store, shown, runs)
    return final_outcomes(store, shown, runs)


def factors(store: Path, experiment: Experiment, runs: pd.DataFrame) -> plt.Figure | None:
    from sim.experiment.factor_figure import factor_effects

    return factor_effects(experiment, runs, label)


def _one_mode_with_factors(experiment: Experiment) -> bool:
    """A factor experiment on one mode: a mode comparison's figures would compare the mode
    with itself and pool the levels the experiment is about."""
    grid = experiment.design not in SAMPLING_DESIGNS  # sampling designs have no levels
    return len(experiment.scenarios) == 1 and bool(experiment.factors) and grid


def sensitivity(store: Path, experiment: Experiment, runs: pd.DataFrame) -> plt.Figure | None:
    from sim.experiment.reading import design_table
    from sim.experiment.sensitivity import sensitivity_figure

    return sensitivity_figure(runs, design_table(store), experiment)


def _half(iv) -> float | None:
    return None if iv.n < 2 or not np.isfinite(iv.high) else iv.high - iv.mean


DRAWERS: dict[FigureKind, Callable[[Path, Experiment, pd.DataFrame], plt.Figure | None]] = {
    FigureKind.TRAJECTORIES: trajectories,
    FigureKind.FINAL_OUTCOMES: final_outcomes,
    FigureKind.INTERACTION: interaction,
    FigureKind.COST_EFFECTIVENESS: cost_effectiveness,
    FigureKind.RETENTION: retention,
    FigureKind.SENSITIVITY: sensitivity,
    FigureKind.FACTOR_EFFECTS: factors,
}

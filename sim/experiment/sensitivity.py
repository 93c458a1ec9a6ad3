"""Sensitivity indices through SALib: Morris mu*, sigma; Sobol S1 and ST with intervals.

The design's cells are SALib's samples on the unit cube (sim.experiment.design), the
same for every base scenario; the model's output at a cell is the mean over its
replicates. Indices are computed per base scenario (mode) and outcome. With factors on
the unit interval, Morris effects are per full range of each factor.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.experiment.design import salib_problem
from sim.experiment.spec import DesignKind, Experiment

MORRIS_COLUMNS = ("mu_star", "mu_star_conf", "sigma")
SOBOL_COLUMNS = ("S1", "S1_conf", "ST", "ST_conf")


def indices(
    design: pd.DataFrame, response: pd.Series, kind: DesignKind, morris_levels: int = 4
) -> pd.DataFrame:
    """The indices of one outcome, one row per factor (index ``factor``).

    ``design`` holds the unit-cube samples, one named column per factor, rows in the
    sample order; ``response`` the outcome at each row. The factor names are the
    design's column names, so an index cannot be paired with another factor's name.
    """
    from SALib.analyze import morris, sobol

    names = [str(c) for c in design.columns]
    problem = salib_problem(names)
    y = response.to_numpy(dtype=float)
    if kind is DesignKind.MORRIS:
        x = design.to_numpy(dtype=float)
        result = morris.analyze(problem, x, y, num_levels=morris_levels, seed=1)
        columns = MORRIS_COLUMNS
    else:
        result = sobol.analyze(problem, y, calc_second_order=False, seed=1)
        columns = SOBOL_COLUMNS
    table = pd.DataFrame({c: np.asarray(result[c], dtype=float) for c in columns}, index=names)
    table.index.name = "factor"
    return table


def sensitivity_table(
    runs: pd.DataFrame, design: pd.DataFrame, experiment: Experiment
) -> pd.DataFrame:
    """One row per mode, outcome and factor with the design's indices.

    ``design`` is the stored design (:func:`sim.experiment.reading.design_table`): cells
    as rows, factors as named columns.
    """
    rows = []
    for base, group in runs.groupby("base", sort=False):
        for outcome in experiment.outcomes:
            y = group.groupby("cell")[outcome].mean().reindex(design.index)
            if y.isna().any():
                continue  # a cell without a finished run: indices need every cell
            table = indices(design, y, experiment.design, experiment.morris_levels)
            table = table.reset_index()
            table.insert(0, "outcome", outcome)
            table.insert(0, "base", base)
            rows.append(table)
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def sensitivity_figure(runs: pd.DataFrame, design: pd.DataFrame, experiment: Experiment):
    """Morris mu* against sigma, or Sobol S1 and ST bars, for the first outcome per mode."""
    import matplotlib.pyplot as plt

    if experiment.design not in (DesignKind.MORRIS, DesignKind.SOBOL):
        return None
    table = sensitivity_table(runs, design, experiment)
    if table.empty:
        return None
    outcome = experiment.outcomes[0]
    table = table[table["outcome"] == outcome]
    bases = list(dict.fromkeys(table["base"]))
    fig, axes = plt.subplots(1, len(bases), figsize=(4.5 * len(bases), 4), squeeze=False)
    for ax, base in zip(axes[0], bases, strict=True):
        part = table[table["base"] == base]
        if experiment.design is DesignKind.MORRIS:
            ax.scatter(part["mu_star"], part["sigma"], marker="o", color="k")
            for _, row in part.iterrows():
                ax.annotate(row["factor"], (row["mu_star"], row["sigma"]), fontsize=7)
            ax.set_xlabel("mu* [outcome units per factor range]")
            ax.set_ylabel("sigma [outcome units per factor range]")
        else:
            x = np.arange(len(part))
            ax.bar(x - 0.2, part["S1"], 0.4, yerr=part["S1_conf"], label="S1", color="0.3")
            ax.bar(
                x + 0.2, part["ST"], 0.4, yerr=part["ST_conf"], label="ST", color="0.7", hatch="//"
            )
            ax.set_xticks(x, part["factor"], rotation=30, ha="right", fontsize=7)
            ax.set_ylabel("Sobol index [share of variance]")
            ax.legend(fontsize=8)
        ax.set_title(base, fontsize=9)
    fig.suptitle(f"{experiment.name}: {experiment.design.value} sensitivity of {outcome}")
    fig.tight_layout()
    return fig

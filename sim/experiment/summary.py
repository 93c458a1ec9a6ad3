"""The tables (CSV) and figures of a sweep, made from its store alone.

``summarise_store`` reads the experiment back from the store's ``meta`` table, so
``alliance summarise STORE`` needs neither the experiment file nor a rerun. Tables go
to ``STORE/tables`` and figures to ``STORE/figures``:

* ``points.csv``: per design point and outcome, n, mean, sd and the 95% interval;
* ``differences.csv``: paired by replicate seed (common random numbers): each mode minus
  the baseline per cell and pooled over cells (``contrast = mode``, ``cell = all``), and
  in a full factorial each factor's levels minus its first level (``contrast`` = the
  factor), with the factor values as columns;
* ``replicates.csv``: per point, replicates done and failed and, under adaptive
  replication, whether every outcome's interval meets the precision target (empty when
  the replicate count is fixed: there is no target);
* ``morris.csv`` / ``sobol.csv``: sensitivity indices for those designs;
* ``robust_*.csv``, ``robust.md``: ranking probabilities of a robust comparison
  (:mod:`sim.experiment.robust_output`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim.experiment.atomic import make_folder, write_atomically
from sim.experiment.contrasts import level_contrasts
from sim.experiment.levels import level_labels
from sim.experiment.reading import design_table, file_factor_order, meta_table, runs_table
from sim.experiment.robust_output import is_robust_comparison, write_robust
from sim.experiment.spec import DesignKind, Experiment
from sim.experiment.statistics import paired_differences, point_table, sufficient


@dataclass
class SummaryFiles:
    """Where the summary was written."""

    tables: Path
    figures: Path
    written: list[Path] = field(default_factory=list)


def stored_experiment(folder: str | Path) -> Experiment:
    """The experiment (as resolved when the sweep ran) recorded in a store, its factors in
    the file's order (stores written before the order was kept listed them alphabetically)."""
    meta = meta_table(folder)
    experiment = Experiment.model_validate_json(meta["experiment_resolved"])
    order = file_factor_order(meta)
    if sorted(order) != sorted(experiment.factors):
        return experiment
    return experiment.model_copy(update={"factors": {k: experiment.factors[k] for k in order}})


def summarise_store(folder: str | Path, draw: bool = True) -> SummaryFiles:
    """Write every table (and, with ``draw``, every figure the experiment asks for)."""
    folder = Path(folder)
    experiment = stored_experiment(folder)
    outcomes = list(experiment.outcomes)
    runs = runs_table(folder)
    done = runs[runs["status"] == "done"]
    files = SummaryFiles(folder / "tables", folder / "figures")
    make_folder(files.tables)
    factors = [c for c in runs.columns if c in experiment.factors]
    points = point_table(done, outcomes)
    _write(files, "points", _with_factors(points, runs, factors))
    differences = difference_table(done, experiment, factors)
    if not differences.empty:
        _write(files, "differences", differences)
    _write(files, "replicates", replicate_table(runs, experiment))
    if experiment.design in (DesignKind.MORRIS, DesignKind.SOBOL):
        from sim.experiment.sensitivity import sensitivity_table

        table = sensitivity_table(done, design_table(folder), experiment)
        _write(files, experiment.design.value, table)
    if is_robust_comparison(experiment):
        files.written.extend(write_robust(done, experiment, files.tables, files.figures))
    if draw and experiment.figures:
        from sim.experiment.figures import draw_figures

        files.written.extend(draw_figures(folder, experiment, files.figures))
    return files


def difference_table(
    runs: pd.DataFrame, experiment: Experiment, factors: list[str]
) -> pd.DataFrame:
    """Paired differences on common seeds: each mode against the baseline per cell (with the
    cell's factor values as columns) and pooled, then each factor level against the first
    level (full factorial designs; sim.experiment.contrasts)."""
    parts = []
    if experiment.baseline and len(experiment.scenarios) > 1:
        modes = paired_differences(runs, list(experiment.outcomes), experiment.baseline)
        modes.insert(0, "versus", experiment.baseline)
        modes.insert(0, "contrast", "mode")
        parts.append(_cell_factors(modes, runs, factors))
    if experiment.design is DesignKind.FULL_FACTORIAL and factors:
        parts.append(level_contrasts(runs, factors, list(experiment.outcomes)))
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _cell_factors(table: pd.DataFrame, runs: pd.DataFrame, factors: list[str]) -> pd.DataFrame:
    """``table`` with each cell's factor values (labels) as columns; empty for pooled rows."""
    if not factors or table.empty:
        return table
    cells = runs.drop_duplicates("cell").set_index("cell")[factors]
    for factor in factors:
        table[factor] = table["cell"].map(level_labels(cells[factor]))
    return table


def replicate_table(runs: pd.DataFrame, experiment: Experiment) -> pd.DataFrame:
    """Per point: replicates done and failed, and whether the precision target is met."""
    spec = experiment.adaptive
    rows = []
    for (point_id, base, cell), group in runs.groupby(["point_id", "base", "cell"]):
        done = group[group["status"] == "done"]
        met = spec and all(
            sufficient(done[name].to_numpy(dtype=float), spec.precision, spec.floor)
            for name in experiment.outcomes
            if name in done
        )
        rows.append(
            {
                "point_id": point_id,
                "base": base,
                "cell": cell,
                "replicates": len(done),
                "failed": int((group["status"] == "failed").sum()),
                "precision": spec.precision if spec else None,  # fixed: no target
                "target_met": met if spec else None,
            }
        )
    return pd.DataFrame(rows)


def _with_factors(table: pd.DataFrame, runs: pd.DataFrame, factors: list[str]) -> pd.DataFrame:
    if not factors or table.empty:
        return table
    levels = runs[["point_id", *factors]].drop_duplicates("point_id")
    return table.merge(levels, on="point_id", how="left")


def _write(files: SummaryFiles, name: str, table: pd.DataFrame) -> None:
    path = files.tables / f"{name}.csv"
    write_atomically(path, lambda partial: table.to_csv(partial, index=False))
    files.written.append(path)

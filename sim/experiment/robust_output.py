"""The robust comparison's tables and figure, written by ``alliance summarise``.

An experiment is a robust comparison when it samples a Latin hypercube under two or
more modes (:func:`is_robust_comparison`). Its summary then adds

* ``tables/robust_first.csv``: per outcome and mode, P(ranks first) with its interval;
* ``tables/robust_pairs.csv``: per outcome and pair, P(A beats B), P(tie), interval;
* ``tables/robust.md``: both as Markdown;
* ``figures/robust_ranking.png``/``.svg``: P(ranks first) per outcome with intervals.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.experiment.markdown import markdown_table
from sim.experiment.robust import pairwise_probabilities, ranking_probabilities
from sim.experiment.spec import DesignKind, Experiment

BOOTSTRAP_STREAM = 0xB007  # entropy suffix separating the bootstrap from other draws


def is_robust_comparison(experiment: Experiment) -> bool:
    """A Latin hypercube over uncertain parameters, every point under several modes."""
    return experiment.design is DesignKind.LATIN_HYPERCUBE and len(experiment.scenarios) > 1


def bootstrap_seed(experiment: Experiment) -> int:
    """The bootstrap's seed, derived from the experiment's root seed."""
    sequence = np.random.SeedSequence([experiment.seed, BOOTSTRAP_STREAM])
    return int(sequence.generate_state(1)[0])


def robust_tables(runs: pd.DataFrame, experiment: Experiment) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(P(first) table, pairwise table) over every outcome of ``experiment``, done runs only.

    Modes without a done run yet (a sweep still running or stopped) are left out; with
    fewer than two modes both tables are empty.
    """
    present = set(runs["base"])
    modes = [m for m in experiment.scenarios if m in present]
    if len(modes) < 2:
        return pd.DataFrame(), pd.DataFrame()
    seed = bootstrap_seed(experiment)
    outcomes = [o for o in experiment.outcomes if o in runs]
    first = [ranking_probabilities(runs, o, modes, seed) for o in outcomes]
    pairs = [pairwise_probabilities(runs, o, modes, seed) for o in outcomes]
    return pd.concat(first, ignore_index=True), pd.concat(pairs, ignore_index=True)


def write_robust(
    runs: pd.DataFrame, experiment: Experiment, tables: Path, figures: Path
) -> list[Path]:
    """Write the robust comparison's tables (and figure); return the files written."""
    first, pairs = robust_tables(runs, experiment)
    if first.empty:
        return []
    written = [tables / "robust_first.csv", tables / "robust_pairs.csv", tables / "robust.md"]
    first.to_csv(written[0], index=False)
    pairs.to_csv(written[1], index=False)
    written[2].write_text(robust_markdown(experiment, first, pairs))
    from sim.experiment.robust_figures import draw_ranking

    written.extend(draw_ranking(first, experiment.name, figures))
    return written


def robust_markdown(experiment: Experiment, first: pd.DataFrame, pairs: pd.DataFrame) -> str:
    """Both tables as Markdown with a short note on what they mean."""
    points = int(first["points"].max()) if len(first) else 0
    return (
        f"# {experiment.name}: robust comparison over {points} design points\n\n"
        "Shares of design points (each a draw of the uncertain parameters, every mode run "
        "with the same replicate seeds); 95% percentile-bootstrap intervals over points. "
        "A tie for first shares the point equally.\n\n"
        "## P(mode ranks first)\n\n"
        + markdown_table(first)
        + "\n## P(A beats B), paired by cell and seed\n\n"
        + markdown_table(pairs)
    )

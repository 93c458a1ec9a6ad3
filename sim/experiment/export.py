"""Plain copies of a store's tables, for readers without SQLite at hand.

``export_parquet`` writes one Parquet file per table (``runs``, ``outcomes``,
``timeseries``, ``points``, ``plan``, ``sessions``, ``meta``) plus ``runs_wide.parquet``
(one row per run with its factor values and one column per outcome, the table most
analyses want); ``export_csv`` writes that per-run table as CSV, for spreadsheets and R.

The store is checked before anything is created, and each file is written under a
temporary name and renamed into place, so a full disk leaves no empty or partial file
behind: the error names the file, and files exported before it stay whole.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.experiment.atomic import make_folder, write_atomically
from sim.experiment.reading import runs_table
from sim.experiment.store import connect_readonly

TABLES = ("meta", "sessions", "points", "plan", "runs", "outcomes", "timeseries")


def export_parquet(store: Path, out: Path) -> list[Path]:
    """Write every table of ``store`` into the folder ``out`` as Parquet; return the files."""
    db = connect_readonly(store)  # checks the store before anything is created
    try:
        make_folder(out)
        written = []
        for table in TABLES:
            frame = pd.read_sql_query(f"SELECT * FROM {table}", db)
            written.append(_parquet(frame, out / f"{table}.parquet"))
    finally:
        db.close()
    written.append(_parquet(runs_table(store), out / "runs_wide.parquet"))
    return written


def export_csv(store: Path, path: Path) -> Path:
    """Write the per-run table of ``store`` (factors and outcomes as columns) to ``path``."""
    table = runs_table(store)  # checks the store before anything is created
    make_folder(path.parent)
    return write_atomically(path, lambda partial: table.to_csv(partial, index=False))


def _parquet(frame: pd.DataFrame, path: Path) -> Path:
    return write_atomically(path, lambda partial: frame.to_parquet(partial, index=False))

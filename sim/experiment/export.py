"""Plain Parquet copies of a store's tables, for readers without SQLite at hand.

``export_parquet`` writes one file per table (``runs``, ``outcomes``, ``timeseries``,
``points``, ``plan``, ``sessions``, ``meta``) plus ``runs_wide.parquet`` (one row per
run with its factor values and one column per outcome, the table most analyses want).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.experiment.reading import runs_table
from sim.experiment.store import connect_readonly

TABLES = ("meta", "sessions", "points", "plan", "runs", "outcomes", "timeseries")


def export_parquet(store: Path, out: Path) -> list[Path]:
    """Write every table of ``store`` into ``out`` as Parquet; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    db = connect_readonly(store)
    try:
        for table in TABLES:
            frame = pd.read_sql_query(f"SELECT * FROM {table}", db)
            written.append(_write(frame, out / f"{table}.parquet"))
    finally:
        db.close()
    written.append(_write(runs_table(store), out / "runs_wide.parquet"))
    return written


def _write(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_parquet(path, index=False)
    return path

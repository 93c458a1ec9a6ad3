"""Reading a sweep store into pandas DataFrames (works while a sweep is writing).

``runs_table`` gives one row per finished run: ids, base scenario (mode), cell, factor
values, replicate, seed, status, error, timing and one column per outcome
(``section.name``). ``timeseries_table`` gives the recorded steps of every run with its
base and cell. Both read the SQLite file only, so a store can be read without a sweep
or an experiment file.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import yaml

from sim.experiment.store import connect_readonly


def points_table(folder: str | Path) -> pd.DataFrame:
    """Design points with their factor values as columns."""
    with _closing(connect_readonly(folder)) as db:
        points = pd.read_sql_query("SELECT * FROM points ORDER BY point_id", db)
    factors = pd.DataFrame([json.loads(o) for o in points["overrides"]], index=points.index)
    return pd.concat([points.drop(columns=["overrides"]), factors], axis=1)


def runs_table(folder: str | Path, outcomes: list[str] | None = None) -> pd.DataFrame:
    """Finished runs (done and failed) with outcomes as columns and factor values."""
    with _closing(connect_readonly(folder)) as db:
        runs = pd.read_sql_query("SELECT * FROM runs ORDER BY point_id, replicate", db)
        query = "SELECT run_id, name, value FROM outcomes"
        if outcomes:
            query += f" WHERE name IN ({', '.join('?' for _ in outcomes)})"
        long = pd.read_sql_query(query, db, params=outcomes or None)
    wide = long.pivot(index="run_id", columns="name", values="value")
    wide.columns.name = None
    points = points_table(folder).drop(columns=["unit"])
    table = runs.merge(points, on="point_id", how="left").merge(
        wide, left_on="run_id", right_index=True, how="left"
    )
    return table


def timeseries_table(folder: str | Path, columns: list[str] | None = None) -> pd.DataFrame:
    """The recorded steps of every done run, with base, cell and replicate."""
    with _closing(connect_readonly(folder)) as db:
        picked = "t.*" if not columns else ", ".join(f't."{c}"' for c in ["step", *columns])
        query = (
            f"SELECT t.run_id, r.point_id, r.replicate, p.base, p.cell, {picked} "
            "FROM timeseries t JOIN runs r USING (run_id) JOIN points p USING (point_id) "
            "WHERE r.status = 'done' ORDER BY r.point_id, r.replicate, t.step"
        )
        frame = pd.read_sql_query(query, db)
    return frame.loc[:, ~frame.columns.duplicated()]


def design_table(folder: str | Path) -> pd.DataFrame:
    """The unit-cube coordinates of a sampling design: one row per cell (index ``cell``),
    one column per factor, named. The same for every base scenario."""
    with _closing(connect_readonly(folder)) as db:
        rows = db.execute(
            "SELECT cell, unit FROM points WHERE point_id IN "
            "(SELECT MIN(point_id) FROM points GROUP BY cell) ORDER BY cell"
        ).fetchall()
    coordinates = [json.loads(unit) for _, unit in rows]
    if coordinates and isinstance(coordinates[0], list):  # written before names were stored
        names = file_factor_order(meta_table(folder))
        coordinates = [dict(zip(names, c, strict=True)) for c in coordinates]
    cells = pd.Index([cell for cell, _ in rows], name="cell")
    return pd.DataFrame(coordinates, index=cells)


def file_factor_order(meta: dict[str, str]) -> list[str]:
    """The factors in the order the experiment file lists them (its design's column order),
    read from the file's text kept in the store (with the quick preset if it was used)."""
    data = yaml.safe_load(meta.get("experiment_text", "")) or {}
    if json.loads(meta.get("quick", "false")):
        data = {**data, **(data.get("quick") or {})}
    return list(data.get("factors") or {})


def meta_table(folder: str | Path) -> dict[str, str]:
    with _closing(connect_readonly(folder)) as db:
        return dict(db.execute("SELECT key, value FROM meta"))


class _closing:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        return self.db

    def __exit__(self, *exc: object) -> None:
        self.db.close()

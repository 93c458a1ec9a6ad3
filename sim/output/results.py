"""One run's results: the time series and its summary, written atomically.

``timeseries.parquet`` holds one row per step (step 0 included), columns as defined in
``sim.output.metrics.TIMESERIES`` and, unless ``outcomes.value_added`` is false, the
alliance's value added against the same seed without an alliance
(:mod:`sim.output.value_added`; ``counterfactual_wall_time_seconds`` in the summary says
what the second run cost, about 0 when the process had run the same world already), each
with its unit and description in the Parquet field metadata. ``summary.json`` holds the
fully resolved scenario, the seed, the steps, final and time-averaged outcomes (over the
whole run and over the final window, ``outcomes.final_window``, with a stationarity
diagnostic per main outcome under ``settled``: :mod:`sim.output.settled`), the
provenance (``sim.output.provenance``) and the wall time. With
``outcomes.agent_records_every`` set, ``agents.parquet`` holds each firm's records at
those steps (:mod:`sim.output.agent_records`). All are written into a staged folder that
is swapped into place whole (``sim.output.results_folder``), so a failed or interrupted
run leaves nothing half-written.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sim.model import AllianceModel
from sim.output.agent_records import AGENT_COLUMNS
from sim.output.metrics import TIMESERIES
from sim.output.policy_outcomes import summary_outcomes
from sim.output.provenance import provenance
from sim.output.results_folder import ResultsWriteError, write_folder
from sim.output.settled import final_window, settled_outcomes
from sim.output.value_added import counterfactual_welfare, with_value_added
from sim.output.welfare import PAIRED_COLUMNS
from sim.scenario import Scenario

COLUMNS = {**TIMESERIES, **PAIRED_COLUMNS}
"""Every column a run's time series may hold: the model's and value added."""

AGENTS_FILE = "agents.parquet"
STEP_COLUMN = ("step", "Step (one quarter); 0 is the state before the first step")


@dataclass
class RunResult:
    """The outcome of ``run_scenario``: the series, the summary and the model."""

    timeseries: pd.DataFrame
    summary: dict[str, Any]
    model: AllianceModel

    def write(self, out_dir: str | Path) -> Path:
        """Write ``timeseries.parquet`` and ``summary.json`` (and ``agents.parquet`` when
        agent records are on) into ``out_dir`` atomically."""
        records = self.model.agent_records
        agents = records.frame() if records.every else None
        return write_run(self.timeseries, self.summary, Path(out_dir), agents)


def run_scenario(
    scenario: Scenario, steps: int | None = None, seed: int | None = None
) -> RunResult:
    """Build the model, run it and summarise it. A seed is drawn and recorded if none given."""
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    steps = scenario.steps if steps is None else steps
    started = time.perf_counter()
    model = AllianceModel(scenario, rng=seed)
    frame = model.run(steps)
    wall = time.perf_counter() - started
    counterfactual_wall = None
    if scenario.outcomes.value_added:
        welfare_without, counterfactual_wall = counterfactual_welfare(scenario, steps, seed)
        frame = with_value_added(frame, welfare_without)
    summary = summarise(scenario, frame, seed, steps, wall)
    summary["counterfactual_wall_time_seconds"] = (
        None if counterfactual_wall is None else round(counterfactual_wall, 4)
    )
    summary["outcomes"] = summary_outcomes(model, frame)
    window = final_window(frame, scenario.outcomes).drop(columns="step").astype(float)
    summary["final_window"] = _plain(window.mean().to_dict()) if len(window) else {}
    summary["settled"] = settled_outcomes(frame, scenario.outcomes)
    summary["events"] = model.event_schedule.log
    return RunResult(frame, summary, model)


def summarise(
    scenario: Scenario, frame: pd.DataFrame, seed: int, steps: int, wall: float
) -> dict[str, Any]:
    """The summary of a run: inputs, provenance and outcomes."""
    after_start = frame[frame["step"] > 0]
    return {
        "scenario": scenario.model_dump(mode="json"),
        "seed": seed,
        "steps": steps,
        "final": _plain(frame.iloc[-1].to_dict()),
        "time_average": _plain(after_start.drop(columns="step").astype(float).mean().to_dict())
        if len(after_start)
        else {},
        "units": {name: COLUMNS[name].unit for name in frame.columns if name in COLUMNS},
        **provenance(),
        "wall_time_seconds": round(wall, 4),
    }


def write_run(
    frame: pd.DataFrame,
    summary: dict[str, Any],
    out_dir: Path,
    agents: pd.DataFrame | None = None,
) -> Path:
    """Write the files into a staged folder, then swap it into ``out_dir`` whole
    (:mod:`sim.output.results_folder`)."""

    def write_files(staged: Path) -> None:
        final = Path(out_dir).absolute()
        _write_file(final / "timeseries.parquet", lambda: write_timeseries(frame, staged))
        if agents is not None:
            _write_file(final / AGENTS_FILE, lambda: write_agents(agents, staged / AGENTS_FILE))
        text = json.dumps(summary, indent=2, sort_keys=True) + "\n"
        _write_file(final / "summary.json", lambda: (staged / "summary.json").write_text(text))

    return write_folder(Path(out_dir), write_files)


def _write_file(final: Path, write: Callable[[], object]) -> None:
    """Run ``write``; an I/O failure names the file the user asked for, not the staging one."""
    try:
        write()
    except OSError as err:
        reason = err.strerror or str(err).split(". Detail:")[0]
        raise ResultsWriteError(f"cannot write {final}: {reason}") from None


def write_timeseries(frame: pd.DataFrame, folder: Path) -> None:
    """``timeseries.parquet`` with each column's unit and description in its field
    metadata (keys ``unit`` and ``description``); the column data are pandas' own."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    fields = [field.with_metadata(column_metadata(field.name)) for field in table.schema]
    schema = pa.schema(fields, metadata=table.schema.metadata)
    annotated = pa.Table.from_arrays(table.columns, schema=schema)
    pq.write_table(annotated, folder / "timeseries.parquet")


def write_agents(agents: pd.DataFrame, path: Path) -> None:
    """The agent records (:mod:`sim.output.agent_records`) as Parquet, ``Step`` and
    ``AgentID`` as columns, each column's unit and description in its field metadata."""
    table = pa.Table.from_pandas(agents.reset_index(), preserve_index=False)
    notes = {
        "Step": {"unit": "step", "description": "Step at which the firm was recorded"},
        "AgentID": {"unit": "id", "description": "The firm's Mesa unique_id"},
        **{n: {"unit": c.unit, "description": c.doc} for n, c in AGENT_COLUMNS.items()},
    }
    fields = [field.with_metadata(notes[field.name]) for field in table.schema]
    schema = pa.schema(fields, metadata=table.schema.metadata)
    pq.write_table(pa.Table.from_arrays(table.columns, schema=schema), path)


def column_metadata(name: str) -> dict[str, str]:
    """The unit and description of a time-series column (``sim.output.metrics.TIMESERIES``)."""
    if name == STEP_COLUMN[0]:
        return {"unit": "step", "description": STEP_COLUMN[1]}
    column = COLUMNS[name]
    return {"unit": column.unit, "description": column.doc}


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in values.items():
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and not np.isfinite(value):
            value = None
        out[key] = value
    return out

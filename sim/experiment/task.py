"""One run, on whichever process executes it: (scenario, seed) in, a small record out.

:func:`perform_run` calls :func:`sim.output.results.run_scenario`, keeps every numeric outcome
of the summary (by name, :mod:`sim.experiment.outcomes`) and the time series thinned to
every ``record_every``-th step (the last step always), and drops the model. A run that
raises becomes a failed record carrying the error, so a sweep goes on.
"""

from __future__ import annotations

import os
import socket
import time
import traceback
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import pandas as pd

from sim.experiment.outcomes import outcome_values
from sim.experiment.plan import RunJob


class RunStatus(StrEnum):
    """What became of a run."""

    DONE = "done"
    FAILED = "failed"


@dataclass
class RunRecord:
    """The small result of one run that crosses the process boundary."""

    run_id: str
    status: RunStatus
    outcomes: dict[str, float | None] = field(default_factory=dict)
    timeseries: pd.DataFrame | None = None
    error: str | None = None
    started: float = 0.0
    wall_seconds: float = 0.0
    worker: str = ""


def perform_run(job: RunJob) -> RunRecord:
    """Run ``job``; never raises for a failure of the model (the record says so)."""
    from sim.output.results import run_scenario

    started = time.time()
    clock = time.perf_counter()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    try:
        result = run_scenario(job.scenario, steps=job.steps, seed=job.seed)
        frame = thin(result.timeseries, job.record_every)
        outcomes = outcome_values(result.summary)
    except Exception as err:  # a failed run is data, not a crash
        last = traceback.format_exception_only(err)[-1].strip()
        return RunRecord(
            job.run_id,
            RunStatus.FAILED,
            error=last,
            started=started,
            wall_seconds=time.perf_counter() - clock,
            worker=worker,
        )
    wall = time.perf_counter() - clock
    return RunRecord(job.run_id, RunStatus.DONE, outcomes, frame, None, started, wall, worker)


def thin(frame: pd.DataFrame, every: int) -> pd.DataFrame:
    """Rows whose step is a multiple of ``every``, plus the last row."""
    if every <= 1 or frame.empty:
        return frame.reset_index(drop=True)
    steps = frame["step"].to_numpy()
    keep = (steps % every == 0) | (np.arange(len(frame)) == len(frame) - 1)
    return frame.loc[keep].reset_index(drop=True)

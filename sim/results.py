"""One run's results: the time series and its summary, written atomically.

``timeseries.parquet`` holds one row per step (step 0 included), columns as defined in
``sim.metrics.TIMESERIES``. ``summary.json`` holds the fully resolved scenario, the
seed, the steps, final and time-averaged outcomes, package versions, the git commit
when there is one and the wall time. Both are written into a temporary folder that is
renamed into place, so a failed or interrupted run leaves nothing half-written.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.metrics import TIMESERIES, summary_outcomes
from sim.model import AllianceModel
from sim.scenario import Scenario

PACKAGES = (
    "archives-alliance",
    "mesa",
    "numpy",
    "networkx",
    "pandas",
    "pyarrow",
    "pydantic",
    "scipy",
)


@dataclass
class RunResult:
    """The outcome of ``run_scenario``: the series, the summary and the model."""

    timeseries: pd.DataFrame
    summary: dict[str, Any]
    model: AllianceModel

    def write(self, out_dir: str | Path) -> Path:
        """Write ``timeseries.parquet`` and ``summary.json`` into ``out_dir`` atomically."""
        return write_run(self.timeseries, self.summary, Path(out_dir))


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
    summary = summarise(scenario, frame, seed, steps, wall)
    summary["outcomes"] = summary_outcomes(model, frame)
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
        "units": {name: col.unit for name, col in TIMESERIES.items()},
        "versions": package_versions(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_commit": git_commit(),
        "wall_time_seconds": round(wall, 4),
    }


def package_versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def git_commit() -> str | None:
    """The commit of the source tree the package runs from, if it is a git checkout."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=here,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def write_run(frame: pd.DataFrame, summary: dict[str, Any], out_dir: Path) -> Path:
    """Write both files to a temporary sibling folder, then move it into place."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        frame.to_parquet(tmp / "timeseries.parquet", index=False)
        (tmp / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
        if out_dir.exists():
            for name in ("timeseries.parquet", "summary.json"):
                os.replace(tmp / name, out_dir / name)
            tmp.rmdir()
        else:
            tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in values.items():
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and not np.isfinite(value):
            value = None
        out[key] = value
    return out

"""Where the numbers came from, and whether all of them are there.

The reproducibility section lists the experiment file and its hash, the base scenarios,
replicates per point and whether the precision target was met, the root seed, the
commit and dirty flag, the versions, the date and the command that reproduces the
report. :func:`health` finds failed runs and planned runs that never finished, which the
report flags at the top of the page.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from sim.experiment.spec import Experiment
from sim.experiment.status import sweep_status
from sim.experiment.summary import replicate_table
from sim.report.wording import mode_name


@dataclass
class Health:
    """Failed and missing runs of a store."""

    planned: int
    done: int
    failed: int
    pending: int
    running: bool
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """One sentence per problem, for the top of the report (empty when complete)."""
        out = []
        if self.failed:
            out.append(
                f"{self.failed} of {self.planned} planned runs failed; the numbers below "
                "leave them out, which can bias them if failures depend on the mode."
            )
        if self.pending:
            state = "the sweep is still running" if self.running else "the sweep stopped early"
            out.append(
                f"{self.pending} of {self.planned} planned runs are missing ({state}); "
                "rerun the sweep command to complete them."
            )
        return out


def health(store: Path) -> Health:
    """The store's planned, done, failed and missing runs."""
    status = sweep_status(store)
    return Health(
        status.planned,
        status.done,
        status.failed,
        status.pending,
        status.running,
        list(status.failures),
    )


@dataclass
class Provenance:
    """The facts of the reproducibility section, as display strings."""

    rows: list[tuple[str, str]]
    replicates: pd.DataFrame
    target_met: bool
    command: str


def provenance(
    store: Path, meta: dict[str, str], experiment: Experiment, runs: pd.DataFrame
) -> Provenance:
    """The reproducibility facts of ``store``."""
    replicates = replicate_table(runs, experiment)
    met = _has_target(replicates) and bool(replicates["target_met"].astype(bool).all())
    quick = json.loads(meta.get("quick", "false"))
    command = reproduce_command(meta.get("experiment_file", "EXPERIMENT"), quick, store)
    rows = [
        ("experiment file", meta.get("experiment_file", "not recorded")),
        ("its SHA-256", meta.get("experiment_sha256", "not recorded")),
        ("preset", "quick (--quick)" if quick else "full"),
        ("base scenarios", ", ".join(f"{mode_name(s)} ({s})" for s in experiment.scenarios)),
        ("baseline", experiment.baseline or "none"),
        ("levers crossed with the mode", ", ".join(experiment.factors) or "none"),
        ("design", experiment.design.value),
        ("replicates per point", _replicate_range(replicates)),
        ("precision target met", _target_text(replicates, met)),
        ("root seed", str(experiment.seed)),
        ("steps per run", str(experiment.steps) if experiment.steps else "each scenario's own"),
        ("code commit", _commit(meta)),
        ("Python", meta.get("python", "not recorded")),
        ("platform", meta.get("platform", "not recorded")),
        ("package versions", _versions(meta)),
        ("sweep started", _date(meta.get("created"))),
        ("report written", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]
    return Provenance(rows, replicates, met, command)


def reproduce_command(experiment_file: str, quick: bool, store: Path) -> str:
    """The commands that rerun the sweep (it resumes if complete) and rewrite the report."""
    sweep = [
        "alliance",
        "sweep",
        experiment_file,
        *(["--quick"] if quick else []),
        "--out",
        str(store),
    ]
    report = ["alliance", "report", str(store)]
    return f"{shlex.join(sweep)} && {shlex.join(report)}"


def _replicate_range(replicates: pd.DataFrame) -> str:
    if replicates.empty:
        return "none"
    low, high = int(replicates["replicates"].min()), int(replicates["replicates"].max())
    return str(low) if low == high else f"{low} to {high}"


def _has_target(replicates: pd.DataFrame) -> bool:
    """Whether the replicates had a precision target (adaptive replication); a fixed
    replicate count has none."""
    return bool(len(replicates)) and bool(replicates["precision"].notna().any())


def _target_text(replicates: pd.DataFrame, met: bool) -> str:
    if replicates.empty:
        return "no runs"
    if not _has_target(replicates):
        return "no target: a fixed number of replicates per point"
    precision = float(replicates["precision"].dropna().iloc[0])
    target = f"95% half-width within {precision:.0%} of the mean (or the floor)"
    if met:
        return f"yes, at every point ({target})"
    short = int((~replicates["target_met"].astype(bool)).sum())
    return f"no: {short} of {len(replicates)} points are short of it ({target})"


def _commit(meta: dict[str, str]) -> str:
    commit = meta.get("git_commit", "")
    if not commit:
        return "not recorded (the sweep did not run from a git checkout of the project)"
    dirty = json.loads(meta.get("git_dirty", "null"))
    flag = {True: "with uncommitted changes", False: "clean", None: "dirty flag unknown"}[dirty]
    return f"{commit} ({flag})"


def _versions(meta: dict[str, str]) -> str:
    versions = json.loads(meta.get("versions", "{}"))
    return ", ".join(f"{k} {v}" for k, v in versions.items()) or "not recorded"


def _date(created: str | None) -> str:
    if not created:
        return "not recorded"
    return datetime.fromtimestamp(float(json.loads(created)), UTC).strftime("%Y-%m-%d %H:%M UTC")

"""``write_report(store)``: read a sweep store, compute, draw, render, write.

The report is ``STORE/report.html`` (one file: styles inline, figures inline SVG, no
scripts, nothing fetched), with ``comparison.csv`` and ``comparison.md`` beside it. Every
number comes from the store (and, for the incentive audit, from rerunning the recorded
base scenarios' first steps), so the same store gives the same report.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from sim.experiment.reading import meta_table, runs_table
from sim.experiment.spec import Experiment
from sim.experiment.store import StoreError
from sim.experiment.summary import stored_experiment
from sim.report.assumptions import ASSUMPTIONS, ODD_PATH
from sim.report.comparison import Comparison, compare
from sim.report.extras import Analysis, Extra, read_extras
from sim.report.figure_set import report_figures
from sim.report.incentive_audit import ModeAudit, audit_modes, monitor_name, runway_text
from sim.report.levers import lever_levels, reversals
from sim.report.narrative import Paragraph, summary
from sim.report.outcomes import BY_KEY, HEADLINE, with_derived
from sim.report.render import render
from sim.report.reproducibility import health, provenance
from sim.report.robustness import pair_sentences, summary_sentences
from sim.report.table_files import write_tables, write_whole
from sim.report.table_view import table_views
from sim.report.wording import mode_name

REPORT = "report.html"


@dataclass(frozen=True)
class ReportFiles:
    """What ``write_report`` wrote, and how long it took."""

    html: Path
    csv: Path
    markdown: Path
    seconds: float


def write_report(store: str | Path, audit: bool = True) -> ReportFiles:
    """Write the report of the sweep store at ``store`` (``audit``: run the incentive audit)."""
    clock = time.perf_counter()
    store = Path(store)
    context = report_context(store, audit)
    html = store / REPORT
    write_whole(html, render(context))
    csv, markdown = write_tables(context["table"], store)
    return ReportFiles(html, csv, markdown, time.perf_counter() - clock)


def report_context(store: Path, audit: bool = True) -> dict[str, Any]:
    """Everything the template shows, computed from the store."""
    meta = meta_table(store)
    if "experiment_resolved" not in meta:
        raise StoreError(f"{store}: no experiment recorded in this store; nothing to report")
    experiment = stored_experiment(store)
    every_run = runs_table(store)
    runs = with_derived(every_run[every_run["status"] == "done"])
    table = compare(runs, list(experiment.scenarios), experiment.baseline)
    levers = lever_levels(runs, list(experiment.factors))
    state = health(store)
    extras = _described(read_extras(store))
    return {
        "experiment": experiment,
        "title": f"Construction modes compared: {experiment.name}",
        "health": state,
        "summary": _summary(runs, table, levers, state.warnings, extras),
        "table": table,
        "tables": table_views(table),
        "figures": report_figures(store, runs, experiment, table, levers, extras),
        "extras": extras,
        "audits": _audits(meta, experiment) if audit else [],
        "assumptions": ASSUMPTIONS,
        "odd_path": ODD_PATH,
        "provenance": provenance(store, meta, experiment, every_run),
        "mode_name": mode_name,
        "runway_text": runway_text,
        "monitor_name": monitor_name,
        "frame_rows": _frame_rows,
    }


def _summary(
    runs: pd.DataFrame,
    table: Comparison,
    levers: dict[str, list[str]],
    warnings: list[str],
    extras: dict[Analysis, Extra],
) -> list[Paragraph]:
    """The plain-language summary: reversals by lever and robustness come first."""
    headline = {BY_KEY[k]: table.columns[k] for k in HEADLINE if k in table.columns}
    found = reversals(runs, table.modes, levers, headline)
    robust = [*summary_sentences(extras[Analysis.ROBUST]), *extras[Analysis.DISCOVERY].sentences]
    return summary(table, found, warnings, robust)


def _described(extras: dict[Analysis, Extra]) -> dict[Analysis, Extra]:
    """The robust comparison with its tables read out as sentences (section 4)."""
    robust = extras[Analysis.ROBUST]
    said = [*summary_sentences(robust), *pair_sentences(robust), *robust.sentences]
    return {**extras, Analysis.ROBUST: replace(robust, sentences=said)}


def _audits(meta: dict[str, str], experiment: Experiment) -> list[ModeAudit]:
    return audit_modes(meta["scenarios"], experiment.seed, experiment.steps)


def _frame_rows(frame: pd.DataFrame, limit: int = 40) -> list[list[str]]:
    """A table of an optional analysis as text cells (at most ``limit`` rows)."""
    return [[_text(v) for v in row] for row in frame.head(limit).itertuples(index=False)]


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)

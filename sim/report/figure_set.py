"""Which figures a store gives: each drawn when its data exist, or a note saying what is
missing (:mod:`sim.report.figures`, :mod:`sim.report.fan_chart`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from sim.experiment.reading import timeseries_table
from sim.experiment.spec import DesignKind, Experiment
from sim.report.comparison import Comparison
from sim.report.extras import Analysis, Extra
from sim.report.fan_chart import SERIES, fan_chart
from sim.report.figures import Figure, acceptability, by_level, drawn, retention_chart, tradeoff

MAX_LEVER_FIGURES = 2
ABSENT = "not available in this store"


def report_figures(
    store: Path,
    runs: pd.DataFrame,
    experiment: Experiment,
    table: Comparison,
    levers: dict[str, list[str]],
    extras: dict[Analysis, Extra],
) -> list[Figure]:
    """Every figure of the report, in reading order."""
    modes = table.modes
    figures = [
        drawn("trajectories", "Trajectories by mode", FAN_CAPTION,
              fan_chart(_series(store), modes), f"No time series: {ABSENT}."),
        _tradeoff(runs, table),
        *_interactions(runs, table, levers),
        _retention(runs, table),
        drawn("acceptability", "Acceptability curve", ACCEPT_CAPTION,
              _acceptability(extras[Analysis.POLICY]), f"No policy search: {ABSENT}."),
        drawn("sensitivity", "Sensitivity", SENSITIVITY_CAPTION,
              _sensitivity(store, runs, experiment),
              f"No sensitivity design (Morris or Sobol): {ABSENT}."),
    ]  # fmt: skip
    return figures


FAN_CAPTION = (
    "Median over runs (line) and the band holding the middle 80% of runs (10th to 90th "
    "percentile), runs of every level of the other levers pooled. A fan shows what may "
    "happen in one alliance, not an interval for the mean."
)
ACCEPT_CAPTION = "From the policy search beside the store (policy/acceptability.csv)."
SENSITIVITY_CAPTION = (
    "Indices of the experiment's sensitivity design, attached to the factors they belong "
    "to; the first summarised outcome, per mode."
)


def _series(store: Path) -> pd.DataFrame:
    try:
        return timeseries_table(store, [c for c, _ in SERIES])
    except (sqlite3.OperationalError, pd.errors.DatabaseError):
        return pd.DataFrame()


def _tradeoff(runs: pd.DataFrame, table: Comparison) -> Figure:
    value = table.columns.get("value_added")
    fig, ylabel = tradeoff(runs, table.modes, table.baseline, value)
    caption = (
        "Each mode's mean with 95% intervals on both axes."
        if value
        else "The welfare account's value added is not available in this store, so the "
        f"vertical axis shows what exists: {ylabel}, paired by seed. It counts firms' profit "
        "only, not clients' surplus or organisers' funds."
    )
    return drawn("tradeoff", "Value against public cost", caption, fig,
                 f"No public cost or value column: {ABSENT}.")  # fmt: skip


def _interactions(runs: pd.DataFrame, table: Comparison, levers: dict[str, list[str]]):
    if not levers:
        return [
            Figure(
                "interaction",
                "Mode × lever",
                "The experiment crosses the modes with no other lever.",
            )
        ]
    keys = [k for k in ("member_share", "cooperation_share", "value_added") if k in table.columns]
    panels = [(k, table.columns[k]) for k in keys]
    return [
        drawn(f"interaction-{i}", f"Mode × {lever}",
              "Mean with 95% interval at each level; lines that cross mark a ranking that "
              "depends on the lever.", by_level(runs, table.modes, lever, levels, panels),
              f"No outcome to show: {ABSENT}.")
        for i, (lever, levels) in enumerate(list(levers.items())[:MAX_LEVER_FIGURES])
    ]  # fmt: skip


def _retention(runs: pd.DataFrame, table: Comparison) -> Figure:
    column = table.columns.get("retention")
    fig = retention_chart(runs, table.modes, column) if column else None
    return drawn("retention", "Retention after support ends",
                 "Only modes whose outside support ends in the run have a value.", fig,
                 f"No run here ends outside support: retention is {ABSENT}.")  # fmt: skip


def _acceptability(extra: Extra):
    """Every acceptability curve beside the store (``policy/acceptability.csv`` or one
    per search, ``policy/<mode>-<lever>/acceptability.csv``), drawn together."""
    curves = [t for key, t in extra.tables.items() if key.split("/")[-1] == "acceptability"]
    return acceptability(pd.concat(curves, ignore_index=True)) if curves else None


def _sensitivity(store: Path, runs: pd.DataFrame, experiment: Experiment):
    """The sweep's own sensitivity figure, from the design's named columns."""
    if experiment.design not in (DesignKind.MORRIS, DesignKind.SOBOL):
        return None
    from sim.experiment.reading import design_table
    from sim.experiment.sensitivity import sensitivity_figure

    return sensitivity_figure(runs, design_table(store), experiment)

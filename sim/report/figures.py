"""The report's figures, each an inline SVG with a caption, or a note saying why it is
absent: trajectories (fan charts), value added against public cost, the mode × lever
interaction, retention after support ends, the acceptability curve and the sensitivity
chart. Intervals are the table's (:mod:`sim.report.estimates`); modes differ by marker
and line style as well as colour, so figures stay readable printed in grey.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from sim.experiment.figures import MARKERS, STYLES
from sim.report.estimates import Estimate, mode_estimate, paired_estimate
from sim.report.levers import at_level
from sim.report.outcomes import BY_KEY, PUBLIC_COST, Scale
from sim.report.svg import inline_svg
from sim.report.wording import mode_name

SURPLUS = "final_window.surplus"


@dataclass(frozen=True)
class Figure:
    """A figure of the report: its SVG, or the reason it is missing."""

    key: str
    title: str
    caption: str
    svg: str | None = None


def drawn(key: str, title: str, caption: str, fig: plt.Figure | None, missing: str) -> Figure:
    """A :class:`Figure` from a matplotlib figure, or a note when there is none."""
    if fig is None:
        return Figure(key, title, missing)
    return Figure(key, title, caption, inline_svg(fig, key, title))


def tradeoff(runs: pd.DataFrame, modes: list[str], baseline: str | None, value: str | None):
    """Value added (or, lacking it, firms' surplus gained over the baseline) against total
    public cost, each with its 95% interval; None without a cost column."""
    if PUBLIC_COST not in runs or (value is None and (baseline is None or SURPLUS not in runs)):
        return None, ""
    fig, ax = plt.subplots(figsize=(6.8, 4.2))
    for i, mode in enumerate(modes):
        cost = mode_estimate(runs, mode, PUBLIC_COST, Scale.NUMBER)
        if value is not None:
            gain = mode_estimate(runs, mode, value, Scale.NUMBER)
        elif mode == baseline:
            gain = Estimate(0.0, 0.0, 0.0, cost.n)
        else:
            gain = paired_estimate(runs, mode, baseline, SURPLUS, Scale.NUMBER)
        _point(ax, i, mode, cost, gain)
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set_xlabel("public cost, total over the run [MU]")
    ylabel = (
        "alliance's value added [MU]"
        if value
        else f"firms' surplus gained over {mode_name(baseline)} [MU/step]"
    )
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    ax.set_title("What each mode gives against what it costs the public (95% intervals)")
    return fig, ylabel


def _point(ax, i: int, mode: str, x: Estimate, y: Estimate) -> None:
    ax.errorbar(x.mean, y.mean, xerr=_bar(x), yerr=_bar(y), fmt=MARKERS[i % len(MARKERS)],
                color=f"C{i}", capsize=3, label=mode_name(mode))  # fmt: skip


def _bar(e: Estimate):
    if not (e.defined and pd.notna(e.low) and abs(e.low) != float("inf")):
        return None
    return [[e.mean - e.low], [e.high - e.mean]]


def by_level(runs: pd.DataFrame, modes: list[str], lever: str, levels: list[str],
             panels: list[tuple[str, str]]) -> plt.Figure | None:  # fmt: skip
    """Each panel's outcome by mode at each of ``lever``'s levels (mean, 95% interval)."""
    panels = [(key, col) for key, col in panels if col in runs]
    if not panels:
        return None
    fig, axes = plt.subplots(1, len(panels), figsize=(4.6 * len(panels), 3.9), squeeze=False)
    for ax, (key, column) in zip(axes[0], panels, strict=True):
        outcome = BY_KEY[key]
        for i, mode in enumerate(modes):
            ests = [
                mode_estimate(at_level(runs, lever, lv), mode, column, outcome.scale)
                for lv in levels
            ]
            x = [j + (i - len(modes) / 2) * 0.05 for j in range(len(levels))]
            ax.errorbar(x, [e.mean for e in ests],
                        yerr=[[e.mean - e.low for e in ests], [e.high - e.mean for e in ests]],
                        marker=MARKERS[i % len(MARKERS)], linestyle=STYLES[i % len(STYLES)],
                        color=f"C{i}", capsize=3, label=mode_name(mode))  # fmt: skip
        ax.set_xticks(range(len(levels)), [_short(lv) for lv in levels], fontsize=8)
        ax.set_xlabel(lever)
        ax.set_ylabel(f"{outcome.label.lower()} [{outcome.unit}]", fontsize=9)
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=8)
    fig.suptitle(f"Mode × {lever} (mean, 95% interval)")
    fig.tight_layout()
    return fig


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def retention_chart(runs: pd.DataFrame, modes: list[str], column: str) -> plt.Figure:
    """Retention after support ends by mode (mean, 95% interval), modes with a value only."""
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    shown = [m for m in modes if mode_estimate(runs, m, column, Scale.NUMBER).defined]
    for x, mode in enumerate(shown):
        i = modes.index(mode)  # each mode keeps its colour and marker across figures
        e = mode_estimate(runs, mode, column, Scale.NUMBER)
        ax.errorbar(x, e.mean, yerr=_bar(e), fmt=MARKERS[i % len(MARKERS)], color=f"C{i}",
                    capsize=4)  # fmt: skip
    ax.axhline(1.0, color="grey", linewidth=0.8, linestyle=":")
    ax.set_xticks(range(len(shown)), [mode_name(m) for m in shown], fontsize=8)
    ax.set_ylabel("retention after support ends [ratio]")
    ax.grid(alpha=0.3)
    ax.set_title("Members kept after outside support ends (1 = all kept; 95% intervals)")
    return fig


def acceptability(table: pd.DataFrame) -> plt.Figure | None:
    """P(success) against public support, from the policy search's table."""
    if not {"support", "probability", "ci_low", "ci_high"} <= set(table.columns):
        return None
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    groups = table.groupby("mode", sort=False) if "mode" in table else [("", table)]
    for i, (mode, part) in enumerate(groups):
        part = part.sort_values("support")
        ax.plot(part["support"], part["probability"], color=f"C{i}",
                linestyle=STYLES[i % len(STYLES)], marker=MARKERS[i % len(MARKERS)],
                label=mode_name(str(mode)) if mode else None)  # fmt: skip
        ax.fill_between(part["support"], part["ci_low"], part["ci_high"], color=f"C{i}", alpha=0.15)
    ax.set_xlabel("public support")
    ax.set_ylabel("P(success)")
    ax.set_ylim(-0.02, 1.02)
    if "mode" in table:
        ax.legend(fontsize=8)
    ax.set_title("Acceptability: probability of success against public support (95% band)")
    return fig

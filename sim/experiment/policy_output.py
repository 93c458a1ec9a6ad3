"""A policy search's files: runs, acceptability curve (CSV), a Markdown page and a figure."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.experiment.figures import save_figure
from sim.experiment.markdown import markdown_table
from sim.experiment.policy_search import SearchResult, SearchSettings
from sim.experiment.statistics import Interval, interval

GRID = 101
MISSED = "not met within the run budget"


@dataclass(frozen=True)
class PolicyQuestion:
    """What was asked: mode, lever, success condition (for titles and sentences)."""

    mode: str
    lever: str
    success: str


def acceptability_curve(result: SearchResult) -> pd.DataFrame:
    """P(success) over the range with its 95% band (percentiles of the bootstrap fits)."""
    grid = np.linspace(result.fit.low, result.fit.high, GRID)
    curves = np.array([fit.probability(grid) for fit in result.bootstrap_fits])
    low, high = np.percentile(curves, [2.5, 97.5], axis=0)
    return pd.DataFrame(
        {
            "level": grid,
            "p_success": result.fit.probability(grid),
            "band_low": low,
            "band_high": high,
        }
    )


def report_curve(curve: pd.DataFrame, mode: str) -> pd.DataFrame:
    """The acceptability curve as the policymakers' report reads it (``alliance report``
    draws every ``policy/*/acceptability.csv`` beside a store)."""
    return pd.DataFrame(
        {
            "support": curve["level"],
            "probability": curve["p_success"],
            "ci_low": curve["band_low"],
            "ci_high": curve["band_high"],
            "mode": mode,
        }
    )


def confirmation_cost(runs: pd.DataFrame, level: float) -> Interval:
    """Public cost per step (mean, 95% interval) of the runs at ``level``."""
    at = runs[np.isclose(runs["level"], level)]
    return interval(at["time_average.public_cost"].to_numpy(dtype=float))


def policy_sentences(
    question: PolicyQuestion, result: SearchResult, settings: SearchSettings, cost: Interval | None
) -> list[str]:
    """The result in words."""
    lines = [
        f"{question.mode}: P({question.success}) against {question.lever} over "
        f"[{settings.low:g}, {settings.high:g}], target {settings.target:.0%}, "
        f"{len(result.runs)} runs in the fit.",
    ]
    interval_text = (
        f"95% likelihood interval {result.ci_low:.4g} to {result.ci_high:.4g}; percentile "
        f"bootstrap {result.bootstrap_low:.4g} to {result.bootstrap_high:.4g}"
    )
    if result.level < settings.low:
        lines.append(
            f"The lowest level, {settings.low:g}, already reaches the target (fitted level "
            f"{result.level:.4g}, {interval_text})."
        )
    elif result.level > settings.high:
        lines.append(
            f"No level in the range reaches the target (fitted level {result.level:.4g}, "
            f"{interval_text})."
        )
    else:
        state = "met" if result.converged else MISSED
        lines.append(
            f"Cheapest level: {result.level:.4g} ({interval_text}; width "
            f"{result.ci_high - result.ci_low:.3g}, tolerance {settings.tolerance:g}: {state})."
        )
    c = result.confirmation
    if c is not None:
        lines.append(
            f"Confirmation at {c.level:.4g}: {c.successes} of {c.runs} runs succeed "
            f"(exact 95% interval {c.low:.0%} to {c.high:.0%})."
        )
    if cost is not None and cost.n:
        lines.append(
            f"Public cost there: {cost.mean:.4g} MU/step "
            f"(95% interval {cost.low:.4g} to {cost.high:.4g})."
        )
    return lines


def write_policy(
    question: PolicyQuestion,
    result: SearchResult,
    settings: SearchSettings,
    runs: pd.DataFrame,
    folder: Path,
) -> tuple[list[Path], list[str]]:
    """Write runs, curve, Markdown and figure; return the files and the sentences."""
    folder.mkdir(parents=True, exist_ok=True)
    curve = acceptability_curve(result)
    cost = confirmation_cost(runs, result.confirmation.level) if result.confirmation else None
    sentences = policy_sentences(question, result, settings, cost)
    written = [folder / "runs.csv", folder / "curve.csv", folder / "policy.md"]
    runs.to_csv(written[0], index=False)
    curve.to_csv(written[1], index=False)
    written.append(folder / "acceptability.csv")  # the report's curve, by its names
    report_curve(curve, question.mode).to_csv(written[-1], index=False)
    widths = pd.DataFrame(result.widths, columns=["runs", "interval_width"])
    written[2].write_text(
        f"# Policy search: {question.mode}, {question.lever}\n\n"
        + "\n\n".join(sentences)
        + "\n\n## How the interval narrowed\n\n"
        + markdown_table(widths)
    )
    written.extend(_figure(question, result, settings, curve, folder))
    return written, sentences


def _figure(
    question: PolicyQuestion,
    result: SearchResult,
    settings: SearchSettings,
    curve: pd.DataFrame,
    folder: Path,
) -> list[Path]:
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    ax.plot(curve["level"], curve["p_success"], color="C0", label="fitted P(success)")
    ax.fill_between(
        curve["level"],
        curve["band_low"],
        curve["band_high"],
        color="C0",
        alpha=0.2,
        label="95% band (bootstrap)",
    )
    observed = result.runs.groupby("level")["success"].agg(["mean", "size"]).reset_index()
    ax.scatter(
        observed["level"],
        observed["mean"],
        s=8 + 2 * observed["size"],
        marker="o",
        facecolors="none",
        edgecolors="k",
        label="observed share (size: runs)",
    )
    ax.axhline(settings.target, color="grey", linestyle="--", label=f"target {settings.target:.0%}")
    ax.axvspan(
        max(result.ci_low, settings.low),
        min(result.ci_high, settings.high),
        color="C1",
        alpha=0.2,
        label="level: 95% interval",
    )
    ax.set_xlabel(f"{question.lever}")
    ax.set_ylabel("P(success) [probability]")
    ax.set_ylim(-0.02, 1.02)
    ax.set_title(f"{question.mode}: acceptability of {question.lever}", fontsize=9)
    ax.legend(fontsize=7)
    return save_figure(fig, folder / "acceptability")

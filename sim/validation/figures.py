"""Figures of the full validation run (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from sim.validation.check import CheckResult


def draw_all(rows: list[CheckResult], folder: Path) -> dict[str, str]:
    """Draw one figure per kind of check data; return {figure name: file name}."""
    folder.mkdir(parents=True, exist_ok=True)
    drawn = {}
    for name, kinds, draw in (
        ("abm_vs_replicator", ("trajectory",), _trajectories),
        ("finite_stationary", ("stationary",), _stationary),
        ("network_pgg_eta", ("eta",), _curves),
        ("network_pd_b", ("pd",), _curves),
        ("lattice_phases", ("phase",), _phases),
        ("optional_game", ("optional",), _optional),
    ):
        data = [r for r in rows if r.figure.get("kind") in kinds]
        if not data:
            continue
        fig = draw(data)
        fig.tight_layout()
        fig.savefig(folder / f"{name}.png", dpi=110)
        plt.close(fig)
        drawn[name] = f"{folder.name}/{name}.png"
    return drawn


def _trajectories(rows: list[CheckResult]):
    fig, ax = plt.subplots(figsize=(6, 4))
    for row in rows:
        f = row.figure
        ax.plot(f["t"], f["abm"], lw=2, alpha=0.6, label=f"ABM {f['label']}")
        ax.plot(f["t"], f["theory"], "k--", lw=1)
    ax.set(xlabel="step", ylabel="cooperator share", title="ABM (colour) vs mean field (dashed)")
    ax.legend(fontsize=7)
    return fig


def _stationary(rows: list[CheckResult]):
    fig, axes = plt.subplots(1, len(rows), figsize=(5 * len(rows), 4))
    for ax, row in zip(np.atleast_1d(axes), rows, strict=True):
        f = row.figure
        abm = np.array(f["abm"], float)
        k = np.arange(len(abm))
        ax.bar(k, abm / abm.sum(), alpha=0.5, label="ABM time in state k")
        ax.plot(k, f["theory"], "ko-", ms=3, label="birth-death chain")
        ax.set(xlabel="contributors k", ylabel="probability", title=f"exploration {f['mode']}")
        ax.legend()
    return fig


def _curves(rows: list[CheckResult]):
    fig, ax = plt.subplots(figsize=(6, 4))
    f = rows[0].figure
    x = f.get("eta", f.get("b"))
    for label, values in f["curves"].items():
        ax.plot(x, values, "o-", label=label)
    ax.set(
        xlabel="eta = r/(z+1)" if "eta" in f else "temptation b", ylabel="long-run cooperator share"
    )
    ax.legend()
    return fig


def _phases(rows: list[CheckResult]):
    fig, axes = plt.subplots(1, len(rows), figsize=(5 * len(rows), 4))
    for ax, row in zip(np.atleast_1d(axes), rows, strict=True):
        f = row.figure
        ax.plot(f["x"], f["share"], "o-")
        ax.set(xlabel=f["xlabel"], ylabel="long-run cooperator share", title=row.check)
    return fig


def _optional(rows: list[CheckResult]):
    fig, axes = plt.subplots(1, len(rows), figsize=(5 * len(rows), 4))
    for ax, row in zip(np.atleast_1d(axes), rows, strict=True):
        f = row.figure
        abm = np.array(f["abm"])
        theory = np.array(f["theory"])
        for i, name in enumerate(("contributors", "free-riders", "loners")):
            (line,) = ax.plot(f["t"], abm[:, i], lw=1, label=f"ABM {name}")
            ax.plot(f["theory_t"], theory[:, i], "--", color=line.get_color(), lw=1)
        ax.set(xlabel="step", ylabel="share", title=f"optional game r={f['r']:g}")
        ax.legend(fontsize=7)
    return fig

"""A discovery's files: trajectory and limits (CSV), a Markdown page, trade-off and box figures."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from sim.experiment.discovery import Discovery
from sim.experiment.figures import save_figure
from sim.experiment.markdown import markdown_table


def discovery_folder(store: Path, condition: str) -> Path:
    """``STORE/discovery/<condition as a file name>``."""
    slug = re.sub(r"[^A-Za-z0-9]+", "_", condition).strip("_")[:80] or "condition"
    return store / "discovery" / slug


def write_discovery(found: Discovery, folder: Path) -> list[Path]:
    """Write every file of ``found`` into ``folder``; return them."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "trajectory.csv", folder / "limits.csv", folder / "discovery.md"]
    found.trajectory.to_csv(written[0], index=False)
    found.limits.to_csv(written[1], index=False)
    written[2].write_text(discovery_markdown(found))
    written.extend(save_figure(tradeoff_figure(found), folder / "tradeoff"))
    if found.box is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            box_fig = found.box.inspect(found.chosen, style="graph")[0]
        written.extend(
            save_figure(box_fig.figure if hasattr(box_fig, "figure") else box_fig, folder / "box")
        )
    return written


def discovery_markdown(found: Discovery) -> str:
    """The sentences, the chosen box's limits and the trajectory."""
    text = f"# Scenario discovery: {found.condition}\n\n" + "\n\n".join(found.sentences())
    if len(found.limits):
        text += "\n\n## Chosen box (limits, quasi-p values, resampling)\n\n"
        text += markdown_table(found.limits)
    text += (
        "\n\n## Peeling trajectory (training cases)\n\nThe trajectory, `tradeoff.png` and "
        "`box.png` show PRIM's coverage and density on the training cases; the sentences "
        "above use all cases.\n\n" + markdown_table(found.trajectory)
    )
    return text


def tradeoff_figure(found: Discovery) -> plt.Figure:
    """Coverage against density along the peeling trajectory, the chosen box marked."""
    table = found.trajectory
    fig, ax = plt.subplots(figsize=(6, 4.5))
    points = ax.scatter(
        table["coverage"], table["density"], c=table["res_dim"], cmap="viridis", s=18
    )
    fig.colorbar(points, ax=ax, label="restricted parameters")
    if found.chosen is not None:
        row = table.loc[found.chosen]
        ax.scatter(
            [row.coverage],
            [row.density],
            s=140,
            facecolors="none",
            edgecolors="red",
            label=f"chosen box {found.chosen}",
        )
        ax.legend(fontsize=8)
    ax.set_xlabel("coverage [share of cases of interest in the box]")
    ax.set_ylabel("density [share of the box's cases of interest]")
    ax.set_title(f"PRIM trade-off: {found.condition}", fontsize=9)
    return fig

"""The comparison table as files beside the HTML: ``comparison.csv`` (one row per mode and
outcome, full precision, for re-use) and ``comparison.md`` (the table as shown, for
pasting into a note); every file is written whole or not at all (:func:`write_whole`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from sim.report.comparison import Comparison
from sim.report.wording import DASH, bounds, mode_name, number, places_for, signed


def comparison_frame(table: Comparison) -> pd.DataFrame:
    """One row per mode and outcome: mean, interval, difference against the baseline."""
    rows = []
    for outcome in table.outcomes:
        for mode in table.modes:
            cell = table.cell(mode, outcome.key)
            d = cell.versus_baseline
            rows.append({
                "mode": mode, "outcome": outcome.key, "label": outcome.label,
                "unit": table.unit(outcome), "column": table.columns[outcome.key],
                "n": cell.value.n, "mean": cell.value.mean,
                "ci_low": cell.value.low, "ci_high": cell.value.high,
                "baseline": table.baseline if d is not None else None,
                "difference": d.mean if d else None,
                "difference_ci_low": d.low if d else None,
                "difference_ci_high": d.high if d else None,
                "difference_established": d.excludes_zero if d else None,
                "best_established": cell.best,
            })  # fmt: skip
    return pd.DataFrame(rows)


def markdown(table: Comparison) -> str:
    """The table in Markdown: modes as rows, ``mean [low, high] (Δ diff [low, high])``."""
    head = ["mode", *[f"{o.label} ({table.unit(o)})" for o in table.outcomes]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for mode in table.modes:
        cells = [_markdown_cell(table, mode, o.key) for o in table.outcomes]
        lines.append("| " + " | ".join([mode_name(mode), *cells]) + " |")
    note = (
        f"\nMean over replicates with its 95% interval; Δ: paired difference against "
        f"{mode_name(table.baseline or '')} (same seeds), * where established (the interval "
        "excludes zero); ★ best, marked only where established against every other mode.\n"
    )
    return "\n".join(lines) + "\n" + note


def _markdown_cell(table: Comparison, mode: str, key: str) -> str:
    cell = table.cell(mode, key)
    if not cell.value.defined:
        return DASH
    places = places_for(cell.value)
    text = f"{number(cell.value.mean, places)} [{bounds(cell.value, places)}]"
    d = cell.versus_baseline
    if d is not None and d.defined:
        mark = "*" if d.excludes_zero else ""
        text += f" (Δ {signed(d.mean, places_for(d))}{mark} [{bounds(d)}])"
    return text + (" ★" if cell.best else "")


def write_tables(table: Comparison, folder: Path) -> list[Path]:
    """Write ``comparison.csv`` and ``comparison.md`` into ``folder``."""
    csv, md = folder / "comparison.csv", folder / "comparison.md"
    write_whole(csv, comparison_frame(table).to_csv(index=False))
    write_whole(md, markdown(table))
    return [csv, md]


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` under a temporary name, then rename: a reader (or a report opened
    while a new one is written) sees the old file or the new one, never half of one."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)

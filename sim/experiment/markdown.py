"""Markdown tables of plain DataFrames (no third-party formatter needed)."""

from __future__ import annotations

import math

import pandas as pd


def markdown_table(table: pd.DataFrame, digits: int = 3) -> str:
    """``table`` as a GitHub Markdown table; floats to ``digits`` significant digits."""
    columns = [str(c) for c in table.columns]
    lines = [
        "| " + " | ".join(columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    for row in table.itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v, digits) for v in row) + " |")
    return "\n".join(lines) + "\n"


def _cell(value: object, digits: int) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.{digits}g}"
    return str(value).replace("|", "\\|")

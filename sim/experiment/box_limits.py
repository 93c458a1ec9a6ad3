"""A PRIM box's limits as a table and in words.

One row per restricted parameter: the limits (or the categories kept), which side is
restricted, PRIM's quasi-p value of each restricted side on the training cases and on
the held-out cases, and the share of PRIM runs on random halves of the training cases
that restrict the parameter (in their box closest in coverage, and in density).
An unrestricted side has no quasi-p value (NaN).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

UNRESTRICTED = -1


def box_limits_table(
    lims: pd.DataFrame,
    box: Any,
    chosen: int,
    holdout_qp: dict[str, list[float]],
    reproduced: pd.DataFrame,
) -> pd.DataFrame:
    """The restricted limits of box ``chosen`` of a ``PrimBox``."""
    rows = []
    for name, (qp_low, qp_high) in box.p_values[chosen].items():
        low, high = lims.loc[0, name], lims.loc[1, name]
        held_low, held_high = holdout_qp.get(name, [np.nan, np.nan])
        categorical = isinstance(low, set | frozenset)
        rows.append(
            {
                "parameter": name,
                "low": np.nan if categorical else float(low),
                "high": np.nan if categorical else float(high),
                "categories": ", ".join(sorted(map(str, low))) if categorical else "",
                "restricted": _side(qp_low, qp_high, categorical),
                "qp_low": _qp(qp_low),
                "qp_high": _qp(qp_high),
                "holdout_qp_low": _qp(held_low),
                "holdout_qp_high": _qp(held_high),
                "reproduced_coverage_pct": _reproduced(reproduced, name, "reproduce coverage"),
                "reproduced_density_pct": _reproduced(reproduced, name, "reproduce density"),
            }
        )
    return pd.DataFrame(rows)


def describe_box(limits: pd.DataFrame) -> str:
    """``a ≥ 0.6 and b ≤ 0.3 and base in {x, y}``."""
    parts = []
    for row in limits.itertuples(index=False):
        if row.restricted == "categories":
            parts.append(f"{row.parameter} in {{{row.categories}}}")
        elif row.restricted == "low":
            parts.append(f"{row.parameter} ≥ {row.low:.3g}")
        elif row.restricted == "high":
            parts.append(f"{row.parameter} ≤ {row.high:.3g}")
        else:
            parts.append(f"{row.low:.3g} ≤ {row.parameter} ≤ {row.high:.3g}")
    return " and ".join(parts)


def _side(qp_low: float, qp_high: float, categorical: bool) -> str:
    if categorical:
        return "categories"
    if qp_low != UNRESTRICTED and qp_high != UNRESTRICTED:
        return "both"
    return "low" if qp_low != UNRESTRICTED else "high"


def _qp(value: float) -> float:
    return np.nan if value is None or value == UNRESTRICTED else float(value)


def _reproduced(scores: pd.DataFrame, name: str, column: str) -> float:
    return float(scores.loc[name, column]) if name in scores.index else np.nan

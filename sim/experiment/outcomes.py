"""Outcomes by name: ``section.name`` read from the summary that ``run_scenario`` returns.

The summary holds mappings of outcomes (``final``, ``time_average``, ``outcomes``, and
whatever sections the model adds later). Every numeric scalar of every such mapping is
kept, named ``section.name``, so a new outcome or section slots in without a change
here; the catalogue of known names is only used to check experiment files early.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from typing import Any

from sim.output.metrics import TIMESERIES
from sim.output.policy_outcomes import SUMMARY_OUTCOMES
from sim.output.welfare import PAIRED_COLUMNS

# Summary entries that are inputs or provenance, not outcomes.
NOT_OUTCOMES = frozenset({"scenario", "units", "versions", "events"})


def outcome_values(summary: Mapping[str, Any]) -> dict[str, float | None]:
    """Every numeric outcome of a run summary as ``{"section.name": value}`` (None if missing)."""
    values: dict[str, float | None] = {}
    for section, content in summary.items():
        if section in NOT_OUTCOMES or not isinstance(content, Mapping):
            continue
        for name, value in content.items():
            if isinstance(value, bool | int | float) or value is None:
                number = None if value is None else float(value)
                values[f"{section}.{name}"] = (
                    None if number is None or not math.isfinite(number) else number
                )
    return values


def known_outcomes() -> dict[str, str]:
    """The outcome names an experiment may ask for, with their unit and meaning."""
    names = {}
    for section in ("final", "time_average", "final_window"):
        for name, col in {**TIMESERIES, **PAIRED_COLUMNS}.items():
            names[f"{section}.{name}"] = f"{col.unit}: {col.doc}"
    for name, doc in SUMMARY_OUTCOMES.items():
        names[f"outcomes.{name}"] = doc
    return names


def unknown_outcome_message(name: str) -> str | None:
    """None if ``name`` is a known outcome, else what is wrong and what is close."""
    known = known_outcomes()
    if name in known:
        return None
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    sections = sorted({n.partition(".")[0] for n in known})
    return (
        f"unknown outcome {name!r}{hint} (outcomes are section.name with section one of "
        f"{', '.join(sections)})"
    )

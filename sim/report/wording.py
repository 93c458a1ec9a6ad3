"""Numbers and names as a policymaker reads them: modes by their plain names, values to
three significant figures or so, every value with its interval.

The table, the summary and the CSV/Markdown files all format through these functions,
so a number reads the same everywhere and the tests can parse it back.
"""

from __future__ import annotations

import math
from pathlib import PurePath

from sim.report.estimates import Estimate
from sim.scenario.modes import Mode

MODE_NAMES = {
    Mode.MARKET_ONLY: "market only",
    Mode.GOVERNMENT_LED: "government-led",
    Mode.ENTERPRISE_LED: "leading-enterprise-led",
    Mode.SOCIETY_LED: "society-led",
    Mode.CO_CONSTRUCTION: "co-construction",
}

DASH = "–"
MAX_PLACES = 6


def mode_name(base: str) -> str:
    """A base scenario's plain name: the mode's, or the scenario file's stem."""
    try:
        return MODE_NAMES[Mode(base)]
    except ValueError:
        return PurePath(base).stem.replace("_", " ")


def decimals(value: float) -> int:
    """Decimal places shown for a value of this size."""
    size = abs(value)
    if size >= 100:
        return 0
    if size >= 10:
        return 1
    if size >= 1:
        return 2
    return 3


def number(value: float, places: int | None = None) -> str:
    """A value as shown in the report (a dash when undefined)."""
    if value is None or not math.isfinite(value):
        return DASH
    places = decimals(value) if places is None else places
    text = f"{value:,.{places}f}"
    return "0" if places == 0 and text in ("-0", "0") else text.replace("-", "−")


def signed(value: float, places: int | None = None) -> str:
    """A difference with its sign (+0.120, −3.4)."""
    text = number(value, places)
    return text if text.startswith("−") or text == DASH else f"+{text}"


def places_for(estimate: Estimate) -> int:
    """One number of decimals for a value and its interval, set by the largest of them;
    more where an interval that excludes zero would otherwise show a bound of 0."""
    finite = [abs(v) for v in (estimate.mean, estimate.low, estimate.high) if math.isfinite(v)]
    if not finite:
        return 3
    places = decimals(max(finite))
    if estimate.excludes_zero:
        nearest = min(abs(estimate.low), abs(estimate.high))
        while places < MAX_PLACES and round(nearest, places) == 0:
            places += 1
    return places


def with_interval(estimate: Estimate, sign: bool = False) -> str:
    """``0.830 (95% CI 0.800 to 0.860)``."""
    places = places_for(estimate)
    head = signed(estimate.mean, places) if sign else number(estimate.mean, places)
    return f"{head} (95% CI {bounds(estimate, places)})"


def bounds(estimate: Estimate, places: int | None = None) -> str:
    """``0.800 to 0.860`` (an interval that cannot be computed from one run says so)."""
    if estimate.n == 0:
        return "no value"
    if estimate.n == 1 and not math.isfinite(estimate.low):
        return "not computable from one run"
    places = places_for(estimate) if places is None else places
    return f"{number(estimate.low, places)} to {number(estimate.high, places)}"


def listing(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"

"""Which modes are established as better than which: paired differences for every pair.

A ranking is never read off point estimates. Mode A is established better than B on an
outcome when the 95% interval of the paired difference A − B lies wholly on the better
side of zero. The *best* mode is one established better than every other; the *leading
group* is the modes no other mode is established better than (their order is not
established, so they are listed in the experiment's order).
"""

from __future__ import annotations

from itertools import permutations

import pandas as pd

from sim.report.estimates import Estimate, Pairing
from sim.report.outcomes import Direction, ReportOutcome

Pairs = dict[tuple[str, str], Estimate]


def pairwise(runs: pd.DataFrame, modes: list[str], column: str, outcome: ReportOutcome) -> Pairs:
    """``{(a, b): a − b}`` for every ordered pair of distinct modes."""
    pairing = Pairing(runs, column, outcome.scale)
    return {(a, b): pairing.difference(a, b) for a, b in permutations(modes, 2)}


def better(pairs: Pairs, a: str, b: str, direction: Direction) -> bool:
    """Whether ``a`` is established better than ``b``."""
    return pairs[(a, b)].favours(direction)


def best(pairs: Pairs, modes: list[str], direction: Direction) -> str | None:
    """The mode established better than every other, if there is one."""
    winners = [m for m in modes if all(better(pairs, m, o, direction) for o in modes if o != m)]
    return winners[0] if len(winners) == 1 and len(modes) > 1 else None


def leading_group(pairs: Pairs, modes: list[str], direction: Direction) -> list[str]:
    """The modes that no other mode is established better than, in the given order."""
    return [m for m in modes if not any(better(pairs, o, m, direction) for o in modes if o != m)]

"""Reference (mean-field and finite-population) dynamics for the verification suite.

Everything here is exact theory for the reference scenarios of ``scenarios/reference``;
the agent-based model is checked against it by ``sim.validation``.

1. :mod:`sim.theory.linear`: the well-mixed linear public goods game with incentives
   (infinite population): payoff difference, threshold, replicator and pairwise
   mean fields, fees and pooled fines.
2. :mod:`sim.theory.finite`: a finite population with hypergeometric groups and
   pairwise comparison: gradient of selection, fixation, stationary distribution.
3. :mod:`sim.theory.optional`: the optional public goods game of Hauert et al. (2002).
"""

from sim.theory.finite import FinitePopulation
from sim.theory.linear import (
    LinearGame,
    cooperator_trajectory,
    mutation_to_each_other,
    pairwise_rate,
    realised_pairwise_rate,
)
from sim.theory.optional import OptionalGame

__all__ = [
    "FinitePopulation",
    "LinearGame",
    "OptionalGame",
    "cooperator_trajectory",
    "mutation_to_each_other",
    "pairwise_rate",
    "realised_pairwise_rate",
]

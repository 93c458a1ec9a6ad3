"""The pairwise-comparison process in a well-mixed population, one elementary update at
a time, with each firm's *expected* payoff in random teams recomputed from the current
strategies (``decisions.enterprise.updating: monte_carlo`` with
``alliance.group_structure: teams`` on a ``well_mixed`` network).

This is the process that finite-population theory describes (Traulsen, Nowak &
Pacheco, PRE 74, 011909, 2006; for N-player groups Pacheco, Santos, Souza & Skyrms,
Proc. R. Soc. B 276, 315, 2009; egttools' ``PairwiseComparison``), and that
``sim.theory.FinitePopulation`` solves exactly. One Monte Carlo step (MCS) is n
elementary updates, n the number of firms in business. In each, a firm x is drawn
uniformly (with replacement) and another firm y uniformly among the other n - 1; with
k contributors, their expected payoffs in a team of N whose N - 1 co-players are drawn
without replacement from the other n - 1 firms are (the team game is linear in the
number of contributing co-players j, and E[j] is the hypergeometric mean)

    pi_C(k) = r c (1 + (N-1)(k-1)/(n-1)) / N - c + s,
    pi_D(k) = r c (N-1) k / ((n-1) N) - p f,

and x adopts y's strategy with the Fermi probability 1 / (1 + exp(-beta (pi_y - pi_x))).
Then x explores with probability mu, by the scenario's exploration convention
(``agents.decisions``). k is updated after every adoption, so every comparison sees the
current population: this is the difference from the step-wise path, which compares
payoffs realised once per step while firms update in a sweep.

The subsidy s is the administration's per contributor (its budget must be ample, as
in ``scenarios/reference/well_mixed_pgg.yaml``). The scenario check
(``sim.scenario.reference_game_problems``) refuses settings with other payoff sources
(fines, fees, a market, unequal capacities). All random numbers are drawn beforehand
from the model's generator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numba
import numpy as np

from agents.action import Action

if TYPE_CHECKING:
    from sim.model import AllianceModel

C, D = int(Action.CONTRIBUTE), int(Action.FREE_RIDE)


def expected_team_payoffs(model: AllianceModel, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(pi_C(k), pi_D(k)) for k = 0..n contributors among ``n`` firms in business."""
    spec = model.config.alliance
    size, c = spec.team_size, spec.contribution
    r = spec.synergy * (1.0 + model.alliance.platform_gain())
    subsidy = model.config.administration.subsidy if model.administration else 0.0
    k = np.arange(n + 1, dtype=float)
    others = max(n - 1, 1)
    pi_c = r * c * (1.0 + (size - 1) * np.maximum(k - 1, 0.0) / others) / size - c + subsidy
    pi_d = r * c * (size - 1) * k / (others * size)
    return pi_c, pi_d


def well_mixed_step(
    model: AllianceModel, rng: np.random.Generator, open_codes: np.ndarray, switch: bool
) -> int:
    """Run one MCS on ``model.firms.strategy`` in place; return the number of adoptions."""
    t, dec = model.firms, model.config.decisions.enterprise
    rows = np.flatnonzero(t.active)
    n = len(rows)
    if n < 2:
        return 0
    pi_c, pi_d = expected_team_payoffs(model, n)
    focal = rng.integers(0, n, size=n)
    draws = rng.random((n, 4))
    return int(
        _run_updates(
            t.strategy, rows, focal, draws, pi_c, pi_d, dec.intensity, dec.exploration,
            open_codes, switch,
        )
    )  # fmt: skip


@numba.njit(cache=True)
def explore_code(current, u, open_codes, switch):
    """A strategy drawn uniformly from ``open_codes`` (``switch``: from those other than
    ``current``, the strategy the firm had before this elementary update)."""
    m = len(open_codes)
    if not switch:
        return open_codes[min(int(u * m), m - 1)]
    pick = min(int(u * (m - 1)), m - 2)
    for code in open_codes:
        if code == current:
            continue
        if pick == 0:
            return code
        pick -= 1
    return current


@numba.njit(cache=True)
def _run_updates(strategy, rows, focal, draws, pi_c, pi_d, beta, mu, open_codes, switch):
    n = len(rows)
    k = 0
    for i in range(n):
        if strategy[rows[i]] == C:
            k += 1
    adopted = 0
    for step in range(n):
        pos = focal[step]
        other = min(int(draws[step, 0] * (n - 1)), n - 2)
        if other >= pos:
            other += 1
        x, y = rows[pos], rows[other]
        before = strategy[x]
        if strategy[y] != before and before in (C, D):
            gain = pi_c[k] - pi_d[k] if strategy[y] == C else pi_d[k] - pi_c[k]
            if draws[step, 1] < 1.0 / (1.0 + np.exp(-beta * gain)):
                strategy[x] = strategy[y]
                adopted += 1
        if draws[step, 2] < mu:
            strategy[x] = explore_code(before, draws[step, 3], open_codes, switch)
        if before != strategy[x]:
            k += 1 if strategy[x] == C else -1
    return adopted

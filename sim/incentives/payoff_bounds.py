"""The largest payoff difference possible between two firms: the normaliser M of
proportional imitation in network games.

Santos & Pacheco (PRL 95, 098104, 2005) and Santos, Santos & Pacheco (Nature 454,
213-216, 2008) let x copy a neighbour y with probability (P_y - P_x) / M, where M
"ensures the proper normalisation and is given by the maximum possible difference
between the payoffs of x and y". We compute, for every firm, the highest payoff it
could earn (``hi``: it free-rides, everyone else in its games contributes) and the
lowest (``lo``: it contributes alone), given its place in the network, and take

    M_xy = max(hi_y - lo_x, hi_x - lo_y).

Neighbourhood public goods game (groups G_h = {h} + N(h) of size n_h, per-game
contribution c_j of j, multiplier r):

    hi_i = sum_{h in G_i} r (sum_{j in G_h} c_j - c_i) / n_h
    lo_i = sum_{h in G_i} (r c_i / n_h - c_i)

Pairwise 2x2 game with k_i partners (plus itself with self-interaction):
``hi_i = k_i max(A)`` and ``lo_i = k_i min(A)``; for the prisoner's dilemma with
S = P = 0 this gives M = k_> T, the normalisation of Santos & Pacheco (2005).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.pairwise import payoff_matrix
from sim.scenario import CostScheme, GroupStructure, PayoffMeasure

if TYPE_CHECKING:
    from sim.model import AllianceModel


def payoff_bounds(model: AllianceModel) -> tuple[np.ndarray, np.ndarray] | None:
    """(hi, lo) per slot in the payoff units firms compare, or None where the group
    structure gives no finite neighbourhood (alliance-wide pool, random teams)."""
    spec = model.config.alliance
    match spec.group_structure:
        case GroupStructure.NEIGHBOURHOOD:
            hi, lo = _neighbourhood_bounds(model)
        case GroupStructure.PAIRWISE:
            hi, lo = _pairwise_bounds(model)
        case _:
            return None
    if model.config.decisions.enterprise.payoff_measure is PayoffMeasure.PER_CAPACITY:
        hi, lo = hi / model.firms.capacity, lo / model.firms.capacity
    return hi, lo


def pair_normaliser(
    bounds: tuple[np.ndarray, np.ndarray], x: np.ndarray, y: np.ndarray
) -> np.ndarray:
    """M_xy = max(hi_y - lo_x, hi_x - lo_y) for each pair (x, y)."""
    hi, lo = bounds
    return np.maximum(hi[y] - lo[x], hi[x] - lo[y])


def _neighbourhood_bounds(model: AllianceModel) -> tuple[np.ndarray, np.ndarray]:
    t, spec = model.firms, model.config.alliance
    adj = model.network.adjacency(len(t))
    m = t.members().astype(float)
    size = m * (1.0 + adj @ m)
    host = (size >= spec.min_members) & (m > 0)
    inv = np.divide(1.0, size, out=np.zeros_like(size), where=host)
    games = m * (host + adj @ host.astype(float))
    c = _per_game(model, games) * m
    r = spec.synergy * (1.0 + spec.complementarity_bonus) * (1.0 + model.alliance.platform_gain())
    share_of_pool = inv * (c + adj @ c)
    inv_sum = inv + adj @ inv
    hi = m * r * (share_of_pool + adj @ share_of_pool - c * inv_sum)
    lo = m * (r * c * inv_sum - c * games)
    return hi, lo


def _per_game(model: AllianceModel, games: np.ndarray) -> np.ndarray:
    charter, t = model.alliance.charter, model.firms
    match charter.cost_scheme:
        case CostScheme.PER_CAPACITY:
            return charter.contribution_rate * t.capacity
        case CostScheme.FIXED:
            return np.full(len(t), charter.contribution)
    return np.divide(charter.contribution, games, out=np.zeros(len(t)), where=games > 0)


def _pairwise_bounds(model: AllianceModel) -> tuple[np.ndarray, np.ndarray]:
    t, game = model.firms, model.config.alliance.pairwise
    adj = model.network.adjacency(len(t))
    m = t.members().astype(float)
    partners = m * (adj @ m + float(game.self_interaction))
    a = payoff_matrix(game)
    return partners * a.max(), partners * a.min()

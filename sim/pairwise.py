"""A 2x2 game played with every network neighbour (``group_structure: pairwise``).

Each member i plays the symmetric game with payoff matrix (row player)

    A = [[R, S],      C = contribute, D = free-ride
         [T, P]]

against every member neighbour j and, with self-interaction, against itself:

    pi_i = sum_{j in N(i), j member} A[s_i, s_j] + [self] A[s_i, s_i].

With R=1, T=b, S=P=0 on a square lattice with the Moore neighbourhood and
self-interaction this is the spatial prisoner's dilemma of Nowak & May (Nature 359,
826-829, 1992); on scale-free graphs, that of Santos & Pacheco (PRL 95, 098104, 2005).
Non-members (and members without a member neighbour or self-play) take the outside
option ``sigma`` like every firm outside a running pool (``sim.pool``).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from sim.scenario import PairwiseGame


def payoff_matrix(game: PairwiseGame) -> np.ndarray:
    """[[R, S], [T, P]]: row = own strategy (0 = C, 1 = D), column = the opponent's."""
    return np.array([[game.reward, game.sucker], [game.temptation, game.punishment]])


def pairwise_payoffs(
    game: PairwiseGame, member: np.ndarray, contributor: np.ndarray, adjacency: sp.csr_array
) -> tuple[np.ndarray, np.ndarray]:
    """Total game payoff of every slot and the number of games it played."""
    a = payoff_matrix(game)
    m = member.astype(float)
    c = (member & contributor).astype(float)
    d = m - c
    n_c = adjacency @ c
    n_d = adjacency @ d
    games = m * (n_c + n_d + float(game.self_interaction))
    own_c = c * (a[0, 0] * n_c + a[0, 1] * n_d + game.self_interaction * a[0, 0])
    own_d = d * (a[1, 0] * n_c + a[1, 1] * n_d + game.self_interaction * a[1, 1])
    return own_c + own_d, games

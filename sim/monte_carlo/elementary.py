"""Exact random-sequential updating: one Monte Carlo step of elementary updates with
payoffs recomputed locally (``decisions.enterprise.updating: monte_carlo``).

One Monte Carlo step (MCS) is n elementary updates, n the number of firms in business
(L^2 on an L x L lattice). In each, a firm x is drawn uniformly at random (with
replacement) and a random neighbour y; both payoffs are recomputed from the current
strategies of everyone in their games, and x adopts y's strategy with the Fermi
probability

    W(s_x <- s_y) = 1 / (1 + exp(-beta (P_y - P_x)))

(Szabó & Tőke, PRE 58, 69, 1998; for the spatial public goods game Szolnoki, Perc &
Szabó, PRE 80, 056109, 2009, with beta = 1/K). With probability mu x then takes a
strategy by the scenario's exploration convention (``exploration_mode``: uniformly
among those open to it, or among the others), as every rule does.

Payoffs are those of the game alone (``neighbourhood`` public goods game with equal
sharing, or the ``pairwise`` 2x2 game): the scenario check
(``sim.scenario.reference_game_problems``) refuses settings with other payoff sources.
The public goods payoff of x is

    P_x = sum_{h in {x} + N(x), h's group runs} r (sum_{j in G_h, j contributes} c_j) / n_h
          - [x contributes] c_x g_x,

with c_j the per-game contribution and g_x the number of groups x plays in.

The inner loop is compiled with numba (an elementary update touches ~k^2 firms, and a
large lattice needs millions of them per run; plain Python costs ~50 us per update).
All random numbers are drawn beforehand from the model's generator, so runs stay a
pure function of (scenario, seed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numba
import numpy as np

from agents.action import Action
from sim.monte_carlo.well_mixed_process import explore_code, well_mixed_step
from sim.pairwise import payoff_matrix
from sim.pool import PoolInputs, contribution_per_game
from sim.scenario import ExplorationMode, GroupStructure, PayoffMeasure, Strategy

if TYPE_CHECKING:
    from sim.model import AllianceModel

C, D = int(Action.CONTRIBUTE), int(Action.FREE_RIDE)


def monte_carlo_step(model: AllianceModel, rng: np.random.Generator) -> int:
    """Run one MCS on ``model.firms.strategy`` in place; return the number of adoptions.
    Random teams in a well-mixed population take ``sim.monte_carlo.well_mixed_process``."""
    t, dec = model.firms, model.config.decisions.enterprise
    open_codes = np.array(
        [int(Action.of(s)) for s in dec.strategies if s is not Strategy.OUTSIDE], dtype=np.int8
    )
    switch = dec.exploration_mode is ExplorationMode.SWITCH
    if model.config.alliance.group_structure is GroupStructure.TEAMS:
        return well_mixed_step(model, rng, open_codes, switch)
    rows = np.flatnonzero(t.active)
    if len(rows) == 0:
        return 0
    focal = rows[rng.integers(0, len(rows), size=len(rows))]
    draws = rng.random((len(rows), 4))
    game = game_arrays(model)
    net = model.network
    return int(
        _run_updates(
            net.indptr,
            net.indices,
            t.strategy,
            focal,
            draws,
            game.pairwise,
            game.per_game,
            game.size,
            game.running,
            game.games,
            game.r,
            game.matrix,
            game.self_play,
            game.scale,
            game.sigma,
            dec.intensity,
            dec.exploration,
            open_codes,
            switch,
        )
    )


@dataclass(frozen=True)
class GameArrays:
    """The game's fixed quantities during one MCS (membership does not change in it)."""

    pairwise: bool  # the 2x2 game, else the neighbourhood public goods game
    matrix: np.ndarray  # [[R, S], [T, P]]
    self_play: bool
    r: float  # multiplier r (times the platform gain)
    sigma: float  # outside option
    scale: np.ndarray  # payoff divisor: capacity (per-capacity measure) or 1
    size: np.ndarray  # n_h: members in the group hosted by h
    running: np.ndarray  # h's group runs (h a member, n_h >= min_members)
    games: np.ndarray  # g_x: running groups x plays in
    per_game: np.ndarray  # c_x: what x puts into each group when it contributes


def game_arrays(model: AllianceModel) -> GameArrays:
    """Build :class:`GameArrays` from the model's current state."""
    t, spec = model.firms, model.config.alliance
    n = len(t)
    per_cap = model.config.decisions.enterprise.payoff_measure is PayoffMeasure.PER_CAPACITY
    member = t.members()
    m = member.astype(float)
    adj = model.network.adjacency(n)
    size = m * (1.0 + adj @ m)
    running = (size >= spec.min_members) & member
    games = m * (running + adj @ running.astype(float))
    everyone = PoolInputs(
        member=member,
        contributor=member,
        active=t.active,
        capacity=t.capacity,
        segment=t.segment,
        platform_gain=0.0,
        cut=0.0,
    )
    return GameArrays(
        pairwise=spec.group_structure is GroupStructure.PAIRWISE,
        matrix=payoff_matrix(spec.pairwise),
        self_play=bool(spec.pairwise.self_interaction),
        r=spec.synergy * (1.0 + model.alliance.platform_gain()),
        sigma=float(spec.loner_payoff),
        scale=t.capacity.copy() if per_cap else np.ones(n),
        size=size,
        running=running,
        games=games,
        per_game=contribution_per_game(model.alliance.charter, everyone, games),
    )


@numba.njit(cache=True)
def _pgg_payoff(x, indptr, indices, strategy, per_game, size, running, games, r, sigma):
    total = 0.0
    played = False
    for k in range(indptr[x] - 1, indptr[x + 1]):
        h = x if k < indptr[x] else indices[k]
        if not running[h]:
            continue
        played = True
        pool = per_game[h] if strategy[h] == C else 0.0
        for q in range(indptr[h], indptr[h + 1]):
            j = indices[q]
            if strategy[j] == C:
                pool += per_game[j]
        total += r * pool / size[h]
    if not played:
        return sigma
    if strategy[x] == C:
        total -= per_game[x] * games[x]
    return total


@numba.njit(cache=True)
def _pair_payoff(x, indptr, indices, strategy, matrix, self_play, sigma):
    own = strategy[x] - C
    total = matrix[own, own] if self_play else 0.0
    played = self_play
    for q in range(indptr[x], indptr[x + 1]):
        j = indices[q]
        if strategy[j] == C or strategy[j] == D:
            total += matrix[own, strategy[j] - C]
            played = True
    return total if played else sigma


@numba.njit(cache=True)
def _payoff(
    x,
    indptr,
    indices,
    strategy,
    pairwise,
    per_game,
    size,
    running,
    games,
    r,
    matrix,
    self_play,
    scale,
    sigma,
):
    if pairwise:
        value = _pair_payoff(x, indptr, indices, strategy, matrix, self_play, sigma)
    else:
        value = _pgg_payoff(x, indptr, indices, strategy, per_game, size, running, games, r, sigma)
    return value / scale[x]


@numba.njit(cache=True)
def _run_updates(
    indptr,
    indices,
    strategy,
    focal,
    draws,
    pairwise,
    per_game,
    size,
    running,
    games,
    r,
    matrix,
    self_play,
    scale,
    sigma,
    beta,
    mu,
    open_codes,
    switch,
):
    adopted = 0
    for step in range(len(focal)):
        x = focal[step]
        before = strategy[x]
        deg = indptr[x + 1] - indptr[x]
        if deg > 0 and (strategy[x] == C or strategy[x] == D):
            y = indices[indptr[x] + min(int(draws[step, 0] * deg), deg - 1)]
            if (strategy[y] == C or strategy[y] == D) and strategy[y] != strategy[x]:
                p_x = _payoff(
                    x,
                    indptr,
                    indices,
                    strategy,
                    pairwise,
                    per_game,
                    size,
                    running,
                    games,
                    r,
                    matrix,
                    self_play,
                    scale,
                    sigma,
                )
                p_y = _payoff(
                    y,
                    indptr,
                    indices,
                    strategy,
                    pairwise,
                    per_game,
                    size,
                    running,
                    games,
                    r,
                    matrix,
                    self_play,
                    scale,
                    sigma,
                )
                if draws[step, 1] < 1.0 / (1.0 + np.exp(-beta * (p_y - p_x))):
                    strategy[x] = strategy[y]
                    adopted += 1
        if draws[step, 2] < mu:
            strategy[x] = explore_code(before, draws[step, 3], open_codes, switch)
    return adopted


def local_payoffs(model: AllianceModel, rows: np.ndarray) -> np.ndarray:
    """The payoffs the elementary updates would compute now for ``rows`` (for checks
    against the vectorised pool of ``sim.pool`` and ``sim.pairwise``)."""
    t, g, net = model.firms, game_arrays(model), model.network
    return np.array(
        [
            _payoff(
                int(x),
                net.indptr,
                net.indices,
                t.strategy,
                g.pairwise,
                g.per_game,
                g.size,
                g.running,
                g.games,
                g.r,
                g.matrix,
                g.self_play,
                g.scale,
                g.sigma,
            )
            for x in rows
        ]
    )

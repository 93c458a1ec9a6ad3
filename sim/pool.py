"""The alliance pool: a public goods game among members (resource integration and
benefit sharing).

In every *group* g that runs (at least ``min_members`` members), contributing members
pay ``c_i`` and the pool yields

    Y_g = r_g * sum_{i in g, contributing} c_i,
    r_g = r * (1 + bonus * H_g) * (1 + platform_gain),

where ``H_g`` in [0, 1] is the normalised entropy of contributions across segments
(complementary segments integrate better) and ``platform_gain`` in ``[0, effect)``
saturates with the platform stock. The effective multiplier is therefore bounded:
``r <= r_g < r_max = r (1 + bonus) (1 + effect)`` (1.5 to 2.535 at the defaults).
The organiser keeps ``cut * Y_g``; of the rest, the *non-excludable* share ``nu``
(standards, brand, market order) goes equally to every member of g, contributor or
not, and ``1 - nu`` is shared by the charter's rule: equally, by contribution or by
capacity.

**When is it a social dilemma?** One more MU contributed by member i of a group of M
members returns to i (ignoring its tiny effect on the segment mix)

    equal:         (1 - cut) r_g / M
    capacity:      (1 - cut) r_g (nu / M + (1 - nu) k_i / K_g)
    contribution:  (1 - cut) r_g (nu / M + (1 - nu))

and returns ``(1 - cut) r_g`` to the group. So free-riding pays each member more
(without sanctions and subsidies) when that private return is below 1, and everyone
contributing beats everyone free-riding when ``(1 - cut) r_g > 1``. Under equal
sharing the dilemma holds for any ``M > r_max``; under capacity sharing also for the
largest member when ``(1 - nu) r_max < 1``; under contribution sharing only when
``(1 - nu) r_max + nu r_max / M < 1``: at the defaults (``nu = 0.65``,
``r_max = 2.535``) for alliances of about 15 members or more, and not at all once
``nu < 1 - 1 / r_max`` (about 0.6). ``alliance diagnose`` evaluates these returns for
the smallest, median and largest member of a running scenario.

Group structures: ``alliance`` (one group of all members), ``neighbourhood`` (each
member hosts a group of itself and its member neighbours and plays in every group it
belongs to, Santos, Santos & Pacheco 2008), ``teams`` (all active firms are dealt into
random teams of ``team_size``; the members of a team play, Hauert et al. 2002),
``pairwise`` (a 2x2 game with each neighbour, ``sim.pairwise``).
A member in no running group gets the outside option ``sigma`` (``loner_payoff``), as
every non-member does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from sim.compiled import compiled
from sim.pairwise import pairwise_payoffs
from sim.scenario import SEGMENTS, Alliance, Charter, CostScheme, GroupStructure, Sharing

N_SEG = len(SEGMENTS)
# The sharing rules as the compiled pass of the alliance-wide pool reads them.
SHARING_CODE = {Sharing.EQUAL: 0, Sharing.CONTRIBUTION: 1, Sharing.CAPACITY: 2}


@dataclass
class PoolOutcome:
    """Per-slot flows of one step of the pool, in MU."""

    contribution: np.ndarray  # paid in
    payout: np.ndarray  # received from the yield
    loner: np.ndarray  # outside option received
    in_game: np.ndarray  # bool: played in at least one running group
    owed: np.ndarray  # what each member would pay in had it contributed (fines scale with it)
    pool_yield: float = 0.0
    cut: float = 0.0
    mean_synergy: float = 0.0


@dataclass(frozen=True)
class PoolInputs:
    """What the pool needs to know about the firms this step."""

    member: np.ndarray
    contributor: np.ndarray
    active: np.ndarray
    capacity: np.ndarray
    segment: np.ndarray
    platform_gain: float
    cut: float


def play_pool(
    spec: Alliance,
    inputs: PoolInputs,
    adjacency: sp.csr_array | None,
    rng: np.random.Generator,
    charter: Charter,
) -> PoolOutcome:
    """One step of the pool under the scenario's group structure and ``charter``."""
    match spec.group_structure:
        case GroupStructure.ALLIANCE:
            return _alliance_wide(spec, charter, inputs)
        case GroupStructure.NEIGHBOURHOOD:
            return _neighbourhoods(spec, charter, inputs, adjacency)
        case GroupStructure.TEAMS:
            return _teams(spec, charter, inputs, rng)
        case GroupStructure.PAIRWISE:
            return _pairwise(spec, charter, inputs, adjacency)
    raise ValueError(f"unknown group structure {spec.group_structure}")


def contribution_per_game(charter: Charter, inputs: PoolInputs, games: np.ndarray) -> np.ndarray:
    """What each contributor puts into each group it plays in (0 for the others)."""
    return np.where(inputs.contributor & (games > 0), amount_per_game(charter, inputs, games), 0.0)


def amount_per_game(charter: Charter, inputs: PoolInputs, games: np.ndarray) -> np.ndarray:
    """What each firm would put into each group it plays in, were it to contribute."""
    match charter.cost_scheme:
        case CostScheme.PER_CAPACITY:
            return charter.contribution_rate * inputs.capacity
        case CostScheme.FIXED:
            return np.full(len(games), charter.contribution)
        case _:
            return np.divide(charter.contribution, games, out=np.zeros(len(games)), where=games > 0)


def contribution_owed(charter: Charter, inputs: PoolInputs, games: np.ndarray) -> np.ndarray:
    """What each member would pay in this step had it contributed: the base of its fine
    (``alliance.fine`` is a multiple of it). A member in no running group owes what
    one group would take."""
    groups = np.maximum(games, 1.0)
    return np.where(inputs.member, amount_per_game(charter, inputs, groups) * groups, 0.0)


def synergy(spec: Alliance, by_segment: np.ndarray, platform_gain: float) -> np.ndarray:
    """Effective multiplier ``r_g`` from each group's contributions by segment (rows)."""
    total = by_segment.sum(axis=-1, keepdims=True)
    share = np.divide(by_segment, total, out=np.zeros_like(by_segment), where=total > 0)
    logs = np.log(share, out=np.zeros_like(share), where=share > 0)
    entropy = -np.where(share > 0, share * logs, 0.0).sum(axis=-1) / np.log(N_SEG)
    return spec.synergy * (1.0 + spec.complementarity_bonus * entropy) * (1.0 + platform_gain)


def sharing_weight(charter: Charter, inputs: PoolInputs, per_game: np.ndarray) -> np.ndarray:
    """Each member's weight in the excludable part under the benefit-sharing rule."""
    match charter.sharing:
        case Sharing.EQUAL:
            return inputs.member.astype(float)
        case Sharing.CONTRIBUTION:
            return per_game
        case Sharing.CAPACITY:
            return np.where(inputs.member, inputs.capacity, 0.0)
    raise ValueError(f"unknown sharing rule {charter.sharing}")


def _alliance_wide(spec: Alliance, charter: Charter, inputs: PoolInputs) -> PoolOutcome:
    n = len(inputs.member)
    m = inputs.member
    n_members = np.count_nonzero(m)
    running = n_members >= spec.min_members
    # One group: a member plays in it (games 1) where it runs, and owes what one group
    # takes (games at least 1), so one would-be amount serves both.
    amount = amount_per_game(charter, inputs, np.ones(n))
    games, c, w, owed, by_seg = _alliance_terms(
        m, inputs.contributor, inputs.capacity, inputs.segment, amount, running,
        SHARING_CODE[charter.sharing], N_SEG,
    )  # fmt: skip
    r = float(synergy(spec, by_seg[None, :], inputs.platform_gain)[0])
    total_yield = r * c.sum()
    kept = (1.0 - inputs.cut) * total_yield
    nu = charter.non_excludable_share
    payout, loner = np.empty(n), np.empty(n)
    _share_out(
        payout, loner, m, inputs.active, games, w, running, nu, kept, (1.0 - nu) * kept,
        n_members, w.sum() if running else 0.0, spec.loner_payoff,
    )  # fmt: skip
    return PoolOutcome(
        c,
        payout,
        loner,
        games > 0,
        owed,
        total_yield,
        inputs.cut * total_yield,
        r if running else 0.0,
    )


@compiled
def _alliance_terms(member, contributor, capacity, segment, amount, running, sharing, n_seg):
    """The alliance-wide pool's per-slot terms in one pass, each value as the array
    forms compute it (the same bits): ``games`` (1 for a member where the pool runs),
    the contribution (:func:`contribution_per_game`), the sharing weight
    (:func:`sharing_weight` times ``games``; ``sharing`` 0 equal, 1 by contribution,
    2 by capacity), what each member owes (:func:`contribution_owed` with one group)
    and the contributions by segment (``np.bincount``'s sums, in slot order)."""
    n = len(member)
    games, c, w, owed = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    by_seg = np.zeros(n_seg)
    for i in range(n):
        games[i] = 1.0 if member[i] and running else 0.0
        c[i] = amount[i] if contributor[i] and games[i] > 0 else 0.0
        by_seg[segment[i]] += c[i]
        if sharing == 0:
            base = 1.0 if member[i] else 0.0
        elif sharing == 1:
            base = c[i]
        else:
            base = capacity[i] if member[i] else 0.0
        w[i] = base * games[i]
        owed[i] = amount[i] * 1.0 if member[i] else 0.0
    return games, c, w, owed, by_seg


@compiled
def _share_out(
    payout, loner, member, active, games, w, running, nu, kept, by_weight, n_members, w_total, sigma
):
    """The alliance-wide pool's payouts and outside options in one pass. Where the pool
    runs, every member gets ``nu kept / M`` and, when the weights ``w`` sum to more
    than 0, ``(1 - nu) kept w_i / W`` (``by_weight`` is ``(1 - nu) kept``); a firm in
    business playing no game gets ``sigma``. Each term is computed as the array form
    ``payout = 0 + member * nu * kept / M + by_weight * w / W`` computes it (the same
    bits)."""
    for i in range(len(member)):
        paid = 0.0
        if running:
            paid = paid + (1.0 if member[i] else 0.0) * nu * kept / n_members
            if w_total > 0:
                paid = paid + by_weight * w[i] / w_total
        payout[i] = paid
        loner[i] = sigma if active[i] and games[i] == 0 else 0.0


def _neighbourhoods(
    spec: Alliance, charter: Charter, inputs: PoolInputs, adj: sp.csr_array
) -> PoolOutcome:
    m = inputs.member.astype(float)
    size = m * (1.0 + adj @ m)
    host = (size >= spec.min_members) & inputs.member
    hf = host.astype(float)
    games = m * (hf + adj @ hf)
    per_game = contribution_per_game(charter, inputs, games)
    onehot = np.zeros((len(m), N_SEG))
    onehot[np.arange(len(m)), inputs.segment] = per_game
    by_seg = hf[:, None] * (onehot + adj @ onehot)
    r_g = synergy(spec, by_seg, inputs.platform_gain)
    group_yield = r_g * by_seg.sum(axis=1)
    kept = (1.0 - inputs.cut) * group_yield
    nu = charter.non_excludable_share
    each = np.divide(nu * kept, size, out=np.zeros_like(kept), where=host)
    w = sharing_weight(charter, inputs, per_game) * (games > 0)
    w_group = hf * (w + adj @ w)
    by_weight = np.divide((1 - nu) * kept, w_group, out=np.zeros_like(kept), where=w_group > 0)
    payout = m * (each + adj @ each) + w * (by_weight + adj @ by_weight)
    in_game = games > 0
    loner = np.where(inputs.active & ~in_game, spec.loner_payoff, 0.0)
    mean_r = float(r_g[host].mean()) if host.any() else 0.0
    return PoolOutcome(
        per_game * games,
        payout,
        loner,
        in_game,
        contribution_owed(charter, inputs, games),
        float(group_yield.sum()),
        float(inputs.cut * group_yield.sum()),
        mean_r,
    )


def _teams(
    spec: Alliance, charter: Charter, inputs: PoolInputs, rng: np.random.Generator
) -> PoolOutcome:
    n = len(inputs.member)
    totals = [np.zeros(n) for _ in range(3)]
    in_game = np.zeros(n)
    pool_yield = synergy_sum = 0.0
    rounds = spec.team_rounds
    for _ in range(rounds):
        c, pay, lon, played, y, r_mean = _one_team_round(spec, charter, inputs, rng)
        for acc, part in zip(totals, (c, pay, lon), strict=True):
            acc += part
        in_game += played
        pool_yield += y
        synergy_sum += r_mean
    c, pay, lon = (t / rounds for t in totals)
    pool_yield /= rounds
    owed = contribution_owed(charter, inputs, (in_game > 0).astype(float))
    return PoolOutcome(
        c, pay, lon, in_game > 0, owed, pool_yield, inputs.cut * pool_yield, synergy_sum / rounds
    )


def _one_team_round(spec: Alliance, charter: Charter, inputs: PoolInputs, rng: np.random.Generator):
    n = len(inputs.member)
    size = spec.team_size
    order = rng.permutation(np.flatnonzero(inputs.active))
    n_teams = len(order) // size
    if n_teams == 0:  # too few firms in business for one team: nobody plays
        loner = np.where(inputs.active, spec.loner_payoff, 0.0)
        return np.zeros(n), np.zeros(n), loner, np.zeros(n, dtype=bool), 0.0, 0.0
    team = np.full(n, -1, dtype=np.int64)
    team[order[: n_teams * size]] = np.arange(n_teams * size) // size
    placed_member = inputs.member & (team >= 0)
    count = np.bincount(team[placed_member], minlength=n_teams)
    running = count >= spec.min_members
    games = np.zeros(n)
    games[placed_member] = running[team[placed_member]]
    c = contribution_per_game(charter, inputs, games)
    tid = np.where(games > 0, team, 0)
    by_seg = np.bincount(
        tid * N_SEG + inputs.segment, weights=c, minlength=max(n_teams, 1) * N_SEG
    ).reshape(-1, N_SEG)
    r_g = synergy(spec, by_seg, inputs.platform_gain)
    kept = (1.0 - inputs.cut) * r_g * by_seg.sum(axis=1)
    nu = charter.non_excludable_share
    each = np.divide(nu * kept, count, out=np.zeros_like(kept), where=count > 0)
    w = sharing_weight(charter, inputs, c) * games
    w_team = np.bincount(tid, weights=w, minlength=max(n_teams, 1))
    by_weight = np.divide((1 - nu) * kept, w_team, out=np.zeros_like(kept), where=w_team > 0)
    payout = games * each[tid] + w * by_weight[tid]
    loner = np.where(inputs.active & (games == 0), spec.loner_payoff, 0.0)
    r_mean = float(r_g[running].mean()) if running.any() else 0.0
    return c, payout, loner, games > 0, float((r_g * by_seg.sum(axis=1)).sum()), r_mean


def _pairwise(
    spec: Alliance, charter: Charter, inputs: PoolInputs, adjacency: sp.csr_array
) -> PoolOutcome:
    """The 2x2 game with every neighbour (``sim.pairwise``): payoffs, no contributions
    (a fine, if any, is a multiple of what the cost scheme would take for one group)."""
    payoff, games = pairwise_payoffs(spec.pairwise, inputs.member, inputs.contributor, adjacency)
    in_game = games > 0
    loner = np.where(inputs.active & ~in_game, spec.loner_payoff, 0.0)
    n = len(inputs.member)
    payout = np.where(in_game, payoff, 0.0)
    # No pool to share: the game's payoffs are the whole "yield" (no organiser's cut).
    owed = contribution_owed(charter, inputs, np.ones(n))
    return PoolOutcome(np.zeros(n), payout, loner, in_game, owed, float(payout.sum()))

"""The tender of each project: clients score the bids, the best bid wins, and the
winners book revenue and delivery costs (the rules are in :mod:`sim.market`).

A project's bids are its candidate bidders', each alone or, for a member on a
multi-segment project that found partners, as a consortium:

    solo:        base[bidder] + taste - solo_penalty (multi-segment work only)
    consortium:  (base[bidder] + sum of base[partner]) / k + joint_bid_bonus + taste

where ``k`` is the number of segments the project needs. The highest score wins (the
first on a tie). A solo winner is paid ``value (1 + markup(quality))`` and pays
``value (variable_cost_share + (k - 1) / k x subcontract_premium)`` on multi-segment
work (``variable_cost_share`` alone otherwise); a consortium is paid ``value / k (1 +
mean markup)`` per partner and each partner pays ``value / k x variable_cost_share``.
A won consortium ties every pair of its partners (collaboration ties).

One compiled pass over the projects (a loop over a few hundred projects and their
bids each step): solo wins are booked first, then consortia, each in project order,
so every sum is taken in a fixed order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.compiled import compiled
from sim.scenario import Market


@dataclass(frozen=True)
class Award:
    """Who won each project and what the clients got."""

    winner: np.ndarray  # the winning bidder's slot per project
    jointly: np.ndarray  # bool per project: won by a consortium
    client_value: np.ndarray  # clients' valuation of each project delivered (MU)
    tie_a: np.ndarray  # collaboration ties of the consortia that won (slot pairs)
    tie_b: np.ndarray


def award(
    spec: Market,
    bidders: np.ndarray,
    partners: np.ndarray,
    base: np.ndarray,
    taste: np.ndarray | float,
    is_multi: np.ndarray,
    value: np.ndarray,
    quality: np.ndarray,
    revenue: np.ndarray,
    variable_cost: np.ndarray,
) -> Award:
    """Score the bids (``bidders``: projects x bids, ``partners``: projects x bids x
    (k - 1), -1 where a bidder bids alone), choose the winners and add their revenue
    and delivery costs to ``revenue`` and ``variable_cost`` (per slot, in place)."""
    winner, jointly, worth, tie_a, tie_b = _award(
        bidders,
        partners,
        base,
        taste if np.ndim(taste) else np.full(bidders.shape, float(taste)),
        is_multi,
        value,
        quality,
        tender_terms(spec),
        revenue,
        variable_cost,
    )
    return Award(winner, jointly, worth, tie_a, tie_b)


def tender_terms(spec: Market) -> np.ndarray:
    """The tender's terms in the compiled passes' order: maximum markup, solo penalty,
    joint-bid bonus, variable cost share, subcontract premium and clients' money value
    of a quality point per MU of value (``w_q / w_p``)."""
    per_quality = spec.weight_quality / spec.weight_price if spec.weight_price > 0 else 0.0
    return np.array(
        [
            spec.markup,
            spec.solo_penalty,
            spec.joint_bid_bonus,
            spec.variable_cost_share,
            spec.subcontract_premium,
            per_quality,
        ]
    )


@compiled
def _award(bidders, partners, base, taste, is_multi, value, quality, terms, revenue, cost):
    markup_max, solo_penalty, joint_bonus, cost_share, premium, per_quality = terms
    m, b = bidders.shape
    k = partners.shape[2] + 1
    winner = np.empty(m, np.int64)
    choice = np.empty(m, np.int64)
    jointly = np.empty(m, np.bool_)
    for p in range(m):
        best, pick, pick_joint = -np.inf, 0, False
        penalty = solo_penalty * (1.0 if is_multi[p] else 0.0)
        for j in range(b):
            joint = k > 1 and partners[p, j, 0] >= 0
            if joint:
                total = base[partners[p, j, 0]]
                for c in range(1, k - 1):
                    total += base[partners[p, j, c]]
                score = (base[bidders[p, j]] + total) / k + joint_bonus + taste[p, j]
            else:
                score = base[bidders[p, j]] + taste[p, j] - penalty
            # np.argmax's rule (the first maximum; the first NaN beats any number), with
            # no branch: whether a random score beats the best so far is unpredictable
            better = (j == 0) | (score > best) | (np.isnan(score) & (not np.isnan(best)))
            best = score if better else best
            pick = j if better else pick
            pick_joint = joint if better else pick_joint
        choice[p], jointly[p] = pick, pick_joint
        winner[p] = bidders[p, pick]
    worth = np.empty(m)
    foreign = (k - 1) / k
    for p in range(m):  # solo wins
        if jointly[p]:
            continue
        w = winner[p]
        revenue[w] += value[p] * (1.0 + markup_max * (1.0 + quality[w]) / 2.0)
        share = foreign if is_multi[p] else 0.0
        cost[w] += value[p] * (cost_share + share * premium)
        worth[p] = value[p] * (1.0 + per_quality * quality[w])
    n_joint = int(jointly.sum())
    pairs = k * (k - 1) // 2
    tie_a = np.empty(n_joint * pairs, np.int64)
    tie_b = np.empty(n_joint * pairs, np.int64)
    crew = np.empty(k, np.int64)
    t = 0
    for p in range(m):  # consortia
        if not jointly[p]:
            continue
        crew[0] = winner[p]
        crew[1:] = partners[p, choice[p]]
        mean_markup = markup_max * (1.0 + quality[crew[0]]) / 2.0
        mean_quality = quality[crew[0]]
        for c in range(1, k):
            mean_markup += markup_max * (1.0 + quality[crew[c]]) / 2.0
            mean_quality += quality[crew[c]]
        mean_markup /= k
        mean_quality /= k
        part = value[p] / k
        for c in range(k):
            revenue[crew[c]] += part * (1.0 + mean_markup)
            cost[crew[c]] += part * cost_share
        worth[p] = value[p] * (1.0 + per_quality * mean_quality)
        for a in range(k):
            for c in range(a + 1, k):
                tie_a[t], tie_b[t] = crew[a], crew[c]
                t += 1
    return winner, jointly, worth, tie_a, tie_b

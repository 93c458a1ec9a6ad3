"""What a damaged standing costs the alliance's members in this quarter's tenders.

A caught free-rider's reputation (and, where the society rates members, its credit
rating) drops, which lowers the score of every bid it takes part in: by the drop ``d``
when it bids alone, by ``d / k`` in a consortium of ``k`` partners (a consortium's score
is its partners' mean). Clients choose by a logit over scores (Gumbel taste of scale
``s = score_noise``; :mod:`sim.tender`), so a bid ``j`` among the project's bids wins
with probability

    P_j = exp(S_j / s) / sum_b exp(S_b / s),

``S`` the scores without the taste, and one of its partners ``i`` earns ``G_ij`` (its
revenue minus delivery costs) if it wins. With ``i``'s score lowered by ``Delta``,
``x = exp(-Delta / s)`` and the bid wins with ``P'_j = P_j x / (1 - P_j + P_j x)``. Over
the members' bids of one quarter this gives, exactly in expectation over clients'
tastes, the gross market profit the members expect (``sum P_j G_ij``) and what each
drop would cost them if each member alone were dropped (``sum (P_j - P'_j) G_ij``); the
ratio of the two is the share of its gross market profit a caught member expects to
lose (:mod:`sim.incentives.sanction_cost`). Without taste (``s = 0``) the best bid wins
(the first on a tie) and a drop costs the bid its win where it no longer leads.

It reads the contests as they were (the same bids, the same partners), so where a
member takes part in two bids of one project it counts each bid's loss alone.
"""

from __future__ import annotations

import numpy as np

from sim.compiled import compiled


class LossShares:
    """The share of its gross market profit a member expects to lose to each score drop
    (a caught member's reputation drop, then its rating drop), as the members' tenders of
    the latest quarter measured it; before the first tender, ``prior``."""

    def __init__(self, prior: tuple[float, float]) -> None:
        self.value = prior

    def observe(self, members_gross: float, members_lost: np.ndarray) -> None:
        """Take this quarter's measurement, if members bid at all (otherwise keep the last)."""
        if members_gross > 0 and len(members_lost) == len(self.value):
            self.value = tuple(float(x) for x in members_lost / members_gross)


def members_exposure(
    terms: np.ndarray,
    bidders: np.ndarray,
    partners: np.ndarray,
    base: np.ndarray,
    is_multi: np.ndarray,
    value: np.ndarray,
    quality: np.ndarray,
    member: np.ndarray,
    drops: np.ndarray,
    noise: float,
) -> tuple[float, np.ndarray]:
    """The members' expected gross market profit in these tenders (MU) and, per score
    drop in ``drops``, the part of it they would lose, each member dropped alone (MU).

    ``terms`` are the tender's terms in :func:`sim.tender.award`'s order; the other
    arrays as there, ``member`` a bool per slot."""
    if not len(bidders) or not len(drops):
        return 0.0, np.zeros(len(drops))
    return _exposure(terms, bidders, partners, base, is_multi, value, quality, member, drops, noise)


@compiled
def _exposure(terms, bidders, partners, base, is_multi, value, quality, member, drops, noise):
    markup_max, solo_penalty, joint_bonus, cost_share, premium, _ = terms
    m, b = bidders.shape
    k = partners.shape[2] + 1
    foreign = (k - 1) / k
    lost = np.zeros(len(drops))
    expected = 0.0
    size = np.empty(b, np.int64)
    crew = np.empty((b, k), np.int64)
    gain = np.empty((b, k))  # what each partner of a bid earns if the bid wins
    score = np.empty((len(drops) + 1, b))  # row 0 as bid, row 1 + d with a member dropped
    prob = np.empty((len(drops) + 1, b))
    for p in range(m):
        for j in range(b):  # the bids' scores without the taste, as sim.tender scores them
            size[j] = k if k > 1 and partners[p, j, 0] >= 0 else 1
            crew[j, 0] = bidders[p, j]
            total = base[crew[j, 0]]
            mean_markup = markup_max * (1.0 + quality[crew[j, 0]]) / 2.0
            for c in range(1, size[j]):
                crew[j, c] = partners[p, j, c - 1]
                total += base[crew[j, c]]
                mean_markup += markup_max * (1.0 + quality[crew[j, c]]) / 2.0
            mean_markup /= size[j]
            part = value[p] / size[j]
            if size[j] > 1:
                score[0, j] = total / k + joint_bonus
                delivery = part * cost_share
            else:
                score[0, j] = total - solo_penalty * (1.0 if is_multi[p] else 0.0)
                delivery = value[p] * (cost_share + (foreign if is_multi[p] else 0.0) * premium)
            for c in range(size[j]):
                gain[j, c] = part * (1.0 + mean_markup) - delivery
        for q in range(-1, b * k):  # -1: the bids as they are; then each partner of each bid
            if q >= 0:
                j, c = q // k, q % k
                if c >= size[j]:
                    continue
                i = crew[j, c]
                first = True  # count each member once per project, where it first appears
                for o in range(j + 1):
                    for e in range(size[o] if o < j else c):
                        if crew[o, e] == i:
                            first = False
                if not member[i] or not first:
                    continue
                for d in range(len(drops)):  # its score lowered in every bid it is in
                    for o in range(b):
                        score[1 + d, o] = score[0, o]
                        for e in range(size[o]):
                            if crew[o, e] == i:
                                score[1 + d, o] -= drops[d] / size[o]
            for r in range(len(drops) + 1):  # each bid's chance: a logit over scores
                if (q < 0) != (r == 0) or (r > 0 and drops[r - 1] == 0):
                    continue  # the bids as they are once per project; no drop, no change
                best = 0
                for o in range(1, b):
                    if score[r, o] > score[r, best]:
                        best = o  # the first best, as the tender breaks ties
                total = 0.0
                for o in range(b):
                    if noise > 0:
                        prob[r, o] = np.exp((score[r, o] - score[r, best]) / noise)
                    else:
                        prob[r, o] = 1.0 if o == best else 0.0
                    total += prob[r, o]
                prob[r] /= total
            if q < 0:
                continue
            for o in range(b):
                for e in range(size[o]):
                    if crew[o, e] == i:
                        expected += prob[0, o] * gain[o, e]
                        for d in range(len(drops)):
                            if drops[d] != 0:
                                lost[d] += (prob[0, o] - prob[1 + d, o]) * gain[o, e]
    return expected, lost

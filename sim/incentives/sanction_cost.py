"""What free-riding is expected to cost a member this step, in money: the expected fine
and the market profit it expects to lose through a damaged standing.

A free-rider may be caught; then it pays a fine (``alliance.fine`` x the contribution
it owed), its reputation drops by ``reputation_penalty`` and, where the society rates
members, its credit rating drops by ``rating_penalty``. Reputation and rating enter
clients' scores (weights ``weight_reputation`` and ``rating_weight``), so a drop ``d``
(score points) costs market profit for as long as it lasts.

How much of its gross market profit a member loses to a drop this quarter is measured
on the tenders it took part in (:mod:`sim.standing_exposure`): every member bid's logit
chance to win with and without the member's drop, weighted by what the bid would earn
it, summed over members, divided by what the members expect to earn. This share
``L(d)`` is the same for every member (a firm weighs its standing with what the
alliance's members have seen in the latest quarter's tenders, not with its own few
contests, which say little). Before the first tender firms assume the symmetric contest:
``B`` equally strong bidders, a drop diluted to ``d_eff = d ((1 - m) + m / k)`` by
consortia (share ``m`` of projects, ``k`` segments), ``P = 1 / B``:

    L(d) = 1 - x / (1 - P + P x),   x = exp(-d_eff / s)

(``s = score_noise``, the logit's scale). Strong firms win more often than ``1/B`` and
lose a smaller share to a drop, so the symmetric contest overstates the loss (by a
third in a society-led market at step 31); the measured share does not.

The standing cost of being caught is ``S_i = g_i L(d) T`` with ``g_i`` the member's
expected gross market profit (members' smoothed gross profit per capacity unit x its
capacity) and ``T`` the drop's discounted duration. A drop fades geometrically
(reputation moves ``reputation_learning`` of the way back each step, the rating
``rating_recovery`` of its gap to 1), so with the firms' one quarterly discount factor
``delta`` (``decisions.enterprise.discount_factor``)

    T = sum_t (delta (1 - lambda))^t = 1 / (1 - delta (1 - lambda)),

the same horizon over which a firm weighs every other term of its choice
(:mod:`sim.incentives.best_response`). ``tests/sim/incentives/test_sanction_cost.py``
replays a market step with the same draws, each member dropped alone, and checks the
estimate against the profit the members actually lose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.monitoring import catch_chances, expected_fine
from sim.scenario.modes import Monitor

if TYPE_CHECKING:
    from sim.model import AllianceModel


def detection_probabilities(model: AllianceModel, who: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Probability a free-rider in ``who`` is caught by anyone this step, and by the
    society's rating (0 where it does not rate)."""
    p = model.alliance.charter.monitoring_probability
    spec = model.mechanics.spec
    if spec is None:
        return np.full(len(who), p), np.zeros(len(who))
    chances = catch_chances(model, spec, who)  # exclusive: one monitor watches a member
    caught = sum(chances.values(), np.zeros(len(who)))
    return caught, chances.get(Monitor.RATING, np.zeros(len(who)))


def discounted_duration(recovery: float, delta: float) -> float:
    """``T``: a drop that fades by ``recovery`` a step, valued with discount ``delta``."""
    return 1.0 / (1.0 - delta * (1.0 - recovery))


def expected_fines(model: AllianceModel, who: np.ndarray, owed: np.ndarray) -> np.ndarray:
    """Expected fine (MU) of each firm in ``who`` if it free-rides this step as a member
    owing ``owed`` (MU)."""
    spec = model.mechanics.spec
    charter = model.alliance.charter
    if spec is None:
        return charter.monitoring_probability * charter.fine * owed
    return expected_fine(model, spec, who, owed)


def score_drops(model: AllianceModel) -> np.ndarray:
    """The score drops of a caught member in force (score points): its reputation drop,
    then its rating drop (0 where no monitor of the mode rates members)."""
    market, charter, society = model.market_spec, model.alliance.charter, model.config.society
    spec = model.mechanics.spec
    rates = spec is not None and Monitor.RATING in spec.monitors
    return np.array(
        [charter.reputation_penalty * market.weight_reputation,
         society.rating_penalty * society.rating_weight if rates else 0.0]
    )  # fmt: skip


def symmetric_loss_shares(model: AllianceModel) -> tuple[float, float]:
    """``L(d)`` of each drop in a contest of equally strong bidders: what firms assume
    before the first tender."""
    reputation, rating = score_drops(model)
    return score_loss_share(reputation, model.market_spec), score_loss_share(
        rating, model.market_spec
    )


def score_loss_share(drop: float, market) -> float:
    """``L(d)`` in a contest of ``B`` equally strong bidders: the share of a bidder's
    expected market profit a score drop ``d`` costs."""
    if drop <= 0:
        return 0.0
    diluted = drop * (
        (1 - market.multi_segment_share)
        + market.multi_segment_share / market.segments_per_large_project
    )
    x = float(np.exp(-diluted / max(market.score_noise, 1e-9)))
    p = 1.0 / market.bidders_per_project
    return 1.0 - x / (1.0 - p + p * x)


def reputation_loss(model: AllianceModel) -> float:
    """Share of its gross market profit a caught member loses through its reputation
    drop, over the drop's discounted duration (0 without a market or a drop)."""
    share = model.standing_shares.value[0]
    return _standing_loss(model, share, model.market_spec.reputation_learning)


def rating_loss(model: AllianceModel) -> float:
    """Share of its gross market profit a member the society catches loses through its
    credit rating drop, over the drop's discounted duration (0 without one)."""
    share = model.standing_shares.value[1]
    return _standing_loss(model, share, model.config.society.rating_recovery)


def _standing_loss(model: AllianceModel, share: float, recovery: float) -> float:
    """``L(d) T``: the loss share ``share`` of a score drop that fades by ``recovery`` a
    step, over its discounted duration (0 without a market or a recovery)."""
    if not model.market_spec.enabled or share <= 0 or recovery <= 0:
        return 0.0
    delta = model.config.decisions.enterprise.discount_factor
    return share * discounted_duration(recovery, delta)


def standing_cost(model: AllianceModel, who: np.ndarray, gross: np.ndarray) -> np.ndarray:
    """Expected market profit lost through reputation and rating if caught (MU)."""
    if not model.market_spec.enabled:
        return np.zeros(len(who))
    caught, rated = detection_probabilities(model, who)
    cost = caught * reputation_loss(model) + rated * rating_loss(model)
    return cost * np.maximum(gross, 0.0)

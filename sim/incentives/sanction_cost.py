"""What free-riding is expected to cost a member this step, in money: the expected fine
and the market profit it expects to lose through a damaged standing.

A free-rider may be caught; then it pays a fine (``alliance.fine`` x the contribution
it owed), its reputation drops by ``reputation_penalty`` and, where the society rates
members, its credit rating drops by ``rating_penalty``. Reputation and rating enter
clients' scores (weights ``weight_reputation`` and ``rating_weight``), so a drop costs
market profit for as long as it lasts. Clients choose by a logit over scores (Gumbel
taste of scale ``s = score_noise``) among ``B`` bidders; a firm bidding with partners
on a multi-segment project (share ``m`` of projects, ``k`` segments) counts for
``1/k`` of its consortium's score. A score drop ``d`` therefore cuts a bidder's chance
of winning, from ``P = 1/B``, by the share

    L(d) = 1 - x / (1 - P + P x),   x = exp(-d_eff / s),   d_eff = d ((1 - m) + m / k),

and the standing cost of being caught is estimated as ``S_i = g_i L(d) T`` with ``g_i``
the member's expected gross market profit (members' smoothed gross profit per capacity
unit x its capacity) and ``T`` the drop's discounted duration. A drop fades
geometrically (reputation moves ``reputation_learning`` of the way back each step, the
rating ``rating_recovery`` of its gap to 1), so with the firms' one quarterly discount
factor ``delta`` (``decisions.enterprise.discount_factor``)

    T = sum_t (delta (1 - lambda))^t = 1 / (1 - delta (1 - lambda)),

the same horizon over which a firm weighs every other term of its choice
(:mod:`sim.incentives.best_response`). It is an estimate a firm weighing its stance
could make, and it errs high. Replaying one market step with the same draws, one member
at a time with and without its rating drop (``tests/sim/incentives/test_sanction_cost.py``),
the gross profit 60 society-led members lose at step 31 is 0.48 +/- 0.06 MU against 0.72
predicted at the default drop, and 3.98 +/- 0.19 against 5.41 at eight times it; on the
draws before issue 20 the same replay matched (0.81 +/- 0.09 against 0.81). Two errors
meet: strong firms win more often than ``1/B`` and lose a smaller share of what they
earn, and members' earnings differ from the members' rate the share is applied to; how
far they cancel depends on the state. Issue 17 keeps this open.
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


def score_loss_share(drop: float, market) -> float:
    """``L(d)``: the share of a bidder's expected market profit a score drop ``d`` costs."""
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
    market, charter = model.market_spec, model.alliance.charter
    drop = charter.reputation_penalty * market.weight_reputation
    return _standing_loss(model, drop, market.reputation_learning)


def rating_loss(model: AllianceModel) -> float:
    """Share of its gross market profit a member the society catches loses through its
    credit rating drop, over the drop's discounted duration (0 without one)."""
    society = model.config.society
    return _standing_loss(
        model, society.rating_penalty * society.rating_weight, society.rating_recovery
    )


def _standing_loss(model: AllianceModel, drop: float, recovery: float) -> float:
    """``L(d) T``: the loss share of a score drop ``drop`` that fades by ``recovery`` a
    step, over its discounted duration (0 without a market, a drop or a recovery)."""
    market = model.market_spec
    if not market.enabled or drop <= 0 or recovery <= 0:
        return 0.0
    delta = model.config.decisions.enterprise.discount_factor
    return score_loss_share(drop, market) * discounted_duration(recovery, delta)


def standing_cost(model: AllianceModel, who: np.ndarray, gross: np.ndarray) -> np.ndarray:
    """Expected market profit lost through reputation and rating if caught (MU)."""
    if not model.market_spec.enabled:
        return np.zeros(len(who))
    caught, rated = detection_probabilities(model, who)
    cost = caught * reputation_loss(model) + rated * rating_loss(model)
    return cost * np.maximum(gross, 0.0)

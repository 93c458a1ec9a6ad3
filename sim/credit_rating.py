"""Credit rating and certification made visible to clients (the paper's strategy of
an industry credit system run by the society/association).

Every firm slot carries a credit ``rating`` in [0, 1] (0.5 = unrated/neutral; the
enterprise table's ``rating`` column). When the society monitors (mode path,
:mod:`sim.monitoring`), a member found free-riding loses ``rating_penalty``; every
other member regains ``rating_recovery`` of its gap to 1 each step:

    rating' = max(0, rating - penalty)                 if found free-riding
    rating' = rating + recovery x (1 - rating)         otherwise (members only)

Clients see the rating of members and the society's certificate. Their score of a
bidder gains

    bonus = rating_weight x (rating - 0.5) [member]  +  certification_bonus [certified]

added to the procurement-preference term of the market score. A member whose rating
is below 0.5 loses its certificate (a clean record is part of certification).
"""

from __future__ import annotations

import numpy as np

from sim.enterprise_table import EnterpriseTable
from sim.scenario import Society as SocietySpec

NEUTRAL = 0.5


def rate_members(
    t: EnterpriseTable, members: np.ndarray, caught: np.ndarray, spec: SocietySpec
) -> None:
    """Update the credit rating of members after the society's monitoring."""
    clean = members & ~caught
    t.rating[clean] += spec.rating_recovery * (1.0 - t.rating[clean])
    t.rating[caught] = np.maximum(t.rating[caught] - spec.rating_penalty, 0.0)


def withdraw_certificates(t: EnterpriseTable) -> None:
    """Certificates lapse while a firm's rating is below neutral."""
    t.certified &= t.rating >= NEUTRAL


def client_bonus(t: EnterpriseTable, spec: SocietySpec, members: np.ndarray) -> np.ndarray:
    """Score bonus clients give for a visible rating and a certificate (score units)."""
    bonus = np.where(members, spec.rating_weight * (t.rating - NEUTRAL), 0.0)
    if spec.certification_bonus:
        bonus = bonus + np.where(t.certified, spec.certification_bonus, 0.0)
    return bonus

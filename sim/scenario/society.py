"""The society section: the archival society or industry association (funds, fees,
certification, training, credit rating)."""

from __future__ import annotations

from sim.scenario.section import Plausible, Section, param

RATING_PENALTY = 0.038
"""The equal-strength default of the rating's drop (rating points): the rating has no
fine, so its drop is sized for the market profit it costs a caught member (valued over
the firms' one horizon, :mod:`sim.incentives.enforcement`) to equal the charter's fine
per MU evaded (4 MU) at the start of a society-led run: members earn 10.4 +/- 0.2 MU
of gross market profit per MU of contribution they owe at step 1 (60 seeds), and a drop
of 0.038 x rating weight 0.5 costs them 2.66% of it in that quarter's tenders
(:mod:`sim.standing_exposure`) for a discounted 14.5 quarters, 3.99 MU per MU evaded
(the drop solved over the 60 seeds, 0.0381 +/- 0.0009, rounded to two figures;
``tests/sim/incentives/test_enforcement.py`` checks it)."""


class Society(Section):
    """The archival society or industry association."""

    present: bool = param(False, None, None, "switch", "Whether a society acts")
    budget_initial: float = param(10.0, 0.0, 1e12, "MU", "Society's own funds at the start")
    running_cost: float = param(0.5, 0.0, 1e9, "MU/step", "Cost of running the society's offices")
    influence_value: float = param(
        0.01, 0.0, 1e6, "MU/member/step", "Value of influence per member it represents"
    )
    participation_intensity: float = param(
        5.0, 0.0, 1e6, "1/MU", "Logit intensity of its take-part decision"
    )
    fee_adjustment: float = param(
        0.0,
        0.0,
        1.0,
        "fraction/step",
        "How fast it moves the fee to cover its running cost",
        Plausible(0.0, 0.3, "from a fixed fee to a fee revised every quarter"),
    )
    max_fee: float = param(1.0, 0.0, 1e4, "MU/member/step", "Highest fee it will charge")
    certification_threshold: float = param(
        1.1, 0.0, 1.1, "quality", "Quality at which it certifies a member (above 1 = never)"
    )
    training_rate: float = param(
        0.0,
        0.0,
        1.0,
        "1/step",
        "Share of the gap to quality 1 closed per step for members",
        Plausible(
            0.0,
            0.02,
            "from no lasting effect to a third of the gap to best practice closed in five years",
        ),
    )
    certification_bonus: float = param(
        0.0,
        0.0,
        100.0,
        "score",
        "Clients' score bonus for a firm holding the certificate",
        Plausible(0.0, 0.3, "clients may ignore it, or weigh it like a procurement preference"),
    )
    rating_weight: float = param(
        0.0,
        0.0,
        100.0,
        "score/rating",
        "Credit rating visible to clients: score bonus per rating point above 0.5 "
        "(penalty below) for members the society rates",
        Plausible(0.0, 1.0, "clients may ignore a rating, or weigh it like a firm's reputation"),
    )
    rating_penalty: float = param(
        RATING_PENALTY,
        0.0,
        1.0,
        "rating",
        "Rating a member loses when the society finds it free-riding",
        Plausible(0.01, 0.2, "a mark on the record, up to a downgrade clients notice at once"),
    )
    rating_recovery: float = param(
        0.05,
        0.0,
        1.0,
        "1/step",
        "Share of the gap to rating 1 a member not found wanting regains",
        Plausible(0.02, 0.25, "a bad mark fades within one to twelve years"),
    )
    rating_accuracy: float = param(
        1.0,
        0.0,
        1.0,
        "probability",
        "Chance the society's review of a free-rider's reports finds it",
        Plausible(0.4, 1.0, "the rating reads members' own reports, which may hide evasion"),
    )

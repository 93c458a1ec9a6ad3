"""What a score drop costs the members in a quarter's tenders (sim.standing_exposure):
against logit chances worked out by hand, the tender's tie rule, and the tender itself
replayed over many clients' tastes with and without each member's drop."""

import numpy as np
import pytest

from sim.scenario import Market
from sim.standing_exposure import LossShares, members_exposure
from sim.tender import award, tender_terms

SPEC = Market(
    markup=0.2,
    solo_penalty=0.5,
    joint_bid_bonus=0.5,
    variable_cost_share=0.7,
    subcontract_premium=0.25,
    weight_quality=1.0,
    weight_price=2.0,
    score_noise=0.5,
)
NO_PARTNERS = [[[-1, -1], [-1, -1]]]


def exposure(bidders, partners, base, quality, value, is_multi, member, drops, noise):
    return members_exposure(
        tender_terms(SPEC), np.array(bidders), np.array(partners), np.array(base, float),
        np.array(is_multi), np.array(value, float), np.array(quality, float),
        np.array(member), np.array(drops, float), noise,
    )  # fmt: skip


def test_a_solo_member_against_an_outsider_by_hand():
    # Member 0 (base 1.0, quality 0.5) against outsider 1 (base 0.8) on a single-segment
    # project worth 3: member 0 earns 3 (1 + 0.2 x 1.5 / 2) - 3 x 0.7 = 1.35 if it wins,
    # with chance 1 / (1 + exp(-0.2 / 0.5)); its drop of 0.2 levels the scores (1/2).
    p = 1 / (1 + np.exp(-0.4))
    gross, lost = exposure(
        [[0, 1]], NO_PARTNERS, [1.0, 0.8], [0.5, 0.0], [3.0], [False], [True, False],
        [0.2, 0.0], 0.5,
    )  # fmt: skip
    assert gross == pytest.approx(p * 1.35)
    assert lost == pytest.approx([(p - 0.5) * 1.35, 0.0])


def test_an_outsider_drop_costs_members_nothing():
    gross, lost = exposure(
        [[0, 1]], NO_PARTNERS, [1.0, 0.8], [0.5, 0.0], [3.0], [False], [False, False],
        [0.2], 0.5,
    )  # fmt: skip
    assert gross == 0.0 and lost == pytest.approx([0.0])


@pytest.mark.parametrize(
    ("order", "drop", "loses"),
    [
        ([0, 1], 0.05, False),  # 0.95 still beats 0.9
        ([0, 1], 0.1, False),  # a tie at 0.9: the member's bid comes first and wins it
        ([1, 0], 0.1, True),  # a tie at 0.9: the outsider's bid comes first and wins it
        ([1, 0], 0.2, True),
    ],
)
def test_without_taste_a_drop_costs_the_win_where_the_tender_gives_it_away(order, drop, loses):
    base = [1.0, 0.9]
    args = ([order], NO_PARTNERS, base, [0.5, 0.0], [3.0], [False])
    gross, lost = exposure(*args, [True, False], [drop], 0.0)
    assert gross == pytest.approx(1.35)
    assert lost == pytest.approx([1.35 if loses else 0.0])
    lowered = np.array(base) - [drop, 0.0]  # the tender itself, with the drop
    revenue, cost = np.zeros(2), np.zeros(2)
    won = award(
        SPEC, np.array([order]), np.array(NO_PARTNERS), lowered, 0.0,
        np.array([False]), np.array([3.0]), np.array([0.5, 0.0]), revenue, cost,
    )  # fmt: skip
    assert (won.winner[0] != 0) == loses


def test_the_tender_replayed_over_tastes_loses_what_the_exposure_says():
    """Three projects, members in solo bids, consortia (k = 3) and, firm 2, in two bids of
    one project at once (leading one, partner in another): each member dropped alone, the
    tender replayed over 4,000 tastes with the same draws with and without its drop."""
    bidders = np.array([[0, 1, 2], [3, 2, 5], [4, 0, 1]])
    partners = np.array(
        [
            [[-1, -1], [-1, -1], [-1, -1]],
            [[2, 4], [0, 4], [-1, -1]],  # firm 2 leads a consortium and joins another
            [[-1, -1], [2, 3], [-1, -1]],
        ]
    )
    base = np.array([1.0, 0.7, 0.9, 0.6, 1.1, 0.8])
    quality = np.array([0.5, 0.1, 0.7, 0.3, 0.9, 0.0])
    value = np.array([3.0, 5.0, 2.0])
    is_multi = np.array([False, True, True])
    member = np.array([True, False, True, True, True, False])
    drops = np.array([0.15, 0.6])
    gross, lost = members_exposure(
        tender_terms(SPEC), bidders, partners, base, is_multi, value, quality, member,
        drops, SPEC.score_noise,
    )  # fmt: skip
    rng = np.random.default_rng(3)
    draws = 4000
    earned = np.zeros(draws)
    dropped = np.zeros((draws, len(drops)))

    def gross_of(scores, taste):
        revenue, cost = np.zeros(6), np.zeros(6)
        award(SPEC, bidders, partners, scores, taste, is_multi, value, quality, revenue, cost)
        return revenue - cost

    for r in range(draws):
        taste = rng.gumbel(0.0, SPEC.score_noise, size=bidders.shape)
        before = gross_of(base, taste)
        earned[r] = before[member].sum()
        for d, drop in enumerate(drops):
            for firm in np.flatnonzero(member):
                lowered = base.copy()
                lowered[firm] -= drop
                dropped[r, d] += before[firm] - gross_of(lowered, taste)[firm]
    se = earned.std(ddof=1) / np.sqrt(draws)
    assert abs(earned.mean() - gross) < 4 * se
    for d in range(len(drops)):
        se = dropped[:, d].std(ddof=1) / np.sqrt(draws)
        assert se < 0.1 * lost[d]  # precise enough to tell a tenth apart
        assert abs(dropped[:, d].mean() - lost[d]) < 4 * se


def test_loss_shares_are_the_members_loss_over_their_gross_and_keep_the_last_when_idle():
    shares = LossShares((0.03, 0.02))
    shares.observe(0.0, np.array([0.0, 0.0]))  # no member bid: keep the prior
    assert shares.value == (0.03, 0.02)
    shares.observe(200.0, np.array([1.0, 5.0]))
    assert shares.value == pytest.approx((0.005, 0.025))


def test_a_member_in_a_solo_and_a_joint_bid_of_one_project_by_hand():
    # One two-segment project worth 4: member 0 bids alone (solo penalty 0.5, pays the
    # subcontract premium on the half it does not cover) and as outsider 1's partner; an
    # outsider 2 bids alone. Its drop d lowers its solo bid by d and the joint bid by d/2.
    base = np.array([1.2, 1.4, 2.2])  # the drop moves both of member 0's bids' chances
    quality = np.array([0.8, 0.2, 0.5])
    markup = 0.2 * (1 + quality) / 2
    solo_gain = 4 * (1 + markup[0]) - 4 * (0.7 + 0.5 * 0.25)
    joint_gain = 2 * (1 + (markup[0] + markup[1]) / 2) - 2 * 0.7
    scores = np.array([1.2 - 0.5, (1.2 + 1.4) / 2 + 0.5, 2.2 - 0.5])
    drop = 0.4
    lowered = scores - [drop, drop / 2, 0.0]

    def chances(s):
        w = np.exp(s / 0.5)
        return w / w.sum()

    p, q = chances(scores), chances(lowered)
    assert p[0] - q[0] > 0.02 and p[1] - q[1] > 0.05  # each bid's loss counts
    gross, lost = members_exposure(
        tender_terms(SPEC), np.array([[0, 1, 2]]), np.array([[[-1], [0], [-1]]]), base,
        np.array([True]), np.array([4.0]), quality, np.array([True, False, False]),
        np.array([drop]), 0.5,
    )  # fmt: skip
    assert gross == pytest.approx(p[0] * solo_gain + p[1] * joint_gain)
    assert lost == pytest.approx([(p[0] - q[0]) * solo_gain + (p[1] - q[1]) * joint_gain])

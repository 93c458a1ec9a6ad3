"""The tender (sim.tender): scores of solo and joint bids, the winner, and what each
winner books, against values worked out by hand."""

import numpy as np
import pytest

from sim.scenario import Market
from sim.tender import award

SPEC = Market(
    markup=0.2,
    solo_penalty=0.5,
    joint_bid_bonus=0.5,
    variable_cost_share=0.7,
    subcontract_premium=0.25,
    weight_quality=1.0,
    weight_price=2.0,
)


def tender(bidders, partners, base, quality, value, is_multi, taste=0.0, n=6):
    revenue, cost = np.zeros(n), np.zeros(n)
    won = award(
        SPEC,
        np.array(bidders),
        np.array(partners),
        np.array(base),
        taste,
        np.array(is_multi),
        np.array(value),
        np.array(quality),
        revenue,
        cost,
    )
    return won, revenue, cost


@pytest.mark.parametrize(("solo_base", "solo_wins"), [(1.6, True), (1.4, False)])
def test_a_consortium_bids_its_partners_mean_plus_the_bonus(solo_base, solo_wins):
    # Firm 0 bids alone on multi-segment work: solo_base - 0.5. Firm 1 bids with
    # partners 2 and 3: (0.2 + 0.5 + 0.8) / 3 + 0.5 = 1.0 (their sum, 1.5, would win
    # both cases). Solo wins iff solo_base - 0.5 > 1.0.
    base = [solo_base, 0.2, 0.5, 0.8, 0.0, 0.0]
    won, _, _ = tender([[0, 1]], [[[-1, -1], [2, 3]]], base, [0.5] * 6, [3.0], [True])
    assert won.winner[0] == (0 if solo_wins else 1)
    assert won.jointly[0] == (not solo_wins)


def test_a_solo_bid_on_single_segment_work_has_no_penalty():
    # Firm 0 alone: 1.2 (no penalty on single-segment work) beats firm 1's 1.1.
    won, _, _ = tender(
        [[1, 0]], [[[-1, -1], [-1, -1]]], [1.2, 1.1, 0, 0, 0, 0], [0.5] * 6, [3.0], [False]
    )
    assert won.winner[0] == 0


def test_taste_moves_the_scores_and_the_first_bid_wins_a_tie():
    base = [1.0, 1.0, 0, 0, 0, 0]
    none = [[[-1, -1], [-1, -1]]] * 2
    won, _, _ = tender(
        [[0, 1], [0, 1]],
        none,
        base,
        [0.5] * 6,
        [1.0, 1.0],
        [False, False],
        taste=np.array([[0.0, 0.1], [0.0, 0.0]]),
    )
    np.testing.assert_array_equal(won.winner, [1, 0])


def test_what_solo_and_joint_winners_book():
    # Project 0 (value 3, three segments): firm 0 alone (quality 0.5) against nobody.
    # Price 3 x (1 + 0.2 x 1.5 / 2) = 3.45; cost 3 x (0.7 + 2/3 x 0.25) = 2.6.
    # Project 1 (value 3): consortium 1, 2, 3 (qualities 0, 0.5, 1; markups 0.1, 0.15,
    # 0.2, mean 0.15): each partner is paid 1 x 1.15 and pays 0.7.
    quality = [0.5, 0.0, 0.5, 1.0, 0.0, 0.0]
    won, revenue, cost = tender(
        [[0], [1]], [[[-1, -1]], [[2, 3]]], [1.0] * 6, quality, [3.0, 3.0], [True, True]
    )
    np.testing.assert_allclose(revenue, [3.45, 1.15, 1.15, 1.15, 0, 0], rtol=1e-12)
    np.testing.assert_allclose(cost, [2.6, 0.7, 0.7, 0.7, 0, 0], rtol=1e-12)
    # Clients value quality at w_q / w_p = 0.5 per unit: 3 x 1.25 for both projects.
    np.testing.assert_allclose(won.client_value, [3.75, 3.75], rtol=1e-12)
    # The consortium ties each pair of its partners once.
    assert sorted(zip(won.tie_a.tolist(), won.tie_b.tolist(), strict=True)) == [
        (1, 2),
        (1, 3),
        (2, 3),
    ]


def test_a_firm_winning_twice_books_both_projects():
    won, revenue, cost = tender(
        [[0], [0]], [[[-1, -1]]] * 2, [1.0] * 6, [0.0] * 6, [1.0, 2.0], [False, False]
    )
    np.testing.assert_array_equal(won.winner, [0, 0])
    np.testing.assert_allclose(revenue[0], 3.0 * 1.1, rtol=1e-12)
    np.testing.assert_allclose(cost[0], 3.0 * 0.7, rtol=1e-12)


def numpy_winners(bidders, partners, base, taste, is_multi):
    """The winners the plain array form picks: every bid's score, then ``np.argmax``."""
    k = partners.shape[2] + 1
    solo = base[bidders] + taste - SPEC.solo_penalty * np.where(is_multi, 1.0, 0.0)[:, None]
    joint = (base[bidders] + base[partners].sum(axis=2)) / k + SPEC.joint_bid_bonus + taste
    score = np.where(partners[:, :, 0] >= 0, joint, solo)
    pick = np.argmax(score, axis=1)
    rows = np.arange(len(bidders))
    return bidders[rows, pick], partners[rows, pick, 0] >= 0


@pytest.mark.parametrize("seed", range(4))
def test_winners_are_np_argmax_of_the_scores_with_ties_nan_and_inf(seed):
    g = np.random.default_rng(seed)
    m, b, n = 400, 4, 12
    base = g.choice(
        [0.0, 0.5, 1.0, np.nan, -np.inf, np.inf], size=n, p=[0.3, 0.3, 0.3, 0.04, 0.03, 0.03]
    )
    bidders = g.integers(0, n, (m, b))
    partners = np.where(g.random((m, b, 1)) < 0.4, g.integers(0, n, (m, b, 2)), -1)
    taste = g.choice([0.0, 0.5], size=(m, b))  # few distinct scores: many ties
    is_multi = g.random(m) < 0.5
    won, _, _ = tender(bidders, partners, base, np.full(n, 0.5), np.ones(m), is_multi, taste, n)
    winner, jointly = numpy_winners(bidders, partners, base, taste, is_multi)
    np.testing.assert_array_equal(won.winner, winner)
    np.testing.assert_array_equal(won.jointly, jointly)


@pytest.mark.parametrize("m", [0, 1])
def test_no_project_or_one_with_a_single_bid(m):
    won, revenue, _ = tender(
        np.zeros((m, 1), np.int64), np.full((m, 1, 2), -1), [1.0] * 6, [0.0] * 6,
        np.ones(m), np.zeros(m, bool),
    )  # fmt: skip
    assert won.winner.tolist() == [0] * m
    np.testing.assert_allclose(revenue, [1.1 * m, 0, 0, 0, 0, 0], rtol=1e-12)

"""The market: projects arrive, bidders compete on score, winners deliver; members can
bid jointly for multi-segment work; procurement preference shifts scores."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.enterprise_table import EnterpriseTable
from sim.market import (
    MarketOutcome,
    _consortia,
    _project_values,
    _required_segments,
    clear_market,
    markup,
    settle,
)
from sim.scenario import Market, Population

ONE_SEGMENT = {
    "custody": 1.0,
    "digitisation": 0.0,
    "software": 0.0,
    "consulting": 0.0,
    "equipment": 0.0,
}


def table(
    n: int, quality=None, capacity=None, segment=None, member=None, active=None
) -> EnterpriseTable:
    t = EnterpriseTable(n)
    t.active[:] = True if active is None else active
    t.capacity[:] = 1.0 if capacity is None else capacity
    t.quality[:] = 0.5 if quality is None else quality
    t.reputation[:] = 0.5
    t.segment[:] = 0 if segment is None else segment
    if member is not None:
        t.strategy[:] = np.where(member, Action.CONTRIBUTE, Action.OUTSIDE)
    return t


def run(t, spec: Market, population=None, joint=False, preference=None, seed=0):
    population = population or Population(enterprises=len(t), segment_shares=ONE_SEGMENT)
    pref = np.zeros(len(t)) if preference is None else preference
    expected = spec.projects_per_initial_firm * int(t.active.sum())
    return clear_market(t, spec, population, joint, pref, np.random.default_rng(seed), expected)


def test_disabled_market_pays_nothing():
    out = run(table(50), Market(enabled=False))
    assert out.revenue.sum() == 0 and out.variable_cost.sum() == 0 and out.projects == 0


def test_solo_delivery_prices_and_costs_by_hand():
    # Single segment, fixed project value 4: price 4 x (1 + markup(q)), cost 4 x 0.7.
    quality = np.linspace(0.1, 0.9, 40)
    t = table(40, quality=quality)
    spec = Market(
        project_value=4.0,
        project_value_spread=0.0,
        multi_segment_share=0.0,
        bidders_per_project=3,
        variable_cost_share=0.7,
        projects_per_initial_firm=2.0,
    )
    out = run(t, spec)
    won = out.revenue > 0
    assert won.sum() > 5 and out.projects > 40
    projects_won = out.variable_cost[won] / (4.0 * 0.7)
    np.testing.assert_allclose(projects_won, np.round(projects_won), atol=1e-9)
    np.testing.assert_allclose(
        out.revenue[won], projects_won * 4.0 * (1 + markup(quality[won], spec)), rtol=1e-12
    )
    assert projects_won.sum() == pytest.approx(out.projects)


def test_without_taste_noise_the_best_scoring_bidder_wins():
    # Score rises with quality here (1 - 2 x 0.1 > 0); with 50 bidders drawn from five
    # firms the best is always among them.
    quality = np.array([0.2, 0.4, 0.9, 0.6, 0.3])
    spec = Market(
        score_noise=0.0,
        bidders_per_project=50,
        multi_segment_share=0.0,
        projects_per_initial_firm=10.0,
    )
    out = run(table(5, quality=quality), spec)
    assert out.revenue[2] > 0
    assert out.revenue.sum() == pytest.approx(out.revenue[2])


def test_firms_out_of_business_get_no_work():
    active = np.arange(60) % 3 != 0
    out = run(table(60, active=active), Market(projects_per_initial_firm=3.0))
    assert out.revenue.sum() > 0
    assert (out.revenue[~active] == 0).all() and (out.variable_cost[~active] == 0).all()


def test_projects_arrive_at_the_configured_rate():
    spec = Market(projects_per_initial_firm=0.5)
    t = table(200)
    counts = [run(t, spec, seed=s).projects for s in range(40)]
    mean = np.mean(counts)  # Poisson(100): sd of the mean of 40 draws is ~1.6
    assert abs(mean - 100) < 8


def test_bidders_see_calls_in_proportion_to_capacity():
    capacity = np.array([1.0] * 20 + [20.0])
    spec = Market(
        score_noise=0.0,
        bidders_per_project=1,
        multi_segment_share=0.0,
        projects_per_initial_firm=5.0,
    )
    out = run(table(21, capacity=capacity), spec)
    # the large firm is the only bidder on half the projects
    share = out.variable_cost[20] / out.variable_cost.sum()
    assert 0.4 < share < 0.6


def test_procurement_preference_wins_members_more_work():
    n = 200
    member = np.arange(n) % 2 == 0
    spec = Market(projects_per_initial_firm=2.0, multi_segment_share=0.0)
    shares = []
    for bonus in (0.0, 1.0):
        out = run(table(n, member=member), spec, preference=np.where(member, bonus, 0.0))
        shares.append(out.revenue[member].sum() / out.revenue.sum())
    assert abs(shares[0] - 0.5) < 0.1
    assert shares[1] > 0.8


FIVE_SEGMENTS = {
    "custody": 0.2,
    "digitisation": 0.2,
    "software": 0.2,
    "consulting": 0.2,
    "equipment": 0.2,
}


def multi_segment_case(joint: bool, member_share: float = 1.0, seed: int = 0):
    n = 300
    g = np.random.default_rng(1)
    t = table(
        n,
        segment=np.arange(n) % 5,
        quality=g.uniform(0.2, 0.8, n),
        member=g.random(n) < member_share,
    )
    spec = Market(
        multi_segment_share=1.0,
        segments_per_large_project=3,
        projects_per_initial_firm=1.0,
        project_value_spread=0.0,
        subcontract_premium=0.25,
        variable_cost_share=0.7,
    )
    population = Population(enterprises=n, segment_shares=FIVE_SEGMENTS)
    return t, spec, run(t, spec, population, joint=joint, seed=seed)


def test_no_joint_bids_unless_the_alliance_runs():
    _, _, out = multi_segment_case(joint=False)
    assert out.joint_projects == 0 and len(out.tie_a) == 0
    # every solo winner of a 3-segment project subcontracts two thirds at a premium
    won = out.variable_cost > 0
    per_project = 4.0 * (0.7 + 2 / 3 * 0.25)
    n_won = out.variable_cost[won] / per_project
    np.testing.assert_allclose(n_won, np.round(n_won), atol=1e-9)


def test_members_win_multi_segment_work_jointly_and_form_ties():
    t, _, out = multi_segment_case(joint=True)
    assert out.joint_projects > 0.5 * out.projects  # consortia have the score advantage
    members = t.members()
    assert members[out.tie_a].all() and members[out.tie_b].all()
    assert (t.segment[out.tie_a] != t.segment[out.tie_b]).all()  # partners complement
    assert len(out.tie_a) == 3 * out.joint_projects  # three pairs in a team of three


def test_joint_bidding_needs_members():
    _, _, out = multi_segment_case(joint=True, member_share=0.0)
    assert out.joint_projects == 0


def test_clients_prefer_the_cheaper_bid():
    # Score is price alone (no weight on quality or reputation): the low-quality firm
    # asks half the markup of the high-quality one and wins every project.
    quality = np.array([0.0, 1.0] * 10)
    spec = Market(
        weight_quality=0.0,
        weight_reputation=0.0,
        weight_price=1.0,
        markup=0.4,
        score_noise=0.0,
        bidders_per_project=20,
        multi_segment_share=0.0,
        projects_per_initial_firm=2.0,
    )
    out = run(table(20, quality=quality), spec)
    assert out.revenue.sum() > 0
    assert out.revenue[quality == 1.0].sum() == 0.0


def test_markup_rises_with_quality_by_hand():
    spec = Market(markup=0.2)
    # half the markup at quality 0, three quarters at 0.5, all of it at 1
    np.testing.assert_allclose(markup(np.array([0.0, 0.5, 1.0]), spec), [0.1, 0.15, 0.2])


def test_a_solo_price_is_the_value_plus_the_quality_markup_by_hand():
    spec = Market(
        markup=0.2,
        project_value=4.0,
        project_value_spread=0.0,
        multi_segment_share=0.0,
        variable_cost_share=0.7,
        projects_per_initial_firm=1.0,
    )
    out = run(table(30, quality=np.full(30, 0.25)), spec)
    # markup 0.2 x (1 + 0.25) / 2 = 0.125: a project pays 4.5 and costs 2.8
    assert out.projects > 10
    assert out.revenue.sum() == pytest.approx(4.5 * out.projects, rel=1e-12)
    assert out.variable_cost.sum() == pytest.approx(2.8 * out.projects, rel=1e-12)
    assert out.mean_markup == pytest.approx(0.125)


def equal_firms_case(bonus: float, penalty: float):
    """Five segments, equal firms, half of them members, no taste noise: only the joint
    bid bonus and the solo penalty tell bids apart."""
    n = 400
    t = table(n, segment=np.arange(n) % 5, quality=np.full(n, 0.5), member=np.arange(n) % 10 < 5)
    spec = Market(
        multi_segment_share=1.0,
        segments_per_large_project=3,
        projects_per_initial_firm=0.5,
        bidders_per_project=5,
        score_noise=0.0,
        joint_bid_bonus=bonus,
        solo_penalty=penalty,
    )
    population = Population(enterprises=n, segment_shares=FIVE_SEGMENTS)
    return run(t, spec, population, joint=True)


@pytest.mark.parametrize(("bonus", "penalty"), [(0.1, 0.0), (0.0, 0.1)])
def test_joint_bid_bonus_and_solo_penalty_favour_consortia(bonus, penalty):
    # With half the firms members and five bidders, a project lacks a member bidder with
    # probability 1/32: consortia win nearly all; were the bonus or the penalty to change
    # sign, they would win only where every bidder is a member (1/32).
    out = equal_firms_case(bonus, penalty)
    assert out.projects > 100
    assert out.joint_projects > 0.9 * out.projects


def test_a_consortium_splits_the_project_value_between_its_partners():
    # Every firm a member with quality 0.5 (markup 0.2 x 0.75 = 0.15): each joint project
    # of value 4 pays 4 x 1.15 in all, a third to each of the three partners.
    n = 300
    t = table(n, segment=np.arange(n) % 5, quality=np.full(n, 0.5), member=np.ones(n, bool))
    spec = Market(
        markup=0.2,
        multi_segment_share=1.0,
        segments_per_large_project=3,
        projects_per_initial_firm=0.3,
        project_value=4.0,
        project_value_spread=0.0,
        variable_cost_share=0.7,
        score_noise=0.0,
        joint_bid_bonus=0.1,
    )
    out = run(t, spec, Population(enterprises=n, segment_shares=FIVE_SEGMENTS), joint=True)
    assert out.projects > 50 and out.joint_projects == out.projects
    assert out.revenue.sum() == pytest.approx(out.projects * 4.0 * 1.15, rel=1e-12)
    assert out.variable_cost.sum() == pytest.approx(out.projects * 4.0 * 0.7, rel=1e-12)
    won = out.revenue > 0
    shares = out.revenue[won] / (4.0 / 3 * 1.15)  # whole thirds of projects
    np.testing.assert_allclose(shares, np.round(shares), atol=1e-9)


def test_consortium_partners_come_from_the_other_needed_segments():
    n = 10
    g = np.random.default_rng(4)
    t = table(n, segment=np.arange(n) % 5, member=np.ones(n, bool))
    needs = np.array([[0, 1, 2], [3, 4, 0]])
    bidders = np.array([[0, 5], [3, 8]])
    partners = _consortia(t, t.members(), needs, bidders, np.array([True, True]), g)
    assert (partners >= 0).all()
    np.testing.assert_array_equal(t.segment[partners[0]], [[1, 2], [1, 2]])
    np.testing.assert_array_equal(t.segment[partners[1]], [[4, 0], [4, 0]])


def test_clients_prefer_the_better_reputation():
    # Equal quality (equal prices); score by reputation alone: firm 1 wins everything.
    t = table(2)
    t.reputation[:] = [0.2, 0.8]
    spec = Market(
        weight_quality=0.0,
        weight_reputation=1.0,
        score_noise=0.0,
        bidders_per_project=40,
        multi_segment_share=0.0,
        projects_per_initial_firm=10.0,
    )
    out = run(t, spec)
    assert out.revenue[1] > 0 and out.revenue[0] == 0


@pytest.mark.parametrize(("value", "spread"), [(4.0, 0.8), (0.5, 0.8), (0.5, 0.0)])
def test_project_values_average_the_configured_value(value, spread):
    # Lognormal with mu = log(v) - s^2 / 2 has mean v (sd of the mean here ~0.2%).
    spec = Market(project_value=value, project_value_spread=spread)
    drawn = _project_values(spec, 200_000, np.random.default_rng(0))
    assert drawn.mean() == pytest.approx(value, rel=0.01)


def test_projects_of_no_value_are_worth_nothing():
    drawn = _project_values(Market(project_value=0.0), 7, np.random.default_rng(0))
    np.testing.assert_array_equal(drawn, np.zeros(7))


def test_single_segment_projects_are_never_bid_jointly():
    n = 100
    t = table(n, segment=np.arange(n) % 5, member=np.ones(n, bool))
    spec = Market(
        multi_segment_share=0.0,
        segments_per_large_project=3,
        projects_per_initial_firm=1.0,
        joint_bid_bonus=0.5,
    )
    out = run(t, spec, Population(enterprises=n, segment_shares=FIVE_SEGMENTS), joint=True)
    assert out.projects > 50 and out.joint_projects == 0


def test_only_member_bidders_lead_consortia():
    out = equal_firms_case(0.1, 0.0)
    n = 400
    members = np.arange(n) % 10 < 5
    assert len(out.tie_a) and members[out.tie_a].all() and members[out.tie_b].all()


def test_consortium_lead_is_checked_for_membership_by_its_own_row():
    # Firm 0 is a member, firm 1 is not: only firm 0's bid gets partners.
    n = 10
    member = np.ones(n, bool)
    member[1] = False
    t = table(n, segment=np.arange(n) % 5, member=member)
    t.segment[1] = 0
    needs = np.array([[0, 2, 3]])
    bidders = np.array([[0, 1]])
    partners = _consortia(t, t.members(), needs, bidders, np.array([True]), rng_())
    assert (partners[0, 0] >= 0).all() and (partners[0, 1] == -1).all()


def rng_():
    return np.random.default_rng(5)


def shares(**kw) -> dict:
    return {s: kw.get(s, 0.0) for s in ONE_SEGMENT}


def test_required_segments_are_distinct_and_exist():
    # Two segments have demand; projects asking for three can only ask for those two.
    pop = Population(enterprises=10, segment_shares=shares(custody=0.5, equipment=0.5))
    needs = _required_segments(
        Market(segments_per_large_project=3), pop, np.ones(2000, bool), np.random.default_rng(0)
    )
    assert needs.shape == (2000, 2)
    assert set(needs.ravel().tolist()) == {0, 4}  # custody and equipment, each leading
    assert (needs[:, 0] != needs[:, 1]).all()
    assert (needs[:, 0] == 4).mean() == pytest.approx(0.5, abs=0.05)


def test_a_lead_segment_is_drawn_by_its_demand_share():
    pop = Population(
        enterprises=10,
        segment_shares=shares(
            custody=0.6,
            **dict.fromkeys(["digitisation", "software", "consulting", "equipment"], 0.1),
        ),
    )
    rng = np.random.default_rng(1)
    for multi in (False, True):  # single: by the shares; multi: first of a weighted draw
        needs = _required_segments(
            Market(segments_per_large_project=2), pop, np.full(20000, multi), rng
        )
        freq = np.bincount(needs[:, 0], minlength=5) / 20000
        np.testing.assert_allclose(freq, [0.6, 0.1, 0.1, 0.1, 0.1], atol=0.015)
        if multi:
            assert (needs[:, 0] != needs[:, 1]).all()


@pytest.mark.parametrize("seed", range(6))
def test_every_project_posted_is_allocated(seed):
    # The one firm in business (row 0) bids on every project: all that are posted.
    spec = Market(projects_per_initial_firm=1.0, multi_segment_share=0.0)
    t = table(2, active=np.array([True, False]))
    out = clear_market(
        t,
        spec,
        Population(enterprises=2, segment_shares=ONE_SEGMENT),
        False,
        np.zeros(2),
        np.random.default_rng(seed),
        1.5,
    )
    assert out.projects == np.random.default_rng(seed).poisson(1.5)
    assert (out.revenue[0] > 0) == (out.projects > 0)


@pytest.mark.parametrize(("multi_share", "width", "foreign"), [(0.0, 3, 0.0), (1.0, 2, 0.5)])
def test_solo_winners_subcontract_the_foreign_segments(multi_share, width, foreign):
    n = 100
    t = table(n, segment=np.arange(n) % 5)
    spec = Market(
        multi_segment_share=multi_share,
        segments_per_large_project=width,
        project_value=4.0,
        project_value_spread=0.0,
        variable_cost_share=0.7,
        subcontract_premium=0.25,
        projects_per_initial_firm=1.0,
    )
    out = run(t, spec, Population(enterprises=n, segment_shares=FIVE_SEGMENTS))
    assert out.projects > 50
    per_project = 4.0 * (0.7 + foreign * 0.25)
    assert out.variable_cost.sum() == pytest.approx(out.projects * per_project, rel=1e-12)


def test_clients_taste_lets_weaker_bids_win_sometimes():
    quality = np.array([0.2, 0.4, 0.9, 0.6, 0.3])
    spec = Market(
        score_noise=0.5,
        bidders_per_project=50,
        multi_segment_share=0.0,
        projects_per_initial_firm=10.0,
    )
    out = run(table(5, quality=quality), spec)
    assert out.revenue[2] > 0 and (out.revenue[[0, 1, 3, 4]] > 0).sum() >= 2


def test_each_consortium_prices_at_its_own_partners_mean_markup():
    n = 300
    g = np.random.default_rng(2)
    quality = g.uniform(0.0, 1.0, n)
    t = table(n, segment=np.arange(n) % 5, quality=quality, member=np.ones(n, bool))
    spec = Market(
        markup=0.2,
        multi_segment_share=1.0,
        segments_per_large_project=3,
        projects_per_initial_firm=0.3,
        project_value=4.0,
        project_value_spread=0.0,
        joint_bid_bonus=5.0,
    )
    out = run(t, spec, Population(enterprises=n, segment_shares=FIVE_SEGMENTS), joint=True)
    assert out.joint_projects == out.projects > 20
    # each team of three left three ties: (lead, p1), (lead, p2), (p1, p2)
    crews = np.stack([out.tie_a[0::3], out.tie_b[0::3], out.tie_b[1::3]], axis=1)
    team_markup = (0.2 * (1 + quality[crews]) / 2).mean(axis=1)
    expected = np.zeros(n)
    np.add.at(expected, crews.ravel(), np.repeat(4.0 / 3 * (1 + team_markup), 3))
    np.testing.assert_allclose(out.revenue, expected, rtol=1e-12)


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("n", [0, 1, 7])
def test_settle_is_the_array_form(enabled, n):
    g = np.random.default_rng(n)
    t = table(n, quality=g.random(n), capacity=1 + g.random(n), active=g.random(n) < 0.7)
    t.reputation[:] = g.random(n)
    revenue = np.where(g.random(n) < 0.5, g.random(n), 0.0)
    out = MarketOutcome(revenue=revenue, variable_cost=0.5 * revenue)
    spec = Market(enabled=enabled, fixed_cost_per_capacity=0.3, reputation_learning=0.2)
    profit = g.random(n)
    expect_profit, expect_reputation = profit.copy(), t.reputation.copy()
    fixed = np.where(t.active, spec.fixed_cost_per_capacity * t.capacity, 0.0) * enabled
    gross = out.revenue - out.variable_cost
    expect_profit += gross - fixed
    won = np.flatnonzero(out.revenue > 0)
    expect_reputation[won] += 0.2 * (t.quality[won] - expect_reputation[won])
    got = settle(out, t, spec, profit)
    for a, b in zip(got, (gross, fixed, gross - fixed), strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(profit, expect_profit)
    np.testing.assert_array_equal(t.reputation, expect_reputation)

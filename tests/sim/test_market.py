"""The market: projects arrive, bidders compete on score, winners deliver; members can
bid jointly for multi-segment work; procurement preference shifts scores."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.enterprise_table import EnterpriseTable
from sim.market import clear_market, markup
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

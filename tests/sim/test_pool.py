"""The alliance pool against hand-computed cases, and its conservation law: what the
members receive plus the organiser's cut is the pool's yield, in every group
structure, sharing rule and cost scheme."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.network import edges_csr
from sim.pool import PoolInputs, play_pool, synergy
from sim.scenario import Alliance, CostScheme, GroupStructure, Sharing


def inputs(
    member, contributor, capacity=None, segment=None, active=None, platform_gain=0.0, cut=0.0
) -> PoolInputs:
    member = np.asarray(member, dtype=bool)
    n = len(member)
    return PoolInputs(
        member=member,
        contributor=np.asarray(contributor, dtype=bool) & member,
        active=np.ones(n, bool) if active is None else np.asarray(active, bool),
        capacity=np.ones(n) if capacity is None else np.asarray(capacity, float),
        segment=np.zeros(n, np.int64) if segment is None else np.asarray(segment, np.int64),
        platform_gain=platform_gain,
        cut=cut,
    )


def spec(**kw) -> Alliance:
    base = {"complementarity_bonus": 0.0, "min_members": 2}
    return Alliance(**{**base, **kw})


def play(alliance: Alliance, inp: PoolInputs, adjacency=None, seed=0):
    return play_pool(alliance, inp, adjacency, np.random.default_rng(seed), alliance.charter)


# ---------------------------------------------------------------- alliance-wide, by hand
FOUR = {
    "member": [1, 1, 1, 1, 0],
    "contributor": [1, 1, 0, 0, 0],
    "capacity": [1.0, 2.0, 3.0, 4.0, 5.0],
}


@pytest.mark.parametrize(
    ("sharing", "excludable"),
    [
        ("equal", [0.1125, 0.1125, 0.1125, 0.1125, 0.0]),
        ("contribution", [0.15, 0.30, 0.0, 0.0, 0.0]),
        ("capacity", [0.045, 0.09, 0.135, 0.18, 0.0]),
    ],
)
def test_alliance_wide_pool_by_hand(sharing, excludable):
    # contributions 0.1 x capacity = 0.1 and 0.2; yield 3 x 0.3 = 0.9; half of it
    # (0.45) goes equally to the 4 members, half by the sharing rule.
    a = spec(
        synergy=3.0,
        contribution_rate=0.1,
        non_excludable_share=0.5,
        sharing=sharing,
        loner_payoff=0.25,
    )
    out = play(a, inputs(**FOUR))
    np.testing.assert_allclose(out.contribution, [0.1, 0.2, 0, 0, 0], rtol=1e-12)
    np.testing.assert_allclose(
        out.payout, 0.1125 * np.array([1, 1, 1, 1, 0]) + excludable, rtol=1e-12
    )
    assert out.pool_yield == pytest.approx(0.9, rel=1e-12)
    np.testing.assert_array_equal(out.loner, [0, 0, 0, 0, 0.25])  # only the non-member
    assert out.mean_synergy == pytest.approx(3.0)


def test_organiser_cut_comes_off_the_top():
    a = spec(synergy=3.0, contribution_rate=0.1, non_excludable_share=1.0)
    out = play(a, inputs(**FOUR, cut=0.2))
    assert out.cut == pytest.approx(0.18, rel=1e-12)
    np.testing.assert_allclose(out.payout[:4], 0.72 / 4, rtol=1e-12)


def test_too_few_members_run_no_pool_and_get_the_outside_option():
    a = spec(synergy=3.0, min_members=5, loner_payoff=0.3)
    out = play(a, inputs(**FOUR))
    assert out.pool_yield == 0.0 and out.payout.sum() == 0.0 and out.contribution.sum() == 0.0
    np.testing.assert_array_equal(out.loner, 0.3)
    assert not out.in_game.any()
    assert out.mean_synergy == 0.0  # no group runs: no multiplier to report


def test_inactive_slots_get_nothing():
    a = spec(synergy=3.0, loner_payoff=0.3)
    out = play(a, inputs(**FOUR, active=[1, 1, 1, 1, 0]))
    assert out.loner[4] == 0.0


def test_equal_sharing_is_a_social_dilemma():
    # Whatever r below the group size, a contributor nets c less than a free-rider.
    a = spec(synergy=3.0, contribution_rate=0.1, non_excludable_share=0.3, sharing="equal")
    out = play(a, inputs(member=[1] * 6, contributor=[1, 0, 1, 0, 1, 0], capacity=[2.0] * 6))
    net = out.payout - out.contribution
    assert net[1] - net[0] == pytest.approx(0.2, rel=1e-12)


def test_sharing_by_contribution_without_spillover_removes_the_dilemma():
    a = spec(synergy=1.5, contribution_rate=0.1, non_excludable_share=0.0, sharing="contribution")
    out = play(a, inputs(member=[1] * 4, contributor=[1, 0, 1, 0], capacity=[2.0] * 4))
    net = out.payout - out.contribution
    np.testing.assert_allclose(net, [0.1, 0.0, 0.1, 0.0], rtol=1e-12)  # (r - 1) c


def test_fixed_contribution_scheme():
    a = spec(synergy=2.0, cost_scheme="fixed", contribution=1.5)
    out = play(a, inputs(member=[1, 1, 1], contributor=[1, 0, 1], capacity=[1.0, 9.0, 50.0]))
    np.testing.assert_allclose(out.contribution, [1.5, 0.0, 1.5])


# ---------------------------------------------------------------- synergy
def test_synergy_grows_with_complementarity_and_platform():
    a = spec(synergy=2.0, complementarity_bonus=0.5)
    one = np.array([[3.0, 0, 0, 0, 0]])
    two = np.array([[1.0, 1.0, 0, 0, 0]])
    five = np.ones((1, 5))
    assert synergy(a, one, 0.0)[0] == pytest.approx(2.0)
    assert synergy(a, two, 0.0)[0] == pytest.approx(2.0 * (1 + 0.5 * math.log(2) / math.log(5)))
    assert synergy(a, five, 0.0)[0] == pytest.approx(3.0)
    assert synergy(a, five, 0.4)[0] == pytest.approx(3.0 * 1.4)
    assert synergy(a, np.zeros((1, 5)), 0.0)[0] == pytest.approx(2.0)  # empty pool: no NaN
    # complementarity counts however small the group's contributions
    small = np.array([[0.2, 0.2, 0, 0, 0]])
    assert synergy(a, small, 0.0)[0] == pytest.approx(2.0 * (1 + 0.5 * math.log(2) / math.log(5)))


# ---------------------------------------------------------------- neighbourhood, by hand
def ring4() -> sp.csr_array:
    indptr, indices = edges_csr(np.array([[0, 1], [1, 2], [2, 3], [3, 0]]), 4)
    return sp.csr_array((np.ones(len(indices)), indices, indptr), shape=(4, 4))


@pytest.mark.parametrize(
    ("scheme", "paid", "payout"),
    [
        ("fixed", [3.0, 0, 0, 0], [2.0, 4 / 3, 4 / 3, 4 / 3]),
        ("fixed_per_individual", [1.0, 0, 0, 0], [2 / 3, 4 / 9, 4 / 9, 4 / 9]),
    ],
)
def test_neighbourhood_pools_by_hand(scheme, paid, payout):
    # Ring 0-1-2-3-0, all members, only 0 contributes: it plays in the groups hosted by
    # 0, 1 and 3 (each of three members); each such group yields 2 x its contribution,
    # shared equally.
    a = spec(
        synergy=2.0,
        group_structure="neighbourhood",
        cost_scheme=scheme,
        contribution=1.0,
        non_excludable_share=0.0,
        sharing="equal",
    )
    out = play(a, inputs(member=[1] * 4, contributor=[1, 0, 0, 0]), ring4())
    np.testing.assert_allclose(out.contribution, paid, rtol=1e-12)
    np.testing.assert_allclose(out.payout, payout, rtol=1e-12)
    assert out.pool_yield == pytest.approx(sum(payout), rel=1e-12)


@pytest.mark.parametrize(
    ("scheme", "owed"),
    [
        # each member plays in 3 groups on the ring (its own and its two neighbours')
        ("fixed", [3.0, 3.0, 3.0, 0.0]),
        ("fixed_per_individual", [1.0, 1.0, 1.0, 0.0]),
        ("per_capacity", [0.5 * 2 * 3, 0.5 * 1 * 3, 0.5 * 4 * 3, 0.0]),
    ],
)
def test_contribution_owed_counts_every_group_a_member_plays_in(scheme, owed):
    """The fine's base: what each member would have paid in over all its groups, whether
    it contributed or not; nothing for a non-member (firm 3)."""
    a = spec(
        synergy=2.0,
        group_structure="neighbourhood",
        cost_scheme=scheme,
        contribution=1.0,
        contribution_rate=0.5,
    )
    out = play(
        a,
        inputs(member=[1, 1, 1, 0], contributor=[1, 0, 0, 0], capacity=[2.0, 1.0, 4.0, 8.0]),
        full4(),
    )
    np.testing.assert_allclose(out.owed, owed, rtol=1e-12)


def full4() -> sp.csr_array:
    """Members 0, 1, 2 all linked to each other (a triangle), 3 linked to 0."""
    indptr, indices = edges_csr(np.array([[0, 1], [1, 2], [2, 0], [3, 0]]), 4)
    return sp.csr_array((np.ones(len(indices)), indices, indptr), shape=(4, 4))


def test_neighbourhood_non_member_hosts_no_group():
    a = spec(
        synergy=2.0,
        group_structure="neighbourhood",
        cost_scheme="fixed",
        contribution=1.0,
        non_excludable_share=1.0,
        loner_payoff=0.7,
    )
    # 2 is outside: groups hosted by 0 (0,1,3), 1 (1,0), 3 (3,0).
    out = play(a, inputs(member=[1, 1, 0, 1], contributor=[1, 0, 0, 0]), ring4())
    assert out.contribution[0] == 3.0
    assert out.payout[2] == 0.0 and out.loner[2] == 0.7
    np.testing.assert_allclose(out.payout, [2 / 3 + 1 + 1, 2 / 3 + 1, 0.0, 2 / 3 + 1])


# ---------------------------------------------------------------- teams
def test_teams_deal_every_active_firm_into_a_team_of_the_given_size():
    a = spec(
        synergy=2.0,
        group_structure="teams",
        team_size=5,
        cost_scheme="fixed",
        contribution=1.0,
        non_excludable_share=1.0,
    )
    out = play(a, inputs(member=[1] * 10, contributor=[1] * 10))
    # everyone contributes 1 in a team of 5 contributors: gets back 2
    np.testing.assert_allclose(out.payout, 2.0)
    assert out.in_game.all()


def test_teams_with_fewer_active_firms_than_a_team_run_no_pool():
    # Three firms cannot fill a team of five: nobody plays, everyone gets sigma.
    a = spec(synergy=2.0, group_structure="teams", team_size=5, loner_payoff=0.2)
    out = play(a, inputs(member=[1, 1, 1, 1], contributor=[1, 1, 0, 0], active=[1, 1, 1, 0]))
    assert out.pool_yield == 0.0 and out.mean_synergy == 0.0
    np.testing.assert_array_equal(out.loner, [0.2, 0.2, 0.2, 0.0])  # none for the inactive


# ---------------------------------------------------------------- conservation
def random_inputs(seed: int, n: int = 60, cut: float = 0.15) -> PoolInputs:
    g = np.random.default_rng(seed)
    member = g.random(n) < 0.7
    return inputs(
        member=member,
        contributor=g.random(n) < 0.5,
        capacity=1 + g.pareto(1.5, n),
        segment=g.integers(0, 5, n),
        active=member | (g.random(n) < 0.8),
        platform_gain=g.random(),
        cut=cut,
    )


# The 2x2 pairwise game has no pool to share; it is checked in test_reference_games.py.
POOLS = [s for s in GroupStructure if s is not GroupStructure.PAIRWISE]


def random_adjacency(seed: int, n: int = 60) -> sp.csr_array:
    g = np.random.default_rng(seed + 100)
    edges = g.integers(0, n, size=(3 * n, 2))
    indptr, indices = edges_csr(edges, n)
    return sp.csr_array((np.ones(len(indices)), indices, indptr), shape=(n, n))


@pytest.mark.parametrize("structure", POOLS)
@pytest.mark.parametrize("sharing", list(Sharing))
@pytest.mark.parametrize("scheme", list(CostScheme))
@pytest.mark.parametrize("seed", [0, 1])
def test_payouts_plus_cut_equal_the_yield(structure, sharing, scheme, seed):
    a = spec(
        synergy=3.0,
        complementarity_bonus=0.7,
        group_structure=structure,
        sharing=sharing,
        cost_scheme=scheme,
        contribution=0.5,
        contribution_rate=0.1,
        non_excludable_share=0.4,
        team_size=4,
        team_rounds=3,
        min_members=3,
        loner_payoff=0.05,
    )
    inp = random_inputs(seed)
    adjacency = random_adjacency(seed) if structure is GroupStructure.NEIGHBOURHOOD else None
    out = play(a, inp, adjacency, seed)
    assert out.pool_yield > 0  # the case is not empty
    assert out.payout.sum() + out.cut == pytest.approx(out.pool_yield, rel=1e-9)
    assert out.cut == pytest.approx(0.15 * out.pool_yield, rel=1e-12)
    assert (out.payout[~inp.member] == 0).all()
    assert (out.contribution[~inp.contributor] == 0).all()
    assert (out.loner[~inp.active] == 0).all()
    # the outside option goes to active firms outside every running group
    if structure is not GroupStructure.TEAMS:  # teams: it may differ from round to round
        np.testing.assert_array_equal(out.loner != 0, inp.active & ~out.in_game)


# ---------------------------------------------------------------- property-based
@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    n=st.integers(3, 30),  # teams of 3 can be dealt (fewer: see the test above)
    seed=st.integers(0, 2**32 - 1),
    structure=st.sampled_from(POOLS),
    sharing=st.sampled_from(list(Sharing)),
    scheme=st.sampled_from(list(CostScheme)),
    synergy_r=st.floats(0.0, 10.0),
    nu=st.floats(0.0, 1.0),
    cut=st.floats(0.0, 0.5),
    min_members=st.integers(1, 4),
)
def test_conservation_for_any_population(
    n, seed, structure, sharing, scheme, synergy_r, nu, cut, min_members
):
    a = spec(
        synergy=synergy_r,
        group_structure=structure,
        sharing=sharing,
        cost_scheme=scheme,
        non_excludable_share=nu,
        min_members=min_members,
        team_size=3,
        complementarity_bonus=0.5,
    )
    g = np.random.default_rng(seed)
    member = g.random(n) < 0.6
    inp = inputs(
        member=member,
        contributor=g.random(n) < 0.5,
        capacity=1 + g.random(n) * 5,
        segment=g.integers(0, 5, n),
        platform_gain=0.2,
        cut=cut,
    )
    adjacency = None
    if structure is GroupStructure.NEIGHBOURHOOD:
        indptr, indices = edges_csr(g.integers(0, n, size=(2 * n, 2)), n)
        adjacency = sp.csr_array((np.ones(len(indices)), indices, indptr), shape=(n, n))
    out = play(a, inp, adjacency, seed)
    assert out.payout.sum() + out.cut == pytest.approx(out.pool_yield, rel=1e-9, abs=1e-12)
    assert (out.payout >= 0).all() and (out.contribution >= 0).all()
    assert (out.payout[~inp.member] == 0).all()


# ---------------------------------------------------------------- boundaries and totals
def test_exactly_min_members_run_the_alliance_wide_pool():
    # four members, min_members 4: the pool runs (yield 3 x (0.1 + 0.2) = 0.9)
    a = spec(synergy=3.0, contribution_rate=0.1, non_excludable_share=1.0, min_members=4)
    out = play(a, inputs(**FOUR))
    assert out.pool_yield == pytest.approx(0.9, rel=1e-12)
    np.testing.assert_allclose(out.payout, [0.225, 0.225, 0.225, 0.225, 0.0], rtol=1e-12)
    np.testing.assert_array_equal(out.in_game, [True, True, True, True, False])
    assert out.mean_synergy == pytest.approx(3.0)


def test_exactly_min_members_host_a_neighbourhood_group():
    # Ring 0-1-2-3-0 with 2 outside, min_members 3: only 0 hosts a group of three
    # (0, 1, 3); 1 and 3 (groups of two) host none. Each member pays 1 into its one group;
    # the group yields 2 x 3 = 6, shared equally.
    a = spec(
        synergy=2.0,
        group_structure="neighbourhood",
        cost_scheme="fixed",
        contribution=1.0,
        non_excludable_share=1.0,
        min_members=3,
        loner_payoff=0.7,
    )
    out = play(a, inputs(member=[1, 1, 0, 1], contributor=[1, 1, 0, 1]), ring4())
    np.testing.assert_allclose(out.contribution, [1.0, 1.0, 0.0, 1.0], rtol=1e-12)
    np.testing.assert_allclose(out.payout, [2.0, 2.0, 0.0, 2.0], rtol=1e-12)
    assert out.pool_yield == pytest.approx(6.0, rel=1e-12)
    assert out.mean_synergy == pytest.approx(2.0)
    np.testing.assert_array_equal(out.loner, [0, 0, 0.7, 0])


def test_neighbourhood_synergy_is_per_group_and_its_mean_is_reported():
    # Ring, all members and contributors, segments 0, 1, 0, 1: every group of three holds
    # one segment once and the other twice, so each group's multiplier is
    # r (1 + b H) with H the entropy of (1/3, 2/3) over log 5; four groups of 3 MU each.
    b, r = 0.5, 2.0
    h = -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3)) / math.log(5)
    r_g = r * (1 + b * h)
    a = spec(
        synergy=r,
        complementarity_bonus=b,
        group_structure="neighbourhood",
        cost_scheme="fixed_per_individual",
        contribution=3.0,
        non_excludable_share=1.0,
    )
    out = play(a, inputs(member=[1] * 4, contributor=[1] * 4, segment=[0, 1, 0, 1]), ring4())
    # fixed per individual: 3 MU in all, 1 MU per group of the three it plays in
    np.testing.assert_allclose(out.contribution, 3.0, rtol=1e-12)
    assert out.mean_synergy == pytest.approx(r_g, rel=1e-12)
    assert out.pool_yield == pytest.approx(4 * r_g * 3.0, rel=1e-12)
    np.testing.assert_allclose(out.payout, 3 * r_g, rtol=1e-12)  # r_g per group, 3 groups


def test_team_of_exactly_min_members_plays_and_the_firm_dealt_out_is_a_loner():
    # Four active members, teams of three, one round: three play, one is dealt out.
    a = spec(
        synergy=2.0,
        group_structure="teams",
        team_size=3,
        team_rounds=1,
        min_members=3,
        cost_scheme="fixed",
        contribution=1.0,
        non_excludable_share=1.0,
        loner_payoff=0.4,
    )
    out = play(a, inputs(member=[1] * 4, contributor=[1] * 4))
    assert out.in_game.sum() == 3
    np.testing.assert_allclose(out.payout[out.in_game], 2.0, rtol=1e-12)
    np.testing.assert_allclose(out.contribution[out.in_game], 1.0, rtol=1e-12)
    np.testing.assert_array_equal(out.loner, np.where(out.in_game, 0.0, 0.4))
    assert out.pool_yield == pytest.approx(6.0, rel=1e-12)
    # the member in no team owes what one group would take (the base of its fine)
    np.testing.assert_allclose(out.owed, 1.0, rtol=1e-12)


def test_team_synergy_is_averaged_over_rounds():
    # Three members of three segments make one team every round: the mean multiplier is
    # r (1 + b log 3 / log 5) whatever the number of rounds.
    b, r = 0.6, 2.0
    r_g = r * (1 + b * math.log(3) / math.log(5))
    a = spec(
        synergy=r,
        complementarity_bonus=b,
        group_structure="teams",
        team_size=3,
        team_rounds=4,
        cost_scheme="fixed",
        contribution=1.0,
        non_excludable_share=1.0,
    )
    out = play(a, inputs(member=[1] * 3, contributor=[1] * 3, segment=[0, 1, 2]))
    assert out.mean_synergy == pytest.approx(r_g, rel=1e-12)
    assert out.pool_yield == pytest.approx(3 * r_g, rel=1e-12)
    np.testing.assert_allclose(out.payout, r_g, rtol=1e-12)
    np.testing.assert_allclose(out.contribution, 1.0, rtol=1e-12)


def test_team_with_too_few_members_runs_no_pool():
    # Teams of three, but only two members among the three firms (min_members 3).
    a = spec(synergy=2.0, group_structure="teams", team_size=3, min_members=3, loner_payoff=0.4)
    out = play(a, inputs(member=[1, 1, 0], contributor=[1, 1, 0]))
    assert out.pool_yield == 0.0 and out.mean_synergy == 0.0
    assert not out.in_game.any()
    np.testing.assert_array_equal(out.loner, 0.4)


def test_pairwise_game_outside_option_and_who_plays():
    # Ring 0-1-2-3-0; members 0 and 1 (neighbours) play each other; 2 and 3 are outside.
    a = spec(
        group_structure="pairwise",
        loner_payoff=0.3,
        pairwise={
            "reward": 1.0,
            "temptation": 1.5,
            "sucker": -0.5,
            "punishment": 0.1,
            "self_interaction": False,
        },
    )
    out = play(a, inputs(member=[1, 1, 0, 0], contributor=[1, 0, 0, 0]), ring4())
    np.testing.assert_array_equal(out.in_game, [True, True, False, False])
    np.testing.assert_allclose(out.payout, [-0.5, 1.5, 0.0, 0.0])  # S for 0, T for 1
    np.testing.assert_array_equal(out.loner, [0.0, 0.0, 0.3, 0.3])
    assert out.cut == 0.0 and out.pool_yield == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("scheme", "owed"),
    [
        ("per_capacity", [0.1, 0.2, 0.3, 0.4, 0.0]),  # rate x capacity, members only
        ("fixed", [1.5, 1.5, 1.5, 1.5, 0.0]),
        ("fixed_per_individual", [1.5, 1.5, 1.5, 1.5, 0.0]),
    ],
)
def test_contribution_owed_by_every_member_contributor_or_not(scheme, owed):
    a = spec(synergy=3.0, cost_scheme=scheme, contribution=1.5, contribution_rate=0.1)
    out = play(a, inputs(**FOUR))
    np.testing.assert_allclose(out.owed, owed, rtol=1e-12)


def test_neighbourhood_owed_scales_with_the_groups_under_a_fixed_scheme():
    # Ring, all members: each plays in three groups; fixed = 1 MU per group.
    for scheme, owed in (("fixed", 3.0), ("fixed_per_individual", 1.0)):
        a = spec(group_structure="neighbourhood", cost_scheme=scheme, contribution=1.0)
        out = play(a, inputs(member=[1] * 4, contributor=[0] * 4), ring4())
        np.testing.assert_allclose(out.owed, owed, rtol=1e-12)


def test_a_running_pool_without_contributors_pays_zero_not_nan():
    a = spec(synergy=3.0, non_excludable_share=0.5, sharing="contribution")
    out = play(a, inputs(member=[1, 1, 1, 0], contributor=[0, 0, 0, 0]))
    np.testing.assert_array_equal(out.payout, 0.0)
    assert out.in_game[:3].all()


def test_a_neighbourhood_without_a_host_reports_no_multiplier():
    a = spec(synergy=2.0, group_structure="neighbourhood", min_members=4)
    out = play(a, inputs(member=[1, 1, 1, 1], contributor=[1, 1, 1, 1]), ring4())
    assert out.mean_synergy == 0.0 and out.pool_yield == 0.0


def test_a_firm_that_played_in_any_round_is_in_the_game():
    # Four members, teams of three, ten rounds: each is dealt out now and then but
    # plays in some round.
    a = spec(synergy=2.0, group_structure="teams", team_size=3, team_rounds=10)
    out = play(a, inputs(member=[1] * 4, contributor=[1] * 4))
    assert out.in_game.all()


def test_a_team_with_a_single_member_shares_with_it_alone():
    # Teams of two (a member and an outsider), min_members 1: the member pays 1 and
    # gets the whole yield 2 x 1 back.
    a = spec(
        synergy=2.0,
        group_structure="teams",
        team_size=2,
        min_members=1,
        cost_scheme="fixed",
        contribution=1.0,
        non_excludable_share=1.0,
    )
    out = play(a, inputs(member=[1, 0], contributor=[1, 0]))
    np.testing.assert_allclose(out.payout, [2.0, 0.0], rtol=1e-12)
    np.testing.assert_allclose(out.contribution, [1.0, 0.0], rtol=1e-12)


@pytest.mark.parametrize("structure", ["alliance", "teams"])
def test_a_running_group_without_contributions_reports_the_base_multiplier(structure):
    a = spec(synergy=2.0, complementarity_bonus=0.5, group_structure=structure, team_size=3)
    out = play(a, inputs(member=[1] * 3, contributor=[0] * 3, segment=[0, 1, 2]))
    assert out.in_game.all() and out.pool_yield == 0.0
    assert out.mean_synergy == pytest.approx(2.0)

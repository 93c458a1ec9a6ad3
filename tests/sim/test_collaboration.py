"""Collaboration ties from joint projects: undirected, refreshed, expiring, dropped
with firms that leave."""

from __future__ import annotations

import numpy as np

from sim.collaboration import CollaborationTies


def test_ties_are_undirected_and_unique():
    ties = CollaborationTies(memory=5)
    ties.add(np.array([1, 2, 3, 4]), np.array([2, 1, 3, 9]), step=0)
    assert sorted(map(tuple, ties.pairs().tolist())) == [(1, 2), (4, 9)]


def test_ties_expire_unless_refreshed():
    ties = CollaborationTies(memory=3)
    ties.add(np.array([1, 5]), np.array([2, 6]), step=0)
    ties.add(np.array([2]), np.array([1]), step=2)  # refresh 1-2
    ties.expire(3)
    assert ties.pairs().tolist() == [[1, 2]]
    ties.expire(5)
    assert len(ties) == 0


def test_ties_of_exiting_firms_are_dropped():
    ties = CollaborationTies(memory=10)
    ties.add(np.array([1, 2, 3]), np.array([2, 3, 4]), step=0)
    ties.drop_firms(np.array([3]))
    assert ties.pairs().tolist() == [[1, 2]]
    assert set(ties.graph().edges()) == {(1, 2)}


def test_model_keeps_ties_only_between_firms_in_business(make_scenario):
    from sim.model import AllianceModel

    scenario = make_scenario(
        {"market": {"fixed_cost_per_capacity": 1.0}, "population": {"entry_rate": 0.05}},
        enterprises=200,
    )
    model = AllianceModel(scenario, rng=3)
    model.run(10)
    pairs = model.ties.pairs()
    assert len(pairs) > 0
    assert model.dataframe()["collaboration_ties"].iloc[-1] == len(pairs)
    assert model.firms.active[pairs].all()
    # an entrant in a vacated slot does not inherit its predecessor's ties
    born = model.firms.born[pairs]
    assert (model.ties.last_used[:, None] > born).all()
    assert model.dataframe()["exits"].sum() > 0


def test_refresh_is_add_then_expire():
    """The one-pass refresh leaves the ties adding then expiring leaves, step by step
    (random ties among 30 slots, some steps without any, pairs repeated and reversed)."""
    rng = np.random.default_rng(4)
    one_pass, two_passes = CollaborationTies(memory=3), CollaborationTies(memory=3)
    for step in range(40):
        k = int(rng.integers(0, 6)) if step % 5 else 0
        a, b = rng.integers(0, 30, size=k), rng.integers(0, 30, size=k)
        one_pass.refresh(a, b, step)
        two_passes.add(a, b, step)
        two_passes.expire(step)
        assert np.array_equal(one_pass.keys, two_passes.keys)
        assert np.array_equal(one_pass.last_used, two_passes.last_used)
    assert 0 < len(one_pass) < 30 * 29 / 2  # ties both formed and expired


def test_dropping_firms_keeps_the_other_ties_in_order_with_their_last_use():
    """The compiled drop leaves what filtering the pairs by hand leaves (random ties,
    leavers with and without ties, one beyond every slot tied)."""
    rng = np.random.default_rng(8)
    ties = CollaborationTies(memory=50)
    for step in range(6):
        ties.add(rng.integers(0, 40, size=15), rng.integers(0, 40, size=15), step)
    pairs, used = ties.pairs().tolist(), ties.last_used.tolist()
    leavers = np.array([3, 17, 25, 99])
    expected = [(p, u) for p, u in zip(pairs, used, strict=True) if not set(p) & {3, 17, 25, 99}]
    ties.drop_firms(leavers)
    assert list(zip(ties.pairs().tolist(), ties.last_used.tolist(), strict=True)) == expected
    assert 0 < len(expected) < len(pairs)

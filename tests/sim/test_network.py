"""Interaction networks: every kind built from the scenario and seeded from the model,
CSR neighbour sampling, best neighbours, edge lists."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from sim.network import (
    InteractionNetwork,
    WellMixed,
    build_network,
    edges_csr,
    lattice_csr,
    read_edge_list,
)
from sim.scenario import Network, NetworkKind, ScenarioError


def build(n: int = 100, seed: int = 0, **spec) -> InteractionNetwork | WellMixed:
    return build_network(Network(**spec), n, np.ones(n, bool), np.random.default_rng(seed))


def as_graph(net: InteractionNetwork) -> nx.Graph:
    return net.to_networkx()


def test_edges_csr_is_symmetric_sorted_and_without_self_loops():
    indptr, indices = edges_csr(np.array([[0, 1], [1, 0], [2, 2], [3, 1]]), 5)
    assert indptr.tolist() == [0, 1, 3, 3, 4, 4]
    assert indices.tolist() == [1, 0, 3, 1]


@pytest.mark.parametrize(
    ("hood", "periodic", "degrees"),
    [
        ("von_neumann", True, {4}),
        ("moore", True, {8}),
        ("von_neumann", False, {2, 3, 4}),
        ("moore", False, {3, 5, 8}),
    ],
)
def test_lattice_degrees(hood, periodic, degrees):
    from sim.scenario import Neighbourhood

    indptr, indices = lattice_csr(5, Neighbourhood(hood), periodic)
    assert set(np.diff(indptr).tolist()) == degrees
    g = InteractionNetwork(indptr, indices, np.ones(25, bool)).to_networkx()
    if hood == "von_neumann":
        assert g.has_edge(0, 1) and g.has_edge(0, 5) and not g.has_edge(0, 6)
    else:
        assert g.has_edge(0, 6)
    assert g.has_edge(0, 4) == periodic  # wraps around the row


def test_ring_is_regular_with_the_given_degree():
    net = build(kind="ring", degree=4)
    assert (net.degree() == 4).all()
    g = as_graph(net)
    assert g.has_edge(0, 1) and g.has_edge(0, 2) and g.has_edge(0, 99) and not g.has_edge(0, 3)


def test_random_regular_is_regular():
    assert (build(kind="random_regular", degree=5).degree() == 5).all()


def test_small_world_keeps_the_mean_degree():
    net = build(kind="small_world", degree=6, rewire_probability=0.2)
    assert net.degree().mean() == pytest.approx(6.0)


def test_scale_free_has_hubs():
    net = build(n=500, kind="scale_free", degree=4)
    deg = net.degree()
    assert deg.min() >= 2
    assert deg.max() > 5 * np.median(deg)


def test_well_mixed_has_no_graph():
    net = build(kind="well_mixed", degree=4)
    assert isinstance(net, WellMixed) and net.well_mixed


@pytest.mark.parametrize("kind", ["random_regular", "small_world", "scale_free"])
def test_random_networks_follow_the_model_generator(kind):
    a, b, c = build(seed=1, kind=kind), build(seed=1, kind=kind), build(seed=2, kind=kind)
    np.testing.assert_array_equal(a.indices, b.indices)
    assert not np.array_equal(a.indices, c.indices) or not np.array_equal(a.indptr, c.indptr)


def test_networks_are_undirected():
    for kind in ("ring", "random_regular", "small_world", "scale_free", "lattice"):
        net = build(kind=kind, degree=4)
        adj = net.adjacency(100)
        assert (adj != adj.T).nnz == 0, kind


def test_edge_list_file(tmp_path):
    path = tmp_path / "ties.txt"
    path.write_text("# business ties\nacme beta\nbeta gamma  # a comment\n\nacme acme\n")
    net = build_network(
        Network(kind="edge_list", edge_list=path, degree=2),
        5,
        np.ones(5, bool),
        np.random.default_rng(0),
    )
    g = net.to_networkx()
    assert set(map(frozenset, g.edges())) == {frozenset({0, 1}), frozenset({1, 2})}
    assert g.number_of_nodes() == 5  # unnamed firms are isolated


def test_edge_list_errors(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("a b\nc\n")
    with pytest.raises(ScenarioError, match=r"bad\.txt:2: an edge needs two node labels"):
        read_edge_list(bad, 10)
    big = tmp_path / "big.txt"
    big.write_text("a b\nc d\ne f\n")
    with pytest.raises(ScenarioError, match=r"names 6 firms but population\.enterprises is 4"):
        read_edge_list(big, 4)


# ---------------------------------------------------------------- sampling
def path_net(active=None) -> InteractionNetwork:
    # 0 - 1 - 2 - 3, and 4 isolated
    indptr, indices = edges_csr(np.array([[0, 1], [1, 2], [2, 3]]), 5)
    return InteractionNetwork(indptr, indices, np.ones(5, bool) if active is None else active)


def test_sample_one_returns_neighbours_uniformly():
    net = path_net()
    g = np.random.default_rng(0)
    who = np.full(20000, 1)
    picks = net.sample_one(who, g)
    assert set(np.unique(picks)) == {0, 2}
    assert abs((picks == 0).mean() - 0.5) < 4.5 * np.sqrt(0.25 / 20000)
    assert net.sample_one(np.array([4]), g)[0] == -1  # isolated


def test_sample_one_skips_firms_out_of_business():
    active = np.array([True, True, False, True, True])
    net = path_net(active)
    picks = net.sample_one(np.full(2000, 1), np.random.default_rng(1))
    assert (picks[picks >= 0] == 0).all()
    assert (picks >= 0).any()


def test_slots_beyond_the_graph_have_no_neighbours():
    net = path_net()
    big_active = np.ones(8, bool)
    net.bind(big_active)
    assert net.sample_one(np.array([6, 7]), np.random.default_rng(0)).tolist() == [-1, -1]
    assert net.adjacency(8).shape == (8, 8)


def test_best_neighbour_is_the_highest_earning_active_neighbour():
    active = np.array([True, True, True, True, True])
    net = path_net(active)
    payoff = np.array([5.0, 0.0, 3.0, 9.0, 100.0])
    best = net.best_neighbour(np.array([0, 1, 2, 3, 4]), payoff)
    assert best.tolist() == [1, 0, 3, 2, -1]
    active[3] = False
    assert net.best_neighbour(np.array([2]), payoff).tolist() == [1]


def test_best_neighbour_tie_goes_to_the_first_in_adjacency_order():
    net = path_net()
    payoff = np.array([1.0, 0.0, 1.0, 0.0, 0.0])
    assert net.best_neighbour(np.array([1]), payoff).tolist() == [0]


def test_well_mixed_never_samples_oneself():
    active = np.ones(3, bool)
    net = WellMixed(active, sample_size=2)
    g = np.random.default_rng(0)
    who = np.repeat(np.arange(3), 1000)
    picks = net.sample_one(who, g)
    assert (picks != who).all()
    best = net.best_neighbour(who, np.array([0.0, 1.0, 2.0]), g)
    assert (best != who).all()


def test_well_mixed_samples_only_active_firms():
    active = np.array([True, False, True, True])
    net = WellMixed(active, sample_size=3)
    picks = net.sample_one(np.zeros(500, dtype=np.int64), np.random.default_rng(0))
    assert set(np.unique(picks)) == {2, 3}


@pytest.mark.parametrize("kind", list(NetworkKind))
def test_every_kind_builds_through_the_model(make_scenario, tmp_path, kind):
    from sim.model import AllianceModel

    overrides = {"network": {"kind": kind.value, "degree": 4}}
    n = 100
    if kind is NetworkKind.EDGE_LIST:
        path = tmp_path / "edges.txt"
        path.write_text("\n".join(f"{i} {(i + 1) % n}" for i in range(n)))
        overrides["network"]["edge_list"] = str(path)
    model = AllianceModel(make_scenario(overrides, enterprises=n), rng=1)
    frame = model.run(3)
    assert len(frame) == 4


def test_adding_edges_to_csr_equals_rebuilding_it():
    """``add_edges_csr`` (used when entrants extend the network) gives exactly the CSR
    arrays that rebuilding from every edge gives."""
    from sim.network import add_edges_csr

    rng = np.random.default_rng(4)
    old = rng.integers(0, 300, size=(900, 2))
    indptr, indices = edges_csr(old, 300)
    extra = np.stack([rng.integers(0, 360, 200), rng.integers(0, 360, 200)], axis=1)
    extra = np.concatenate([extra, old[:20], [[5, 5]]])  # repeats and a self-loop
    merged = add_edges_csr(indptr, indices, extra, 360)
    rebuilt = edges_csr(np.concatenate([old, extra]), 360)
    np.testing.assert_array_equal(merged[0], rebuilt[0])
    np.testing.assert_array_equal(merged[1], rebuilt[1])

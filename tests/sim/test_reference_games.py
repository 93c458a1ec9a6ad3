"""The reference scenarios: they load, every game parameter is settable with --set, and
the engine pieces they need (pairwise game, Monte Carlo updating, max-difference
normalisation) compute what their equations say."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from agents.action import Action
from agents.decisions import DecisionView, ProportionalImitation
from sim.incentives.payoff_bounds import pair_normaliser, payoff_bounds
from sim.model import AllianceModel
from sim.monte_carlo.elementary import local_payoffs
from sim.network import InteractionNetwork, edges_csr
from sim.pool import PoolInputs, play_pool
from sim.scenario import ScenarioError, load_scenario

REFERENCE = Path(__file__).resolve().parents[2] / "scenarios" / "reference"
SETTABLE = {  # every parameter of the games, by file (issue 4)
    "well_mixed_pgg": [
        "alliance.team_size=4",
        "population.enterprises=400",
        "alliance.contribution=2",
        "alliance.synergy=3.3",
        "administration.subsidy=0.2",
        "alliance.fine=0.6",
        "alliance.monitoring_probability=0.3",
        "decisions.enterprise.intensity=2",
        "decisions.enterprise.exploration=0.01",
    ],
    "network_pgg": [
        "network.kind=random_regular",
        "network.degree=6",
        "network.kind=ring",
        "alliance.cost_scheme=fixed_per_individual",
        "alliance.synergy=4",
        "decisions.enterprise.updating=random_sequential",
    ],
    "lattice_pgg": [
        "population.enterprises=400",
        "alliance.synergy=4",
        "decisions.enterprise.intensity=5",
    ],
    "nowak_may": [
        "alliance.pairwise.temptation=1.9",
        "population.enterprises=400",
        "alliance.pairwise.self_interaction=false",
        "network.neighbourhood=von_neumann",
    ],
    "network_pd": ["alliance.pairwise.temptation=1.3", "network.kind=random_regular"],
    "optional_pgg": ["alliance.loner_payoff=0.5", "alliance.synergy=1.8"],
}
SMALL = {
    "well_mixed_pgg": ["population.enterprises=200"],
    "network_pgg": ["population.enterprises=200"],
    "lattice_pgg": ["population.enterprises=400"],
    "nowak_may": ["population.enterprises=400"],
    "network_pd": ["population.enterprises=200"],
    "optional_pgg": ["population.enterprises=200"],
}


def load(name: str, *sets: str):
    return load_scenario(REFERENCE / f"{name}.yaml", [*SMALL[name], *sets])


def test_every_reference_file_is_covered():
    assert {p.stem for p in REFERENCE.glob("*.yaml")} == set(SETTABLE)


@pytest.mark.parametrize(
    ("name", "setting"), [(n, s) for n, sets in SETTABLE.items() for s in sets]
)
def test_game_parameters_are_settable_and_run(name, setting):
    scenario = load(name, setting)
    key, _, value = setting.partition("=")
    node = scenario
    for part in key.split("."):
        node = getattr(node, part)
    assert str(getattr(node, "value", node)).lower() == value.lower() or float(node) == float(value)
    frame = AllianceModel(scenario, rng=1).run(3)
    assert len(frame) == 4


def _pool_payoff(model: AllianceModel) -> np.ndarray:
    t = model.firms
    inputs = PoolInputs(
        member=t.members(),
        contributor=t.contributors(),
        active=t.active,
        capacity=t.capacity,
        segment=t.segment,
        platform_gain=0.0,
        cut=0.0,
    )
    out = play_pool(
        model.config.alliance,
        inputs,
        model.network.adjacency(len(t)),
        model.streams["pool"],
        model.alliance.charter,
    )
    return out.payout - out.contribution + out.loner


@pytest.mark.parametrize(
    ("name", "sets"),
    [
        ("lattice_pgg", []),
        ("lattice_pgg", ["alliance.cost_scheme=fixed_per_individual"]),
        (
            "network_pgg",
            ["decisions.enterprise.rule=fermi", "decisions.enterprise.updating=monte_carlo"],
        ),
        (
            "nowak_may",
            ["decisions.enterprise.rule=fermi", "decisions.enterprise.updating=monte_carlo"],
        ),
        (
            "network_pd",
            ["decisions.enterprise.rule=fermi", "decisions.enterprise.updating=monte_carlo"],
        ),
    ],
)
def test_local_recomputation_equals_the_vectorised_game(name, sets):
    model = AllianceModel(load(name, *sets), rng=4)
    model.run(2)
    rows = np.arange(len(model.firms))
    np.testing.assert_allclose(local_payoffs(model, rows), _pool_payoff(model), atol=1e-12)


def test_monte_carlo_updating_is_reproducible_and_moves():
    scenario = load("lattice_pgg")
    a = AllianceModel(scenario, rng=9).run(5)
    b = AllianceModel(scenario, rng=9).run(5)
    c = AllianceModel(scenario, rng=10).run(5)
    assert a.equals(b)
    assert not a["contributors"].equals(c["contributors"])
    assert a["contributors"].nunique() > 1


def test_monte_carlo_with_zero_intensity_is_a_coin_flip():
    # Neutral drift: a copy is adopted with probability 1/2 whatever the payoffs, so the
    # contributors' share is a martingale from 0.9 (a single run may drift to 1, as a
    # voter model fixes); over ten seeds its mean stays within three standard errors
    # of 0.9 (selection towards free-riding would pull it far below).
    scenario = load(
        "lattice_pgg",
        "decisions.enterprise.intensity=0",
        "population.initial_contributor_share=0.9",
    )
    shares = []
    for seed in range(3, 13):
        model = AllianceModel(scenario, rng=seed)
        model.run(60)
        shares.append(model.firms.contributors().mean())
    se = np.std(shares, ddof=1) / np.sqrt(len(shares))
    assert abs(np.mean(shares) - 0.9) < 3 * se
    assert min(shares) > 0.2


@pytest.mark.parametrize(
    "settings",
    [
        ["decisions.enterprise.rule=imitate_best"],
        ["market.enabled=true"],
        ["administration.present=true", "administration.subsidy=0.5"],
        ["alliance.fee=0.1"],
        ["alliance.fine=1", "alliance.monitoring_probability=0.5"],
    ],
)
def test_monte_carlo_refuses_payoffs_it_does_not_recompute(settings):
    with pytest.raises(ScenarioError, match="monte_carlo"):
        load("lattice_pgg", *settings)


def test_pairwise_needs_a_network():
    with pytest.raises(ScenarioError, match="pairwise"):
        load("nowak_may", "network.kind=well_mixed")


def test_nowak_may_single_defector_payoffs():
    """One defector among cooperators, Moore neighbourhood with self-interaction:
    the defector earns 8b, a neighbouring cooperator 7 + 1 (self) = 8, a far one 9."""
    model = AllianceModel(
        load(
            "nowak_may",
            "population.initial_contributor_share=1",
            "alliance.pairwise.temptation=1.9",
        ),
        rng=1,
    )
    model.firms.strategy[:] = Action.CONTRIBUTE
    model.firms.strategy[210] = Action.FREE_RIDE
    payoff = _pool_payoff(model)
    assert payoff[210] == pytest.approx(8 * 1.9)
    assert payoff[211] == pytest.approx(8.0)
    assert payoff[0] == pytest.approx(9.0)


def test_imitate_best_keeps_a_tie_and_a_lone_defector_spreads_when_b_is_high():
    model = AllianceModel(load("nowak_may", "alliance.pairwise.temptation=1.9"), rng=1)
    model.firms.strategy[:] = Action.CONTRIBUTE
    model.firms.strategy[210] = Action.FREE_RIDE
    model.step()
    # 8b = 15.2 beats every cooperator within reach: the 3x3 block turns to defection
    assert (model.firms.strategy == Action.FREE_RIDE).sum() == 9
    all_c = AllianceModel(load("nowak_may"), rng=1)
    all_c.firms.strategy[:] = Action.CONTRIBUTE
    all_c.step()
    assert (all_c.firms.strategy == Action.CONTRIBUTE).all()  # ties everywhere: kept


def test_pd_normaliser_is_max_degree_times_temptation():
    model = AllianceModel(load("network_pd", "alliance.pairwise.temptation=1.4"), rng=2)
    bounds = payoff_bounds(model)
    degree = model.network.degree()
    x, y = np.arange(0, 100), np.arange(100, 200)
    m = pair_normaliser(bounds, x, y)
    np.testing.assert_allclose(m, np.maximum(degree[x], degree[y]) * 1.4)


@pytest.mark.parametrize("scheme", ["fixed", "fixed_per_individual"])
def test_pgg_payoffs_lie_within_their_bounds(scheme):
    model = AllianceModel(load("network_pgg", f"alliance.cost_scheme={scheme}"), rng=5)
    hi, lo = payoff_bounds(model)
    rng = np.random.default_rng(0)
    for _ in range(5):
        model.firms.strategy[:] = np.where(
            rng.random(len(model.firms)) < 0.5, Action.CONTRIBUTE, Action.FREE_RIDE
        )
        payoff = _pool_payoff(model)
        assert (payoff <= hi + 1e-9).all() and (payoff >= lo - 1e-9).all()


def test_proportional_imitation_uses_the_pair_normaliser():
    indptr, indices = edges_csr(np.array([[0, 1]]), 2)
    net = InteractionNetwork(indptr, indices, np.ones(2, dtype=bool))
    strategy = np.array([Action.FREE_RIDE, Action.CONTRIBUTE], dtype=np.int8)
    view = DecisionView(
        strategy=strategy,
        payoff=np.array([0.0, 1.0]),
        allowed=np.ones((2, 3), dtype=bool),
        neighbours=net,
        pair_scale=lambda x, y: np.full(len(x), 4.0),
    )
    rule = ProportionalImitation(0.0)
    rng = np.random.default_rng(1)
    copies = np.mean(
        [rule.choose(view, np.array([0]), rng)[0] == Action.CONTRIBUTE for _ in range(4000)]
    )
    assert copies == pytest.approx(0.25, abs=0.03)

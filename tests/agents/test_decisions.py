"""Scripted behaviour tests for every decision rule of ``agents.decisions``.

Each test puts a rule in front of known payoffs, built by hand as a
:class:`DecisionView`, and checks the choice it must make. Stochastic choices are
checked by their frequency over many firms with a fixed seed; the tolerance is
``Z`` binomial standard deviations, so a correct rule fails with probability below
1e-4 for any seed and a wrong probability of the sizes tested here fails for sure.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from agents.action import N_ACTIONS, Action
from agents.decisions import (
    BushMosteller,
    DecisionView,
    FermiImitation,
    ImitateBest,
    LogitBestResponse,
    ProportionalImitation,
    RothErev,
    sample_rows,
    uniform_allowed,
)
from sim.network import InteractionNetwork, edges_csr

OUT, CON, FREE = int(Action.OUTSIDE), int(Action.CONTRIBUTE), int(Action.FREE_RIDE)
Z = 4.5  # standard deviations allowed for a frequency


def assert_frequency(hits: int | np.integer, n: int, p: float) -> None:
    """``hits`` out of ``n`` is compatible with probability ``p`` (binomial, Z sd)."""
    sd = math.sqrt(p * (1 - p) / n)
    got = hits / n
    assert abs(got - p) <= Z * sd + 1e-12, f"frequency {got:.4f}, expected {p:.4f} +- {Z * sd:.4f}"


class ScriptedNeighbours:
    """Neighbours by script: firm ``i`` observes firm ``observed[i]`` (-1: nobody)."""

    def __init__(self, observed: np.ndarray) -> None:
        self.observed = np.asarray(observed, dtype=np.int64)

    def sample_one(self, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        return self.observed[who]

    def best_neighbour(self, who, payoff, rng=None) -> np.ndarray:
        return self.observed[who]


def pairs(
    n: int,
    own: int,
    other: int,
    own_payoff: float = 0.0,
    other_payoff: float = 0.0,
    *,
    allowed: np.ndarray | None = None,
    switch_cost: np.ndarray | None = None,
    cost_scale: np.ndarray | None = None,
    payoff_scale: float | None = None,
    counterfactual=None,
) -> tuple[DecisionView, np.ndarray]:
    """``n`` focal firms (rows 0..n-1) each observing its own partner (row n+i).

    Focal firms play ``own`` and earn ``own_payoff``; partners play ``other`` and earn
    ``other_payoff``. Returns the view and the focal rows."""
    strategy = np.array([own] * n + [other] * n, dtype=np.int8)
    payoff = np.array([own_payoff] * n + [other_payoff] * n, dtype=float)
    observed = np.concatenate([np.arange(n, 2 * n), np.arange(n)])
    if allowed is None:
        allowed = np.ones((2 * n, N_ACTIONS), dtype=bool)
    elif allowed.ndim == 1:
        allowed = np.tile(allowed, (2 * n, 1))
    kwargs = {}
    if switch_cost is not None:
        kwargs["switch_cost"] = switch_cost
    view = DecisionView(
        strategy=strategy,
        payoff=payoff,
        allowed=allowed,
        neighbours=ScriptedNeighbours(observed),
        cost_scale=cost_scale,
        counterfactual=counterfactual,
        payoff_scale=payoff_scale,
        **kwargs,
    )
    return view, np.arange(n)


def constant_utilities(*values: float):
    """A counterfactual giving every firm the same expected payoff per strategy."""
    row = np.array(values, dtype=float)
    return lambda who: np.tile(row, (len(who), 1))


def rng(seed: int = 12345) -> np.random.Generator:
    return np.random.default_rng(seed)


def only(*actions: int) -> np.ndarray:
    mask = np.zeros(N_ACTIONS, dtype=bool)
    mask[list(actions)] = True
    return mask


def join_cost(cost: float) -> np.ndarray:
    """Switching costs: ``cost`` to move from outside into the alliance."""
    m = np.zeros((N_ACTIONS, N_ACTIONS))
    m[OUT, [CON, FREE]] = cost
    return m


# ---------------------------------------------------------------- the helpers
class TestSampling:
    def test_sample_rows_never_picks_zero_weight(self):
        weights = np.tile([0.0, 1.0, 0.0], (2000, 1))
        assert (sample_rows(weights, rng()) == 1).all()

    def test_sample_rows_follows_weights(self):
        n = 20000
        picks = sample_rows(np.tile([1.0, 2.0, 1.0], (n, 1)), rng())
        counts = np.bincount(picks, minlength=3)
        for k, p in enumerate((0.25, 0.5, 0.25)):
            assert_frequency(counts[k], n, p)

    def test_uniform_allowed_respects_each_row(self):
        n = 6000
        allowed = np.zeros((n, 3), dtype=bool)
        allowed[: n // 2, [OUT, FREE]] = True
        allowed[n // 2 :, [CON]] = True
        picks = uniform_allowed(allowed, rng())
        assert allowed[np.arange(n), picks].all()
        assert (picks[n // 2 :] == CON).all()
        assert_frequency((picks[: n // 2] == OUT).sum(), n // 2, 0.5)


# ---------------------------------------------------------------- Fermi imitation
class TestFermiImitation:
    def test_copies_a_much_better_neighbour(self):
        view, who = pairs(500, OUT, CON, own_payoff=0.0, other_payoff=1.0)
        assert (FermiImitation(intensity=50.0).choose(view, who, rng()) == CON).all()

    def test_never_copies_a_much_worse_neighbour(self):
        view, who = pairs(500, OUT, CON, own_payoff=1.0, other_payoff=0.0)
        assert (FermiImitation(intensity=50.0).choose(view, who, rng()) == OUT).all()

    @pytest.mark.parametrize("gain", [1.0, -0.5, 2.0])
    def test_copy_probability_is_the_fermi_function(self, gain):
        n = 20000
        view, who = pairs(n, FREE, CON, own_payoff=0.0, other_payoff=gain)
        chosen = FermiImitation(intensity=1.0).choose(view, who, rng())
        assert_frequency((chosen == CON).sum(), n, 1 / (1 + math.exp(-gain)))

    @pytest.mark.parametrize("gain", [-5.0, 0.0, 5.0])
    def test_intensity_zero_is_a_coin_flip(self, gain):
        n = 20000
        view, who = pairs(n, FREE, CON, own_payoff=0.0, other_payoff=gain)
        chosen = FermiImitation(intensity=0.0).choose(view, who, rng())
        assert set(np.unique(chosen)) <= {CON, FREE}
        assert_frequency((chosen == CON).sum(), n, 0.5)

    def test_exploration_one_is_uniform_over_all_strategies(self):
        n = 30000
        view, who = pairs(n, OUT, CON, own_payoff=0.0, other_payoff=100.0)
        chosen = FermiImitation(intensity=50.0, exploration=1.0).choose(view, who, rng())
        counts = np.bincount(chosen, minlength=3)
        for k in range(3):
            assert_frequency(counts[k], n, 1 / 3)

    def test_exploration_one_is_uniform_over_allowed_strategies(self):
        n = 20000
        view, who = pairs(n, CON, FREE, allowed=only(CON, FREE), other_payoff=100.0)
        chosen = FermiImitation(intensity=50.0, exploration=1.0).choose(view, who, rng())
        assert not (chosen == OUT).any()
        assert_frequency((chosen == CON).sum(), n, 0.5)

    def test_never_chooses_a_disallowed_strategy(self):
        # The partner earns far more by contributing, but contributing is closed.
        view, who = pairs(1000, OUT, CON, other_payoff=100.0, allowed=only(OUT, FREE))
        for mu in (0.0, 0.5, 1.0):
            chosen = FermiImitation(intensity=50.0, exploration=mu).choose(view, who, rng())
            assert not (chosen == CON).any()
        chosen = FermiImitation(intensity=50.0).choose(view, who, rng())
        assert (chosen == OUT).all()  # the blocked copy leaves the firm where it was

    def test_switching_cost_changes_the_decision(self):
        n = 500
        free, who = pairs(n, OUT, CON, other_payoff=1.0)
        costly, _ = pairs(n, OUT, CON, other_payoff=1.0, switch_cost=join_cost(2.0))
        rule = FermiImitation(intensity=50.0)
        assert (rule.choose(free, who, rng()) == CON).all()
        assert (rule.choose(costly, who, rng()) == OUT).all()

    def test_switching_cost_is_scaled_to_payoff_units(self):
        # A cost of 2 MU is 0.5 per capacity unit for a firm of capacity 4: worth paying.
        n = 500
        view, who = pairs(
            n,
            OUT,
            CON,
            other_payoff=1.0,
            switch_cost=join_cost(2.0),
            cost_scale=np.full(2 * n, 0.25),
        )
        assert (FermiImitation(intensity=50.0).choose(view, who, rng()) == CON).all()

    def test_switching_cost_only_applies_to_the_move_it_prices(self):
        # Join cost does not price a move from free-riding to contributing.
        n = 500
        view, who = pairs(n, FREE, CON, other_payoff=1.0, switch_cost=join_cost(100.0))
        assert (FermiImitation(intensity=50.0).choose(view, who, rng()) == CON).all()

    def test_firm_without_neighbour_keeps_its_strategy(self):
        view, _ = pairs(10, FREE, CON, other_payoff=100.0)
        view.neighbours = ScriptedNeighbours(np.full(20, -1))
        chosen = FermiImitation(intensity=0.0).choose(view, np.arange(10), rng())
        assert (chosen == FREE).all()

    def test_same_seed_same_choices_other_seed_differs(self):
        view, who = pairs(2000, FREE, CON)
        rule = FermiImitation(intensity=0.0)
        a = rule.choose(view, who, rng(1))
        b = rule.choose(view, who, rng(1))
        c = rule.choose(view, who, rng(2))
        np.testing.assert_array_equal(a, b)
        assert (a != c).any()

    def test_on_a_real_network_only_neighbours_are_copied(self):
        # A path 0 - 1 - 2; firm 3 is isolated. Only 1 contributes.
        indptr, indices = edges_csr(np.array([[0, 1], [1, 2]]), 4)
        active = np.ones(4, dtype=bool)
        net = InteractionNetwork(indptr, indices, active)
        strategy = np.array([FREE, CON, FREE, FREE], dtype=np.int8)
        payoff = np.array([0.0, 10.0, 0.0, 0.0])
        view = DecisionView(strategy, payoff, np.ones((4, 3), bool), net)
        chosen = FermiImitation(intensity=50.0).choose(view, np.array([0, 2, 3]), rng())
        np.testing.assert_array_equal(chosen, [CON, CON, FREE])


# ---------------------------------------------------------------- imitate the best
class TestImitateBest:
    @pytest.mark.parametrize(
        ("own_pay", "best_pay", "expected"), [(0.0, 1.0, CON), (1.0, 1.0, FREE), (2.0, 1.0, FREE)]
    )
    def test_copies_only_a_strictly_better_best_neighbour(self, own_pay, best_pay, expected):
        view, who = pairs(50, FREE, CON, own_payoff=own_pay, other_payoff=best_pay)
        assert (ImitateBest().choose(view, who, rng()) == expected).all()

    def test_picks_the_best_of_a_real_neighbourhood(self):
        # Star: centre 0, leaves 1..4. Leaves 2 and 4 tie for best; 2 comes first.
        indptr, indices = edges_csr(np.array([[0, 1], [0, 2], [0, 3], [0, 4]]), 5)
        net = InteractionNetwork(indptr, indices, np.ones(5, bool))
        strategy = np.array([OUT, CON, FREE, CON, CON], dtype=np.int8)
        payoff = np.array([0.0, 1.0, 5.0, 3.0, 5.0])
        view = DecisionView(strategy, payoff, np.ones((5, 3), bool), net)
        chosen = ImitateBest().choose(view, np.arange(5), rng())
        # The centre copies leaf 2; each leaf sees only the centre, who earns less: all stay.
        np.testing.assert_array_equal(chosen, [FREE, CON, FREE, CON, CON])

    def test_ignores_neighbours_out_of_business(self):
        indptr, indices = edges_csr(np.array([[0, 1], [0, 2]]), 3)
        active = np.array([True, False, True])
        net = InteractionNetwork(indptr, indices, active)
        strategy = np.array([OUT, CON, FREE], dtype=np.int8)
        payoff = np.array([0.0, 99.0, 1.0])
        view = DecisionView(strategy, payoff, np.ones((3, 3), bool), net)
        assert ImitateBest().choose(view, np.array([0]), rng())[0] == FREE

    def test_switching_cost_changes_the_decision(self):
        view, who = pairs(50, OUT, CON, other_payoff=1.0, switch_cost=join_cost(1.5))
        assert (ImitateBest().choose(view, who, rng()) == OUT).all()
        view, who = pairs(50, OUT, CON, other_payoff=1.0, switch_cost=join_cost(0.5))
        assert (ImitateBest().choose(view, who, rng()) == CON).all()

    def test_never_chooses_a_disallowed_strategy(self):
        view, who = pairs(200, OUT, CON, other_payoff=10.0, allowed=only(OUT, FREE))
        assert (ImitateBest().choose(view, who, rng()) == OUT).all()
        chosen = ImitateBest(exploration=1.0).choose(view, who, rng())
        assert not (chosen == CON).any()

    def test_exploration_one_is_uniform(self):
        n = 30000
        view, who = pairs(n, OUT, CON, other_payoff=10.0)
        counts = np.bincount(ImitateBest(exploration=1.0).choose(view, who, rng()), minlength=3)
        for k in range(3):
            assert_frequency(counts[k], n, 1 / 3)

    def test_deterministic_without_exploration(self):
        view, who = pairs(300, FREE, CON, own_payoff=0.0, other_payoff=0.5)
        view.payoff[::3] = 1.0  # some focal firms earn more than their partner
        a = ImitateBest().choose(view, who, rng(1))
        b = ImitateBest().choose(view, who, rng(99))
        np.testing.assert_array_equal(a, b)


# ---------------------------------------------------------------- proportional imitation
class TestProportionalImitation:
    def test_copies_surely_at_the_largest_possible_gain(self):
        view, who = pairs(500, OUT, CON, other_payoff=2.0, payoff_scale=2.0)
        assert (ProportionalImitation().choose(view, who, rng()) == CON).all()

    @pytest.mark.parametrize("other", [0.0, -1.0])
    def test_never_copies_an_equal_or_worse_neighbour(self, other):
        view, who = pairs(2000, OUT, CON, other_payoff=other, payoff_scale=2.0)
        assert (ProportionalImitation().choose(view, who, rng()) == OUT).all()

    @pytest.mark.parametrize("gain", [0.5, 1.0, 1.5])
    def test_copy_probability_is_gain_over_scale(self, gain):
        n = 20000
        view, who = pairs(n, OUT, CON, other_payoff=gain, payoff_scale=2.0)
        chosen = ProportionalImitation().choose(view, who, rng())
        assert_frequency((chosen == CON).sum(), n, gain / 2.0)

    def test_scale_defaults_to_the_observed_spread(self):
        # Payoffs 0 and 4: spread 4; a gain of 4 is the largest: copied surely.
        view, who = pairs(300, OUT, CON, other_payoff=4.0)
        assert (ProportionalImitation().choose(view, who, rng()) == CON).all()

    def test_switching_cost_changes_the_decision(self):
        n = 20000
        view, who = pairs(
            n, OUT, CON, other_payoff=2.0, payoff_scale=2.0, switch_cost=join_cost(1.0)
        )
        chosen = ProportionalImitation().choose(view, who, rng())
        assert_frequency((chosen == CON).sum(), n, 0.5)

    def test_never_chooses_a_disallowed_strategy(self):
        view, who = pairs(
            500, OUT, CON, other_payoff=2.0, payoff_scale=2.0, allowed=only(OUT, FREE)
        )
        for mu in (0.0, 1.0):
            assert not (ProportionalImitation(mu).choose(view, who, rng()) == CON).any()

    def test_exploration_one_is_uniform(self):
        n = 30000
        view, who = pairs(n, OUT, CON, other_payoff=2.0, payoff_scale=2.0)
        counts = np.bincount(ProportionalImitation(1.0).choose(view, who, rng()), minlength=3)
        for k in range(3):
            assert_frequency(counts[k], n, 1 / 3)


# ---------------------------------------------------------------- logit best response
class TestLogitBestResponse:
    def test_high_intensity_picks_the_best_response(self):
        view, who = pairs(500, OUT, OUT, counterfactual=constant_utilities(0.0, 0.2, 1.0))
        assert (LogitBestResponse(intensity=200.0).choose(view, who, rng()) == FREE).all()

    def test_choice_probabilities_are_logit(self):
        n = 30000
        view, who = pairs(n, OUT, OUT, counterfactual=constant_utilities(0.0, math.log(2), 0.0))
        counts = np.bincount(LogitBestResponse(intensity=1.0).choose(view, who, rng()), minlength=3)
        for k, p in enumerate((0.25, 0.5, 0.25)):
            assert_frequency(counts[k], n, p)

    def test_intensity_zero_is_uniform(self):
        n = 30000
        view, who = pairs(n, OUT, OUT, counterfactual=constant_utilities(0.0, 5.0, -5.0))
        counts = np.bincount(LogitBestResponse(intensity=0.0).choose(view, who, rng()), minlength=3)
        for k in range(3):
            assert_frequency(counts[k], n, 1 / 3)

    def test_intensity_zero_is_a_coin_flip_between_the_allowed_strategies(self):
        # Compulsory membership: contribute or free-ride, each with probability 1/2.
        n = 20000
        view, who = pairs(
            n, CON, CON, allowed=only(CON, FREE), counterfactual=constant_utilities(9.0, 1.0, 0.0)
        )
        chosen = LogitBestResponse(intensity=0.0).choose(view, who, rng())
        assert not (chosen == OUT).any()
        assert_frequency((chosen == FREE).sum(), n, 0.5)

    def test_never_chooses_a_disallowed_strategy(self):
        view, who = pairs(
            1000,
            OUT,
            OUT,
            allowed=only(OUT, CON),
            counterfactual=constant_utilities(0.0, 0.5, 10.0),
        )
        chosen = LogitBestResponse(intensity=200.0).choose(view, who, rng())
        assert (chosen == CON).all()  # the best *allowed* response

    def test_switching_cost_changes_the_decision(self):
        utilities = constant_utilities(0.0, 1.0, 0.0)
        view, who = pairs(500, OUT, OUT, counterfactual=utilities)
        assert (LogitBestResponse(intensity=200.0).choose(view, who, rng()) == CON).all()
        view, who = pairs(500, OUT, OUT, counterfactual=utilities, switch_cost=join_cost(2.0))
        assert (LogitBestResponse(intensity=200.0).choose(view, who, rng()) == OUT).all()

    def test_exploration_one_is_uniform(self):
        n = 30000
        view, who = pairs(n, OUT, OUT, counterfactual=constant_utilities(0.0, 0.0, 10.0))
        counts = np.bincount(LogitBestResponse(200.0, 1.0).choose(view, who, rng()), minlength=3)
        for k in range(3):
            assert_frequency(counts[k], n, 1 / 3)

    def test_needs_counterfactual_payoffs(self):
        view, who = pairs(5, OUT, OUT)
        with pytest.raises(ValueError, match="counterfactual"):
            LogitBestResponse().choose(view, who, rng())


# ---------------------------------------------------------------- Bush-Mosteller
class TestBushMosteller:
    def test_update_follows_the_bush_mosteller_equations(self):
        rule = BushMosteller(learning_rate=0.5, aspiration=1.0)
        rows = np.array([0, 1])
        # stimuli: (3 - 1) / 2 = 1 and (0 - 1) / 2 = -0.5
        rule.observe(np.array([CON, CON]), np.array([3.0, 0.0]), rows)
        np.testing.assert_allclose(rule.state[0], [1 / 6, 2 / 3, 1 / 6], rtol=1e-12)
        np.testing.assert_allclose(rule.state[1], [3 / 8, 1 / 4, 3 / 8], rtol=1e-12)

    def test_probabilities_stay_a_distribution(self):
        rule = BushMosteller(learning_rate=0.7, aspiration=0.3)
        g = rng()
        rows = np.arange(50)
        for _ in range(30):
            rule.observe(g.integers(0, 3, 50), g.normal(size=50), rows)
        np.testing.assert_allclose(rule.state[rows].sum(axis=1), 1.0, rtol=1e-12)
        assert (rule.state[rows] >= 0).all()

    def test_full_reinforcement_makes_the_played_strategy_certain(self):
        n = 500
        view, who = pairs(n, OUT, OUT)
        rule = BushMosteller(learning_rate=1.0, aspiration=0.0)
        rule.observe(np.full(n, FREE), np.ones(n), who)
        np.testing.assert_allclose(rule.state[who], np.tile([0.0, 0.0, 1.0], (n, 1)))
        assert (rule.choose(view, who, rng()) == FREE).all()

    def test_choice_frequency_follows_the_learned_probabilities(self):
        n = 20000
        view, who = pairs(n, OUT, OUT)
        rule = BushMosteller(learning_rate=0.5, aspiration=1.0)
        rule.observe(np.full(n, CON), np.full(n, 3.0), who)  # p(contribute) = 2/3
        counts = np.bincount(rule.choose(view, who, rng()), minlength=3)
        for k, p in enumerate((1 / 6, 2 / 3, 1 / 6)):
            assert_frequency(counts[k], n, p)

    def test_without_learning_the_choice_is_uniform(self):
        n = 30000
        view, who = pairs(n, OUT, OUT)
        rule = BushMosteller(learning_rate=0.0)
        rule.observe(np.full(n, CON), np.full(n, 5.0), who)
        counts = np.bincount(rule.choose(view, who, rng()), minlength=3)
        for k in range(3):
            assert_frequency(counts[k], n, 1 / 3)

    def test_never_chooses_a_disallowed_strategy(self):
        n = 4000
        view, who = pairs(n, CON, CON, allowed=only(CON, FREE))
        rule = BushMosteller(learning_rate=1.0)
        rule.observe(np.full(n, OUT), np.ones(n), who)  # certain of 'outside', now closed
        chosen = rule.choose(view, who, rng())
        assert not (chosen == OUT).any()
        assert_frequency((chosen == CON).sum(), n, 0.5)

    def test_looks_backwards_so_a_switching_cost_does_not_enter_the_choice(self):
        # Reinforcement learners feel switching costs afterwards, through the payoff of
        # the step in which the model charges them (tests/sim/test_model.py); the choice
        # itself depends only on the learned probabilities.
        n = 2000
        view, who = pairs(n, OUT, OUT)
        costly, _ = pairs(n, OUT, OUT, switch_cost=join_cost(100.0))
        a = BushMosteller(0.2).choose(view, who, rng())
        b = BushMosteller(0.2).choose(costly, who, rng())
        np.testing.assert_array_equal(a, b)

    def test_a_cost_felt_after_a_move_makes_it_rarer(self):
        n = 20000
        who = np.arange(n)
        view, _ = pairs(n // 2, OUT, OUT)
        free, costly = BushMosteller(0.5), BushMosteller(0.5)
        free.observe(np.full(n, CON), np.zeros(n), who)
        costly.observe(np.full(n, CON), np.full(n, -1.0), who)  # paid to join
        joined_free = (free.choose(view, who, rng()) == CON).sum()
        joined_costly = (costly.choose(view, who, rng()) == CON).sum()
        assert joined_costly < joined_free - Z * math.sqrt(n * 2 / 9)

    def test_exploration_one_is_uniform_over_allowed_strategies(self):
        n = 20000
        view, who = pairs(n, CON, CON, allowed=only(OUT, CON))
        rule = BushMosteller(learning_rate=1.0, exploration=1.0)
        rule.observe(np.full(n, CON), np.ones(n), who)  # certain of 'contribute'
        chosen = rule.choose(view, who, rng())
        assert not (chosen == FREE).any()
        assert_frequency((chosen == OUT).sum(), n, 0.5)

    def test_reset_forgets(self):
        rule = BushMosteller(learning_rate=1.0)
        rule.observe(np.array([CON]), np.array([1.0]), np.array([3]))
        rule.reset_rows(np.array([3]))
        np.testing.assert_allclose(rule.state[3], 1 / 3)


# ---------------------------------------------------------------- Roth-Erev
class TestRothErev:
    def test_update_follows_the_roth_erev_equations(self):
        rule = RothErev(learning_rate=0.2)
        rule.observe(np.array([CON, FREE]), np.array([3.0, 1.0]), np.array([0, 1]))
        np.testing.assert_allclose(rule.state[0], [0.8, 2.8, 0.8], rtol=1e-12)
        np.testing.assert_allclose(rule.state[1], [0.8, 0.8, 0.8], rtol=1e-12)

    def test_choice_is_proportional_to_propensity(self):
        n = 20000
        view, who = pairs(n, OUT, OUT)
        rule = RothErev(learning_rate=0.0)
        payoff = np.where(np.arange(n) < n // 2, 2.0, 0.0)
        rule.observe(np.full(n, CON), payoff, who)  # rows < n/2: (1, 3, 1)
        chosen = rule.choose(view, who, rng())
        half = n // 2
        assert_frequency((chosen[:half] == CON).sum(), half, 3 / 5)
        assert_frequency((chosen[half:] == CON).sum(), half, 1 / 3)

    def test_never_chooses_a_disallowed_strategy(self):
        n = 2000
        view, who = pairs(n, CON, CON, allowed=only(CON, FREE))
        rule = RothErev(learning_rate=0.1)
        rule.observe(np.full(n, OUT), np.where(np.arange(n) % 2, 100.0, 0.0), who)
        assert not (rule.choose(view, who, rng()) == OUT).any()

    def test_exploration_one_is_uniform(self):
        n = 30000
        view, who = pairs(n, OUT, OUT)
        rule = RothErev(learning_rate=0.1, exploration=1.0)
        rule.observe(np.full(n, CON), np.where(np.arange(n) % 2, 50.0, 0.0), who)
        counts = np.bincount(rule.choose(view, who, rng()), minlength=3)
        for k in range(3):
            assert_frequency(counts[k], n, 1 / 3)

    def test_looks_backwards_so_a_switching_cost_does_not_enter_the_choice(self):
        n = 2000
        view, who = pairs(n, OUT, OUT)
        costly, _ = pairs(n, OUT, OUT, switch_cost=join_cost(100.0))
        a = RothErev(0.2).choose(view, who, rng())
        b = RothErev(0.2).choose(costly, who, rng())
        np.testing.assert_array_equal(a, b)

    def test_reset_restores_initial_propensities(self):
        rule = RothErev(learning_rate=0.5)
        rule.observe(np.array([CON, OUT]), np.array([4.0, 0.0]), np.array([0, 1]))
        rule.reset_rows(np.array([0]))
        np.testing.assert_allclose(rule.state[0], 1.0)
        np.testing.assert_allclose(rule.state[1], 0.5)


def test_exploration_is_applied_once_per_decision():
    # The partner earns less, so imitation keeps every firm outside; with mu = 0.3 a
    # firm explores with probability 0.3 and lands on each of the three strategies with
    # probability 1/3: 0.1 end contributing (0.17 were exploration applied twice).
    n = 30000
    view, who = pairs(n, OUT, CON, own_payoff=1.0, other_payoff=0.0)
    chosen = ImitateBest(exploration=0.3).choose(view, who, rng())
    counts = np.bincount(chosen, minlength=3)
    assert_frequency(counts[CON], n, 0.1)
    assert_frequency(counts[FREE], n, 0.1)
    assert_frequency(counts[OUT], n, 0.8)

"""sim.theory: the reference dynamics against closed forms and limiting cases."""

from __future__ import annotations

import numpy as np
import pytest

from sim.theory import (
    FinitePopulation,
    LinearGame,
    OptionalGame,
    cooperator_trajectory,
    pairwise_rate,
    realised_pairwise_rate,
)


@pytest.mark.parametrize(
    ("r", "s", "p", "f"), [(3.0, 0.0, 0.0, 0.0), (4.0, 0.3, 0.5, 0.4), (2.0, 0.1, 1.0, 1.0)]
)
def test_threshold_is_where_the_payoff_difference_vanishes(r, s, p, f):
    game = LinearGame(r, 5, 1.0, s, p, f)
    assert game.payoff_difference() == pytest.approx(1.0 * (r / 5 - 1) + s + p * f)
    at_threshold = LinearGame(game.threshold(), 5, 1.0, s, p, f)
    assert at_threshold.payoff_difference() == pytest.approx(0.0, abs=1e-12)
    assert (game.payoff_difference() > 0) == (r > game.threshold())


def test_replicator_trajectory_is_the_logistic_curve():
    times = np.linspace(0, 40, 81)
    x = cooperator_trajectory(0.2, times, 0.15)
    logistic = 1.0 / (1.0 + (0.8 / 0.2) * np.exp(-0.15 * times))
    np.testing.assert_allclose(x, logistic, atol=1e-7)


def test_exploration_pulls_towards_one_half():
    times = np.linspace(0, 2000, 3)
    assert cooperator_trajectory(0.9, times, 0.0, mu=0.1)[-1] == pytest.approx(0.5, abs=1e-6)


def test_realised_rate_has_the_sign_of_delta_and_the_weak_selection_limit():
    for r in (3.0, 4.2, 5.5):
        game = LinearGame(r, 5, 1.0, 0.1, 0.3, 0.5)
        delta = game.payoff_difference()
        rate = realised_pairwise_rate(game, 1.0)
        assert np.sign(rate(0.5)) == np.sign(delta)
        weak = realised_pairwise_rate(game, 1e-4)(0.3)
        assert weak == pytest.approx(1e-4 * delta / 2, rel=1e-3)
    assert pairwise_rate(0.4, 2.0) == pytest.approx(np.tanh(0.4))


def test_finite_payoff_difference_is_constant_and_includes_own_share():
    game = LinearGame(4.5, 5, 1.0, 0.12, 0.2, 0.5)
    pop = FinitePopulation(game, 20, 1.0)
    k = np.arange(1, 20)
    pi_c, pi_d = pop.payoffs(k)
    want = 4.5 / 5 * (1 - 4 / 19) - 1 + 0.12 + 0.1
    np.testing.assert_allclose(pi_c - pi_d, want, atol=1e-12)


def test_finite_payoffs_approach_the_infinite_population():
    game = LinearGame(3.5, 5, 1.0)
    pop = FinitePopulation(game, 100_000, 1.0)
    pi_c, pi_d = pop.payoffs(50_000)
    assert (pi_c - pi_d)[0] == pytest.approx(game.payoff_difference(), abs=1e-4)


def test_neutral_fixation_is_one_over_z():
    pop = FinitePopulation(LinearGame(3.0, 5), 30, beta=0.0)
    rho_c, rho_d = pop.fixation()
    assert rho_c == pytest.approx(1 / 30)
    assert rho_d == pytest.approx(1 / 30)
    assert pop.rare_mutation_cooperation() == pytest.approx(0.5)


def test_fixation_ratio_for_a_constant_payoff_difference():
    game = LinearGame(3.0, 5, 1.0, 0.5)
    pop = FinitePopulation(game, 25, beta=0.7)
    pi_c, pi_d = pop.payoffs(10)
    rho_c, rho_d = pop.fixation()
    assert rho_c / rho_d == pytest.approx(np.exp(0.7 * (pi_c - pi_d)[0] * 24), rel=1e-9)


def test_stationary_distribution_satisfies_detailed_balance():
    pop = FinitePopulation(LinearGame(4.0, 5, 1.0, 0.1), 15, 1.0, mu=0.05)
    p = pop.stationary()
    k = np.arange(15)
    up, _ = pop.transitions(k)
    _, down = pop.transitions(k + 1)
    assert p.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(p[:-1] * up, p[1:] * down, rtol=1e-9)


def test_gradient_sign_follows_the_finite_payoff_difference():
    game = LinearGame(4.5, 5, 1.0, 0.12)  # infinite Delta > 0, finite < 0
    assert game.payoff_difference() > 0
    grad = FinitePopulation(game, 20, 1.0).gradient()
    assert (grad[1:-1] < 0).all()
    assert grad[0] == grad[-1] == 0


def test_optional_payoffs_match_the_closed_form():
    game = OptionalGame(3.0, 5, 1.0)
    for freq in ([0.3, 0.3, 0.4], [0.1, 0.6, 0.3], [0.5, 0.2, 0.3]):
        pi = game.payoffs(np.array(freq))
        assert pi[1] - pi[0] == pytest.approx(game.contributor_advantage(freq[2]), abs=1e-12)
        assert pi[2] == 1.0


def test_optional_all_loners_earn_sigma():
    pi = OptionalGame(3.0, 5, 0.7).payoffs(np.array([0.0, 0.0, 1.0]))
    np.testing.assert_allclose(pi, 0.7)


def test_optional_dynamics_stay_on_the_simplex():
    game = OptionalGame(3.0, 5, 1.0)
    freq = np.array([0.2, 0.5, 0.3])
    assert game.replicator(0, freq).sum() == pytest.approx(0.0, abs=1e-12)
    assert game.pairwise(1.0, 0.01)(0, freq).sum() == pytest.approx(0.0, abs=1e-12)
    assert game.realised_pairwise(1.0, 0.01)(0, freq).sum() == pytest.approx(0.0, abs=1e-12)


def test_optional_loners_dominate_below_two_and_cycle_above():
    start = np.array([0.3, 0.3, 0.4])
    low = OptionalGame(1.8, 5, 0.5).time_average(start, 300.0)
    assert np.argmax(low) == 2 and low[2] > 0.9
    high = OptionalGame(3.0, 5, 1.0).time_average(start, 300.0)
    assert (high > 0.15).all()
    _, path = OptionalGame(3.0, 5, 1.0).integrate(start, 300.0)
    assert np.ptp(path[:, 0]) > 0.05  # it oscillates, it does not settle at a corner

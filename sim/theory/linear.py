"""The well-mixed linear public goods game with incentives, infinite population
(reference dynamics for the verification suite, :mod:`sim.theory`).

Groups of N, cost c, multiplier r, subsidy s per contributor, fine f on a free-rider
detected with probability p. With a fraction x of contributors a contributor's
co-players include on average (N-1)x contributors, so

    pi_C = r c (1 + (N-1) x) / N - c + s,     pi_D = r c (N-1) x / N - p f,

and the payoff difference does not depend on x:

    Delta = pi_C - pi_D = c (r/N - 1) + s + p f.

Replicator dynamics: x' = x (1 - x) Delta. Cooperation takes over exactly when Delta > 0,
i.e. r > r* = N (1 - (s + p f) / c). The pairwise-comparison (Fermi) imitation used by
the model has the mean field x' = x (1 - x) tanh(beta Delta / 2) (Traulsen, Claussen &
Hauert, PRL 95, 238701, 2005): the same fixed points and threshold, another time scale
(``pairwise_rate``). The model's firms imitate *realised* payoffs (one random group per
step, random detection); averaging the Fermi function over that noise gives the exact
mean field ``realised_pairwise_rate``, which tends to (beta/2) Delta for weak selection.
Exploration mu multiplies the selection term by (1 - mu) and adds mu (1/2 - x) under
the ``redraw`` convention (a uniformly random strategy, possibly the same), 2 mu (1/2 - x)
under ``switch`` (the other strategy; ``sim.scenario.ExplorationMode``): with S
strategies an explorer moves to each other one with probability m = mu/S (redraw) or
mu/(S-1) (switch), ``mutation_to_each_other``.

*A flat fee F* paid by every member lowers pi_C and pi_D alike: Delta and r* are
unchanged. It matters only against an outside option: in the optional game a member
compares pi - F with the loner's sigma, i.e. the fee acts as sigma -> sigma + F.

*Pooled fines.* If the fines are pooled and returned equally to every member, each
member receives p f (1 - x) whatever its strategy: Delta and r* are unchanged, the
fines are a transfer and mean payoff rises by p f (1 - x) over burnt fines. If they
are returned equally within the offender's group of N, a free-rider gets back its
own share p f / N, so Delta = c (r/N - 1) + s + p f (1 - 1/N) and
r* = N (1 - (s + p f (1 - 1/N)) / c). If they go to contributors only, each contributor
gets p f (1 - x) / x on top: Delta = c (r/N - 1) + s + p f / x, which now depends on x.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp
from scipy.stats import binom

from sim.scenario import ExplorationMode


@dataclass(frozen=True)
class LinearGame:
    """The well-mixed linear public goods game with incentives (all in MU per step)."""

    r: float
    group_size: int
    cost: float = 1.0
    subsidy: float = 0.0
    detection: float = 0.0
    fine: float = 0.0

    @property
    def incentive(self) -> float:
        """s + p f: the selective incentive per step for contributing."""
        return self.subsidy + self.detection * self.fine

    def payoff_difference(self) -> float:
        """Delta = c (r/N - 1) + s + p f (infinite population)."""
        return self.cost * (self.r / self.group_size - 1.0) + self.incentive

    def threshold(self) -> float:
        """r* = N (1 - (s + p f) / c): cooperation takes over exactly when r > r*."""
        return self.group_size * (1.0 - self.incentive / self.cost)


def mutation_to_each_other(mu: float, strategies: int, mode: ExplorationMode) -> float:
    """Probability per revision of exploring into one given other strategy: mu / S under
    ``redraw`` (the draw may return the current strategy), mu / (S - 1) under ``switch``."""
    return mu / strategies if mode is ExplorationMode.REDRAW else mu / (strategies - 1)


def pairwise_rate(delta: float, beta: float) -> float:
    """Mean-field speed of Fermi imitation with deterministic payoffs: tanh(beta Delta / 2)."""
    return float(np.tanh(beta * delta / 2.0))


def realised_pairwise_rate(game: LinearGame, beta: float) -> Callable[[float], float]:
    """g(x) = E[tanh(beta (pi_C - pi_D) / 2)] over *realised* payoffs: the imitator and its
    model each play one group whose co-players are Binomial(N-1, x) contributors, and a
    free-rider is fined with probability p. This is the exact mean field of the model's
    Fermi imitation of one step's payoffs; as beta -> 0 it tends to (beta/2) Delta, and it
    has the sign of Delta whenever the payoff noise is symmetric."""
    n, r, c = game.group_size, game.r, game.cost
    j = np.arange(n)
    pi_c = r * c * (j + 1) / n - c + game.subsidy
    pi_d = r * c * j / n
    diff = pi_c[:, None] - pi_d[None, :]
    caught = np.tanh(beta * (diff + game.fine) / 2.0)
    free = np.tanh(beta * diff / 2.0)
    expected = game.detection * caught + (1.0 - game.detection) * free

    def rate(x: float) -> float:
        w = binom.pmf(j, n - 1, min(max(x, 0.0), 1.0))
        return float(w @ expected @ w)

    return rate


def cooperator_trajectory(
    x0: float, times: np.ndarray, rate: float | Callable[[float], float], mu: float = 0.0
) -> np.ndarray:
    """x(t) of x' = (1-mu) x (1-x) g(x) + mu (1/2 - x), integrated with scipy's solve_ivp.
    ``rate`` g is Delta (replicator), ``pairwise_rate`` or ``realised_pairwise_rate``."""
    g = rate if callable(rate) else (lambda _x: rate)

    def rhs(_t: float, x: np.ndarray) -> np.ndarray:
        return (1.0 - mu) * x * (1.0 - x) * g(float(x[0])) + mu * (0.5 - x)

    sol = solve_ivp(
        rhs, (float(times[0]), float(times[-1])), [x0], t_eval=times, rtol=1e-9, atol=1e-12
    )
    return sol.y[0]

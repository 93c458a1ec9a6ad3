"""Reference (mean-field and finite-population) dynamics for the verification suite.

Everything here is exact theory for the reference scenarios of ``scenarios/reference``;
the agent-based model is checked against it by ``sim.validation``.

1. Well-mixed linear public goods game with incentives (infinite population)
---------------------------------------------------------------------------
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

2. Finite population (Z players, hypergeometric groups, pairwise comparison)
----------------------------------------------------------------------------
With k contributors, a focal contributor's N-1 co-players contain j contributors with
the hypergeometric probability H(j; Z-1, k-1, N-1) (H(j; Z-1, k, N-1) for a free-rider),

    pi_C(k) = sum_j H(j; Z-1, k-1, N-1) r c (j + 1) / N - c + s,
    pi_D(k) = sum_j H(j; Z-1, k, N-1) r c j / N - p f.

One elementary update: a random player copies a random other with the Fermi
probability F(d) = 1 / (1 + exp(-beta d)), or instead, with probability mu, explores
and moves to the other strategy with probability m (m = mu/2 under ``redraw``, the
project's default; m = mu under ``switch``, the convention of Traulsen, Nowak & Pacheco
2006 and of egttools' ``StochDynamics``):

    T+(k) = (Z-k)/Z [(1-mu) k/(Z-1) F(pi_C - pi_D) + m],
    T-(k) = k/Z [(1-mu) (Z-k)/(Z-1) F(pi_D - pi_C) + m].

Gradient of selection G(k) = T+(k) - T-(k) (Pacheco, Santos, Souza & Skyrms, Proc. R.
Soc. B 276, 315, 2009). Fixation probability of one contributor among free-riders

    rho_{D->C} = 1 / (1 + sum_{i=1}^{Z-1} prod_{j=1}^{i} T-(j) / T+(j))     (mu = 0)

(Nowak, Sasaki, Taylor & Fudenberg, Nature 428, 646, 2004; Traulsen et al. 2006), and
in the limit of rare exploration the population sits in all-C a fraction
rho_{D->C} / (rho_{D->C} + rho_{C->D}) of the time (Fudenberg & Imhof, J. Econ.
Theory 131, 251, 2006). For finite mu the birth-death chain has the stationary
distribution P(k) proportional to prod_{j=1}^{k} T+(j-1) / T-(j).

3. Optional public goods game (Hauert, De Monte, Hofbauer & Sigmund, Science 296,
1129, 2002; J. Theor. Biol. 218, 187, 2002)
-------------------------------------------
Contributors x, free-riders y, loners z. Groups of N are sampled; the S participants
(non-loners) play the linear game; a participant alone in its group (S = 1) gets the
loner's sigma. Expected payoffs are computed by summing over the multinomial group
compositions (no closed form needed); the replicator equation is
x_i' = x_i (pi_i - mean pi), the pairwise-comparison mean field
x_i' = x_i sum_j x_j tanh(beta (pi_i - pi_j) / 2). For r < 2 the loners dominate (the
orbits approach the loner corner); for r > 2 an interior fixed point Q is surrounded by
closed orbits (rock-scissors-paper cycles) whose time averages equal Q.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from math import comb

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve
from scipy.stats import binom, hypergeom

from sim.scenario import ExplorationMode

# ----------------------------------------------------------------- 1. infinite, linear


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


# ----------------------------------------------------------------- 2. finite population


@dataclass(frozen=True)
class FinitePopulation:
    """The linear game among Z players with pairwise-comparison updating."""

    game: LinearGame
    size: int
    beta: float
    mu: float = 0.0
    exploration: ExplorationMode = ExplorationMode.REDRAW

    def payoffs(self, k: np.ndarray | int) -> tuple[np.ndarray, np.ndarray]:
        """Expected (pi_C(k), pi_D(k)) with hypergeometric co-players."""
        g, z, n = self.game, self.size, self.game.group_size
        k = np.atleast_1d(np.asarray(k))
        j = np.arange(n)[None, :]
        h_c = hypergeom.pmf(j, z - 1, np.maximum(k[:, None] - 1, 0), n - 1)
        h_d = hypergeom.pmf(j, z - 1, np.minimum(k[:, None], z - 1), n - 1)
        pi_c = (h_c * g.r * g.cost * (j + 1) / n).sum(axis=1) - g.cost + g.subsidy
        pi_d = (h_d * g.r * g.cost * j / n).sum(axis=1) - g.detection * g.fine
        return pi_c, pi_d

    def transitions(self, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """T+(k), T-(k) per elementary update."""
        z = self.size
        pi_c, pi_d = self.payoffs(k)
        fermi = 1.0 / (1.0 + np.exp(-self.beta * (pi_c - pi_d)))
        sel, m = 1.0 - self.mu, mutation_to_each_other(self.mu, 2, self.exploration)
        up = (z - k) / z * (sel * k / (z - 1) * fermi + m)
        down = k / z * (sel * (z - k) / (z - 1) * (1.0 - fermi) + m)
        return up, down

    def gradient(self, k: np.ndarray | None = None) -> np.ndarray:
        """G(k) = T+(k) - T-(k) (k = 0..Z by default)."""
        k = np.arange(self.size + 1) if k is None else np.asarray(k)
        up, down = self.transitions(k)
        return up - down

    def step_matrix(self) -> np.ndarray:
        """Transition matrix of one elementary update over k = 0..Z (rows: from)."""
        k = np.arange(self.size + 1)
        up, down = self.transitions(k)
        matrix = np.diag(1.0 - up - down)
        matrix += np.diag(up[:-1], 1) + np.diag(down[1:], -1)
        return matrix

    def sweep_drift(self, k: np.ndarray) -> np.ndarray:
        """E[k' - k] after one Monte Carlo step (Z elementary updates) from each k: the
        gradient of selection integrated over the step, as the model is observed."""
        after = np.linalg.matrix_power(self.step_matrix(), self.size) @ np.arange(self.size + 1)
        k = np.asarray(k)
        return after[k] - k

    def fixation(self) -> tuple[float, float]:
        """(rho_{D->C}, rho_{C->D}) without exploration."""
        z = self.size
        no_mu = FinitePopulation(self.game, z, self.beta, 0.0)
        k = np.arange(1, z)
        up, down = no_mu.transitions(k)
        log_ratio = np.cumsum(np.log(down) - np.log(up))
        rho_c = 1.0 / (1.0 + np.exp(log_ratio).sum())
        log_ratio_d = np.cumsum((np.log(up) - np.log(down))[::-1])
        rho_d = 1.0 / (1.0 + np.exp(log_ratio_d).sum())
        return float(rho_c), float(rho_d)

    def rare_mutation_cooperation(self) -> float:
        """Share of time in all-C as exploration vanishes."""
        rho_c, rho_d = self.fixation()
        return rho_c / (rho_c + rho_d)

    def stationary(self) -> np.ndarray:
        """P(k), k = 0..Z, of the birth-death chain with exploration mu > 0."""
        z = self.size
        k = np.arange(1, z + 1)
        up, _ = self.transitions(k - 1)
        _, down = self.transitions(k)
        log_p = np.concatenate([[0.0], np.cumsum(np.log(up) - np.log(down))])
        p = np.exp(log_p - log_p.max())
        return p / p.sum()

    def stationary_cooperation(self) -> float:
        """Mean cooperator share k/Z under the stationary distribution."""
        p = self.stationary()
        return float((p * np.arange(self.size + 1)).sum() / self.size)


# ----------------------------------------------------------------- 3. optional game


@dataclass(frozen=True)
class OptionalGame:
    """Contributors, free-riders and loners (Hauert et al. 2002)."""

    r: float
    group_size: int
    sigma: float
    cost: float = 1.0

    def payoffs(self, freq: np.ndarray) -> np.ndarray:
        """Expected payoffs (pi_C, pi_D, pi_L) at frequencies (x, y, z)."""
        x, y, z = (float(v) for v in freq)
        pi = np.zeros(3)
        pi[2] = self.sigma
        for n_c, n_d, prob in _compositions(self.group_size - 1, x, y, z):
            s = 1 + n_c + n_d
            if s == 1:
                pi[0] += prob * self.sigma
                pi[1] += prob * self.sigma
                continue
            pi[0] += prob * (self.r * self.cost * (n_c + 1) / s - self.cost)
            pi[1] += prob * (self.r * self.cost * n_c / s)
        return pi

    def payoff_distribution(self, freq: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Realised payoffs of one group: ``values[i, a]`` of strategy i (C, D, L) when its
        co-players have composition a, with probability ``prob[a]``."""
        x, y, z = (float(v) for v in freq)
        rows = list(_compositions(self.group_size - 1, x, y, z))
        prob = np.array([p for _, _, p in rows])
        n_c = np.array([a for a, _, _ in rows], dtype=float)
        s = 1.0 + n_c + np.array([b for _, b, _ in rows], dtype=float)
        alone = s == 1.0
        share = self.r * self.cost / s
        values = np.vstack(
            [
                np.where(alone, self.sigma, share * (n_c + 1) - self.cost),
                np.where(alone, self.sigma, share * n_c),
                np.full(len(rows), self.sigma),
            ]
        )
        return values, prob

    def realised_pairwise(self, beta: float, mu: float = 0.0):
        """Fermi-imitation mean field over *realised* payoffs (one random group each for
        imitator and model), as the model's firms imitate: x_i' = (1-mu) x_i sum_j x_j
        E[tanh(beta (pi_i - pi_j) / 2)] + mu (1/3 - x_i)."""

        def rhs(_t: float, freq: np.ndarray) -> np.ndarray:
            values, prob = self.payoff_distribution(freq)
            diff = values[:, None, :, None] - values[None, :, None, :]
            push = (np.tanh(beta * diff / 2.0) * prob[:, None] * prob[None, :]).sum(axis=(2, 3))
            return (1.0 - mu) * freq * (push @ freq) + mu * (1.0 / 3.0 - freq)

        return rhs

    def replicator(self, _t: float, freq: np.ndarray) -> np.ndarray:
        """x_i' = x_i (pi_i - mean pi)."""
        pi = self.payoffs(freq)
        return freq * (pi - freq @ pi)

    def pairwise(self, beta: float, mu: float = 0.0):
        """Right-hand side of the Fermi-imitation mean field with exploration mu."""

        def rhs(_t: float, freq: np.ndarray) -> np.ndarray:
            pi = self.payoffs(freq)
            flow = freq * (np.tanh(beta * (pi[:, None] - pi[None, :]) / 2.0) @ freq)
            return (1.0 - mu) * flow + mu * (1.0 / 3.0 - freq)

        return rhs

    def integrate(
        self,
        freq0: np.ndarray,
        t_end: float,
        beta: float | None = None,
        mu: float = 0.0,
        points: int = 2001,
        realised: bool = False,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(times, frequencies) of the replicator (``beta`` None) or the Fermi mean field
        (over expected payoffs, or over realised ones with ``realised``)."""
        if beta is None:
            rhs = self.replicator
        else:
            rhs = self.realised_pairwise(beta, mu) if realised else self.pairwise(beta, mu)
        times = np.linspace(0.0, t_end, points)
        sol = solve_ivp(
            rhs,
            (0.0, t_end),
            np.asarray(freq0, float),
            t_eval=times,
            rtol=1e-8,
            atol=1e-10,
            method="LSODA",
        )
        return sol.t, sol.y.T

    def time_average(
        self,
        freq0: np.ndarray,
        t_end: float,
        beta: float | None = None,
        mu: float = 0.0,
        realised: bool = False,
    ) -> np.ndarray:
        """Time-averaged frequencies (x, y, z) over [0, t_end]."""
        times, freq = self.integrate(freq0, t_end, beta, mu, realised=realised)
        return np.trapezoid(freq, times, axis=0) / (times[-1] - times[0])

    def synchronous_map_average(
        self, freq0: np.ndarray, steps: int, beta: float, mu: float = 0.0
    ) -> np.ndarray:
        """Time average of the discrete map f(t+1) = f(t) + F(f(t)), F the realised-payoff
        Fermi mean field: the expected path of *synchronous* updating, one step at a
        time (an Euler step of the ODE, which spirals outward around a centre)."""
        rhs = self.realised_pairwise(beta, mu)
        freq = np.asarray(freq0, float)
        total = freq.copy()
        for _ in range(steps):
            freq = np.clip(freq + rhs(0.0, freq), 0.0, 1.0)
            freq /= freq.sum()
            total += freq
        return total / (steps + 1)

    def interior_rest_point(self) -> np.ndarray:
        """Q = (x, y, z) where pi_C = pi_D = pi_L = sigma (exists for 2 < r < N). The
        replicator's orbits around Q are closed and their time averages equal Q, so the
        time-averaged mean payoff equals sigma (Hauert et al. 2002; Hofbauer & Sigmund,
        *Evolutionary Games and Population Dynamics*, 1998, ch. 7)."""

        def gaps(v: np.ndarray) -> np.ndarray:
            freq = np.array([v[0], v[1], 1.0 - v[0] - v[1]])
            pi = self.payoffs(freq)
            return pi[:2] - pi[2]

        x, y = fsolve(gaps, [1.0 / 3.0, 1.0 / 3.0], xtol=1e-12)
        return np.array([x, y, 1.0 - x - y])

    def contributor_advantage(self, z: float) -> float:
        """F(z) = pi_D - pi_C at loner share z (closed form, c = 1 units):
        F(z) = c [1 + (r - 1) z^(N-1) - (r/N) (1 - z^N) / (1 - z)]."""
        n, r = self.group_size, self.r
        tail = n if z == 1.0 else (1.0 - z**n) / (1.0 - z)
        return self.cost * (1.0 + (r - 1.0) * z ** (n - 1) - r / n * tail)


def _compositions(m: int, x: float, y: float, z: float):
    """(n_C, n_D, probability) of the m co-players' strategies (multinomial)."""
    for n_c in range(m + 1):
        for n_d in range(m - n_c + 1):
            n_l = m - n_c - n_d
            yield n_c, n_d, _multinomial(m, n_c, n_d) * x**n_c * y**n_d * z**n_l


@cache
def _multinomial(m: int, a: int, b: int) -> int:
    return comb(m, a) * comb(m - a, b)

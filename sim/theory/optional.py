"""The optional public goods game (Hauert, De Monte, Hofbauer & Sigmund, Science 296,
1129, 2002; J. Theor. Biol. 218, 187, 2002): reference dynamics for the verification
suite (:mod:`sim.theory`).

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

from dataclasses import dataclass
from functools import cache
from math import comb

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve


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

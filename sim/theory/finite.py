"""A finite population: Z players, hypergeometric groups, pairwise comparison
(reference dynamics for the verification suite, :mod:`sim.theory`).

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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import hypergeom

from sim.scenario import ExplorationMode
from sim.theory.linear import LinearGame, mutation_to_each_other


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

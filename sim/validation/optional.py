"""Reference game 5: the optional public goods game (Hauert, De Monte, Hofbauer &
Sigmund, Science 296, 2002).

The replicator dynamics of contributors (C), free-riders (D) and loners (L) has two
regimes, and each is checked against the invariant the paper states:

* r > 2: closed orbits around the interior rest point Q, where every strategy earns
  the loner's sigma. Along any orbit the time averages of the three shares equal Q
  and the time-averaged mean payoff equals sigma (``OptionalGame.interior_rest_point``).
* r < 2: the loners take over; with exploration mu the population stays near the
  loner corner at the mutation-selection balance of the process's mean field
  (Fermi imitation of realised payoffs, ``OptionalGame.realised_pairwise``).

The reference scenario lets each firm revise with probability 0.2 per step
(``update_probability``): the synchronous step is then a short Euler step of the
mean field. With every firm revising every step the map spirals outwards (its
expected path is ``OptionalGame.synchronous_map_average``), the population hits the
edge of the simplex and the time averages are no longer the replicator's.

Statistics: K independent runs (seeds from the root ``SeedSequence``), each averaged
over its last three quarters (the first quarter, about one cycle at r = 3, is a
burn-in); the standard error is the spread of the K run averages over
sqrt(K) (independent runs, so no autocorrelation correction is needed). Tolerance:
|measured - theory| <= t se for every quantity, t the Student-t quantile with K - 1
degrees of freedom that matches three normal standard errors (two-sided 0.27% chance of
a false failure per quantity when the process is right; 4.53 for K = 8, 3.85 for 12).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import t as student

from sim.theory import OptionalGame
from sim.validation.check import CheckResult, Settings
from sim.validation.runs import parallel_map, reference, run, seeds

SOURCE = "Hauert, De Monte, Hofbauer & Sigmund, Science 296 (2002)"
N, SIGMA, BETA, MU, REVISION = 5, 1.0, 0.5, 0.001, 0.2
COVERAGE = 0.99865  # one-sided: three normal standard errors
NAMES = ("C", "D", "L")
SHARES = ["contributor_share", "free_rider_share", "loner_share"]


@dataclass(frozen=True)
class Replicates:
    """Window averages of K runs: shares (K x 3) and mean payoff (K)."""

    shares: np.ndarray
    payoff: np.ndarray
    path: np.ndarray  # the first run's shares, step by step (for the figure)
    swing: float  # the first run's loner swing (max - min) over its window

    def mean_se(self) -> tuple[np.ndarray, np.ndarray, float, float]:
        k = len(self.payoff)
        se = self.shares.std(axis=0, ddof=1) / np.sqrt(k)
        p_se = float(self.payoff.std(ddof=1) / np.sqrt(k))
        return self.shares.mean(axis=0), se, float(self.payoff.mean()), p_se

    def factor(self) -> float:
        """Standard errors allowed: Student t at three-sigma coverage, K - 1 d.o.f."""
        return float(student.ppf(COVERAGE, len(self.payoff) - 1))

    def tolerance(self) -> str:
        k = len(self.payoff)
        return f"each <= {self.factor():.2f} se (Student t, {k - 1} dof, 3-sigma coverage)"


def check_optional(settings: Settings) -> list[CheckResult]:
    return [_cycles(settings, 3.0), _loners(settings, 1.8)]


def _cycles(settings: Settings, r: float) -> CheckResult:
    reps = _replicates(settings, r, settings.pick(1600, 4000))
    shares, se, payoff, p_se = reps.mean_se()
    game = OptionalGame(r, N, SIGMA)
    q = game.interior_rest_point()
    mean_field = _window_average(game, reps.path[0], len(reps.path))
    k = reps.factor()
    ok = bool((np.abs(shares - q) <= k * se).all() and abs(payoff - SIGMA) <= k * p_se)
    return CheckResult(
        check=f"G5 optional PGG r={r:g}: time averages (C, D, L) and mean payoff "
        f"({len(reps.payoff)} runs)",
        source=SOURCE,
        measured=f"{_triple(shares)} se {_triple(se, 3)}; payoff {payoff:.4f} (se "
        f"{p_se:.4f}); L swings {reps.swing:.2f}",
        expected=f"Q = {_triple(q)}; payoff sigma = {SIGMA:g} (mean field of the process "
        f"{_triple(mean_field)})",
        tolerance=reps.tolerance(),
        passed=ok,
        figure=_figure(game, reps, r),
    )


def _loners(settings: Settings, r: float) -> CheckResult:
    reps = _replicates(settings, r, settings.pick(600, 1600))
    shares, se, _, _ = reps.mean_se()
    game = OptionalGame(r, N, SIGMA)
    mean_field = _window_average(game, reps.path[0], len(reps.path))
    close = np.abs(shares - mean_field) <= reps.factor() * se
    ok = int(np.argmax(shares)) == 2 and bool(close.all())
    return CheckResult(
        check=f"G5 optional PGG r={r:g}: loners take over ({len(reps.payoff)} runs)",
        source=SOURCE,
        measured=f"{_triple(shares)} se {_triple(se, 3)}, dominant {NAMES[int(np.argmax(shares))]}",
        expected=f"{_triple(mean_field)}: mean field with mu={MU:g} (replicator: L -> 1)",
        tolerance="L dominant, " + reps.tolerance(),
        passed=ok,
        figure=_figure(game, reps, r),
    )


def _replicates(settings: Settings, r: float, steps: int) -> Replicates:
    scenario = reference(
        "optional_pgg",
        population__enterprises=settings.pick(5000, 10000),
        alliance__synergy=r,
        alliance__team_size=N,
        alliance__loner_payoff=SIGMA,
        decisions__enterprise__intensity=BETA,
        decisions__enterprise__exploration=MU,
        decisions__enterprise__update_probability=REVISION,
    )
    runs = settings.pick(8, 12)
    jobs = [(scenario, steps, seed) for seed in seeds(settings.root_seed, f"optional {r}", runs)]
    results = parallel_map(_window, jobs, settings.workers)
    path = results[0][2]
    return Replicates(
        shares=np.array([a for a, _, _ in results]),
        payoff=np.array([p for _, p, _ in results]),
        path=path,
        swing=float(np.ptp(path[len(path) // 4 :, 2])),
    )


def _window(job: tuple) -> tuple[np.ndarray, float, np.ndarray]:
    """(share averages, mean payoff average, shares path) of one run (a worker's task)."""
    scenario, steps, seed = job
    frame = run(scenario, steps, seed)
    shares = frame[SHARES].to_numpy()
    payoff = (frame["surplus"] / frame["enterprises"]).to_numpy()
    start = len(frame) // 4
    return shares[start:].mean(axis=0), float(payoff[start:].mean()), shares


def _window_average(game: OptionalGame, start: np.ndarray, steps: int) -> np.ndarray:
    """Mean-field time average over the runs' window; a step is REVISION time units."""
    times, path = game.integrate(start, REVISION * steps, BETA, MU, realised=True)
    late = times >= times[-1] / 4
    return np.trapezoid(path[late], times[late], axis=0) / (times[-1] - times[late][0])


def _figure(game: OptionalGame, reps: Replicates, r: float) -> dict:
    steps = len(reps.path)
    times, path = game.integrate(reps.path[0], REVISION * steps, BETA, MU, realised=True)
    return {
        "kind": "optional",
        "t": list(range(steps)),
        "abm": reps.path.tolist(),
        "theory_t": (times / REVISION).tolist(),
        "theory": path.tolist(),
        "r": r,
    }


def _triple(values: np.ndarray, digits: int = 3) -> str:
    return "(" + ", ".join(f"{v:.{digits}f}" for v in values) + ")"

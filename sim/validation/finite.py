"""Reference game 1 in a small well-mixed population against finite-population theory.

Z = 20 players in random teams of N = 5, updated by the pairwise-comparison process
that the theory describes (Traulsen, Nowak & Pacheco 2006; ``sim.monte_carlo.well_mixed_process``):
one elementary update at a time, a random player compares its expected payoff with a
random other's, both recomputed from the current strategies (``updating:
monte_carlo``); one model step is one Monte Carlo step (Z elementary updates). The
parameters (r = 4.5, s = 0.12) make the infinite-population Delta positive (+0.02)
while the finite-population difference is negative (-0.17): a contributor's own share
of the pool is part of what it forgoes relative to a free-rider co-player. The model
must follow the finite theory, not the infinite one.

* Gradient of selection: replicate runs without exploration from k = Z/2; each step's
  change of k from an interior k is compared with its exact expectation over one Monte
  Carlo step (``FinitePopulation.sweep_drift``, the elementary gradient G(k) compounded
  over Z updates). Pass: the mean residual (change minus expectation) is within 3
  standard errors of 0 (the residuals are martingale differences, so their sample
  standard error is valid) and the measured drift has the sign of theory.
* Fixation probabilities: replicate runs without exploration from one contributor
  among free-riders (and one free-rider among contributors) until one strategy is gone;
  the share of runs it takes over is compared with rho of the birth-death chain. Pass:
  within 3 binomial standard errors, sqrt(rho (1 - rho) / runs), of theory.
* Stationary distribution with exploration mu, under both exploration conventions
  (``redraw``: mu/2 to the other strategy; ``switch``: mu, egttools'): one long run's
  time-averaged cooperator share against the mean of the stationary distribution of the
  chain of that convention. Pass: within t standard errors by batch means (20 batches;
  t the Student quantile with 19 dof at three-sigma coverage, 3.45), and the other
  convention's value is shown beside it: the two are many standard errors apart.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import t as student

from agents.action import Action
from sim.model import AllianceModel
from sim.scenario import ExplorationMode
from sim.theory import FinitePopulation, LinearGame
from sim.validation.check import CheckResult, Settings
from sim.validation.runs import reference, run, seeds

SOURCE = "Traulsen, Nowak & Pacheco PRE 74 (2006); Fudenberg & Imhof JET 131 (2006)"
Z, N, R, SUBSIDY, BETA, MU = 20, 5, 4.5, 0.12, 1.0, 0.05
K_SE, BATCHES, COVERAGE = 3.0, 20, 0.99865


def _scenario(mu: float, mode: ExplorationMode = ExplorationMode.REDRAW):
    return reference(
        "well_mixed_pgg",
        population__enterprises=Z,
        alliance__team_size=N,
        alliance__synergy=R,
        administration__subsidy=SUBSIDY,
        decisions__enterprise__intensity=BETA,
        decisions__enterprise__exploration=mu,
        decisions__enterprise__exploration_mode=mode.value,
        decisions__enterprise__updating="monte_carlo",
    )


def _theory(mu: float = 0.0, mode: ExplorationMode = ExplorationMode.REDRAW):
    return FinitePopulation(LinearGame(R, N, 1.0, SUBSIDY), Z, BETA, mu, mode)


def check_finite(settings: Settings) -> list[CheckResult]:
    return [
        _gradient(settings),
        *_fixations(settings),
        *(_stationary(settings, mode) for mode in ExplorationMode),
    ]


def _gradient(settings: Settings) -> CheckResult:
    theory, scenario = _theory(), _scenario(0.0)
    moves, expected = [], []
    for seed in seeds(settings.root_seed, "finite gradient", settings.pick(60, 300)):
        k = np.rint(run(scenario, 20, seed)["contributor_share"].to_numpy() * Z).astype(int)
        inside = (k[:-1] > 0) & (k[:-1] < Z)
        moves.extend(np.diff(k)[inside].tolist())
        expected.extend(theory.sweep_drift(k[:-1][inside]).tolist())
    residual = np.array(moves, float) - np.array(expected)
    se = float(residual.std(ddof=1) / np.sqrt(len(residual))) / Z
    measured, want = float(np.mean(moves)) / Z, float(np.mean(expected)) / Z
    infinite = LinearGame(R, N, 1.0, SUBSIDY).payoff_difference()
    ok = np.sign(measured) == np.sign(want) and abs(measured - want) <= K_SE * se
    return CheckResult(
        check=f"G1 finite Z={Z}: gradient of selection per Monte Carlo step "
        f"(infinite Delta={infinite:+.2f})",
        source=SOURCE,
        measured=f"{measured:+.4f}/firm/step (se {se:.4f}, {len(residual)} steps)",
        expected=f"{want:+.4f}/firm/step (exact chain over Z updates)",
        tolerance=f"same sign, <= {K_SE:g} se",
        passed=bool(ok),
    )


def _stationary(settings: Settings, mode: ExplorationMode) -> CheckResult:
    theory = _theory(MU, mode)
    other = next(m for m in ExplorationMode if m is not mode)
    steps = settings.pick(4000, 40000)
    seed = seeds(settings.root_seed, f"finite stationary {mode.value}", 1)[0]
    x = run(_scenario(MU, mode), steps, seed)["contributor_share"].to_numpy()[100:]
    means = np.array([b.mean() for b in np.array_split(x, BATCHES)])
    se = float(means.std(ddof=1) / np.sqrt(BATCHES))
    factor = float(student.ppf(COVERAGE, BATCHES - 1))
    measured, want = float(x.mean()), theory.stationary_cooperation()
    return CheckResult(
        check=f"G1 finite Z={Z}: stationary cooperator share, mu={MU}, {mode.value}",
        source=SOURCE + "; egttools (switch)",
        measured=f"{measured:.3f} (se {se:.3f})",
        expected=f"{want:.3f} ({other.value}: {_theory(MU, other).stationary_cooperation():.3f}"
        f"; mu->0: {theory.rare_mutation_cooperation():.3f})",
        tolerance=f"<= {factor:.2f} se = {factor * se:.3f} (batch means, Student t, "
        f"{BATCHES - 1} dof)",
        passed=abs(measured - want) <= factor * se,
        figure={
            "kind": "stationary",
            "mode": mode.value,
            "abm": np.bincount(np.rint(x * Z).astype(int), minlength=Z + 1).tolist(),
            "theory": theory.stationary().tolist(),
        },
    )


def _fixations(settings: Settings) -> list[CheckResult]:
    rho_c, rho_d = _theory().fixation()
    runs = settings.pick(300, 2000)
    rows = []
    for mutant, rho, name in (
        (Action.CONTRIBUTE, rho_c, "contributor"),
        (Action.FREE_RIDE, rho_d, "free-rider"),
    ):
        label = f"fixation {mutant.name.lower()}"
        wins = sum(_takes_over(mutant, seed) for seed in seeds(settings.root_seed, label, runs))
        measured = wins / runs
        se = float(np.sqrt(rho * (1 - rho) / runs))
        rows.append(
            CheckResult(
                check=f"G1 finite Z={Z}: fixation of one {name} ({runs} runs)",
                source=SOURCE,
                measured=f"{measured:.4f} ({(measured - rho) / se:+.1f} se)",
                expected=f"{rho:.4f} (neutral {1 / Z:.3f})",
                tolerance=f"<= {K_SE:g} binomial se = {K_SE * se:.4f}",
                passed=abs(measured - rho) <= K_SE * se,
            )
        )
    return rows


def _takes_over(mutant: Action, seed: int, max_steps: int = 2000) -> bool:
    """Run from one ``mutant`` among the other strategy until one strategy is gone."""
    model = AllianceModel(_scenario(0.0), rng=seed)
    t = model.firms
    t.strategy[:] = mutant.flip()
    t.strategy[0] = mutant
    for _ in range(max_steps):
        count = int((t.strategy == mutant).sum())
        if count in (0, Z):
            break
        model.step()
    return bool((t.strategy == mutant).all())

"""Reference game 1 in a small well-mixed population against finite-population theory.

Z = 20 players, groups of N = 5 dealt at random each round (hypergeometric co-players),
payoffs averaged over 10 rounds per step, pairwise comparison with a random other
player, one sweep of sequential updates per step. The parameters (r = 4.5, s = 0.12)
are chosen so that the infinite-population Delta is positive (+0.02) while the
finite-population difference is negative (-0.17): a contributor's own share of the
pool is part of what it forgoes relative to a free-rider co-player. The model must
follow the finite theory, not the infinite one.

* Gradient of selection: replicate runs without exploration from k = Z/2; the mean
  change of k per elementary update while k is interior is compared with the
  gradient G(k) = T+(k) - T-(k) of ``sim.theory.FinitePopulation`` averaged over the
  same visited states. Pass: same sign, and within 3 standard errors.
* Fixation probabilities: replicate runs without exploration from one contributor
  among free-riders (and one free-rider among contributors), run until one strategy
  is gone; the share of runs it takes over is compared with rho from the birth-death
  chain. Pass: within 3 binomial standard errors plus 0.02 (the model updates in
  sweeps and imitates payoffs averaged over 10 random groups, not expected payoffs).
* Long-run cooperator share with exploration mu: one long run's time average against
  the mean of the stationary distribution of the birth-death chain (the rare-mutation
  limit rho_C / (rho_C + rho_D) is reported beside it). Pass: within
  max(0.05, 3 standard errors by batch means).
"""

from __future__ import annotations

import numpy as np

from agents.action import Action
from sim.model import AllianceModel
from sim.theory import FinitePopulation, LinearGame
from sim.validation.check import CheckResult, Settings
from sim.validation.runs import reference, run, seeds

SOURCE = "Traulsen, Nowak & Pacheco PRE 74 (2006); Fudenberg & Imhof JET 131 (2006)"
Z, N, R, SUBSIDY, BETA, MU, ROUNDS = 20, 5, 4.5, 0.12, 1.0, 0.05, 10


def _scenario(mu: float):
    return reference(
        "well_mixed_pgg",
        population__enterprises=Z,
        alliance__team_size=N,
        alliance__synergy=R,
        administration__subsidy=SUBSIDY,
        alliance__team_rounds=ROUNDS,
        decisions__enterprise__intensity=BETA,
        decisions__enterprise__exploration=mu,
        decisions__enterprise__updating="random_sequential",
    )


def check_finite(settings: Settings) -> list[CheckResult]:
    return [_gradient(settings), *_fixations(settings), _stationary(settings)]


def _gradient(settings: Settings) -> CheckResult:
    theory = FinitePopulation(LinearGame(R, N, 1.0, SUBSIDY), Z, BETA, 0.0)
    scenario = _scenario(0.0)
    moves, expected = [], []
    for seed in seeds(settings.root_seed, "finite gradient", settings.pick(60, 300)):
        k = np.rint(run(scenario, 40, seed)["contributor_share"].to_numpy() * Z).astype(int)
        inside = (k[:-1] > 0) & (k[:-1] < Z)
        moves.extend((np.diff(k)[inside] / Z).tolist())
        expected.extend(theory.gradient(k[:-1][inside]).tolist())
    moves_arr = np.array(moves)
    measured = float(moves_arr.mean())
    se = float(moves_arr.std(ddof=1) / np.sqrt(len(moves_arr))) if len(moves_arr) > 1 else 0.0
    want = float(np.mean(expected))
    infinite = LinearGame(R, N, 1.0, SUBSIDY).payoff_difference()
    ok = np.sign(measured) == np.sign(want) and abs(measured - want) <= 3 * se
    return CheckResult(
        check=f"G1 finite Z={Z}: gradient of selection (infinite Delta={infinite:+.2f})",
        source=SOURCE,
        measured=f"{measured:+.4f}/update (se {se:.4f})",
        expected=f"{want:+.4f}/update",
        tolerance="same sign, <=3 se",
        passed=bool(ok),
    )


def _stationary(settings: Settings) -> CheckResult:
    theory = FinitePopulation(LinearGame(R, N, 1.0, SUBSIDY), Z, BETA, MU)
    steps = settings.pick(3000, 30000)
    seed = seeds(settings.root_seed, "finite stationary", 1)[0]
    x = run(_scenario(MU), steps, seed)["contributor_share"].to_numpy()[100:]
    batches = np.array_split(x, 20)
    means = np.array([b.mean() for b in batches])
    se = float(means.std(ddof=1) / np.sqrt(len(means)))
    measured, want = float(x.mean()), theory.stationary_cooperation()
    tol = max(0.05, 3 * se)
    return CheckResult(
        check=f"G1 finite Z={Z}: long-run cooperator share, mu={MU}",
        source=SOURCE,
        measured=f"{measured:.3f} (se {se:.3f})",
        expected=f"{want:.3f} (mu->0: {theory.rare_mutation_cooperation():.3f})",
        tolerance=f"<={tol:.3f}",
        passed=abs(measured - want) <= tol,
        figure={
            "kind": "stationary",
            "abm": np.bincount(np.rint(x * Z).astype(int), minlength=Z + 1).tolist(),
            "theory": theory.stationary().tolist(),
        },
    )


def _fixations(settings: Settings) -> list[CheckResult]:
    theory = FinitePopulation(LinearGame(R, N, 1.0, SUBSIDY), Z, BETA, 0.0)
    rho_c, rho_d = theory.fixation()
    runs = settings.pick(300, 2000)
    rows = []
    for mutant, rho, name in (
        (Action.CONTRIBUTE, rho_c, "contributor"),
        (Action.FREE_RIDE, rho_d, "free-rider"),
    ):
        label = f"fixation {mutant.name.lower()}"
        wins = sum(_takes_over(mutant, seed) for seed in seeds(settings.root_seed, label, runs))
        measured = wins / runs
        tol = 3 * np.sqrt(rho * (1 - rho) / runs) + 0.02
        rows.append(
            CheckResult(
                check=f"G1 finite Z={Z}: fixation of one {name} ({runs} runs)",
                source=SOURCE,
                measured=f"{measured:.4f}",
                expected=f"{rho:.4f} (neutral {1 / Z:.3f})",
                tolerance=f"<={tol:.3f}",
                passed=abs(measured - rho) <= tol,
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

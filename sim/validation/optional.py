"""Reference game 5: the optional public goods game (Hauert et al., Science 296, 2002).

Below r = 2 the loners dominate; above it contributors, free-riders and loners cycle
around an interior point. For each r the model's time-averaged shares of the three
strategies are compared with the time averages of the mean-field dynamics of the same
process (Fermi imitation of realised payoffs with intensity beta and exploration mu,
``sim.theory.OptionalGame.realised_pairwise``) from the same start; the time averages
of the discrete map of synchronous steps and of the replicator (time rescaled by
beta/2) are reported beside them. Checks: the dominant strategy (largest time average) agrees
with theory, and every share is within 0.1 of the mean-field time average (a cycling
population's time average converges slowly, and the finite population's cycles do not
stay on one orbit). Reported beside them: the swing (max - min) of the loner share over
the second half of the run, in the model and in the mean field: the replicator's
orbits are neutral cycles, the Fermi mean field with exploration spirals in, and
synchronous steps spiral out (``OptionalGame.synchronous_map_average``).
"""

from __future__ import annotations

import numpy as np

from sim.theory import OptionalGame
from sim.validation.check import CheckResult, Settings
from sim.validation.runs import reference, run, seeds

SOURCE = "Hauert, De Monte, Hofbauer & Sigmund, Science 296 (2002)"
N, SIGMA, BETA, MU, TOLERANCE = 5, 1.0, 0.5, 0.001, 0.1
NAMES = ("C", "D", "L")


def check_optional(settings: Settings) -> list[CheckResult]:
    return [_one_r(settings, r) for r in (1.8, 3.0)]


def _one_r(settings: Settings, r: float) -> CheckResult:
    z, steps = settings.pick(5000, 20000), settings.pick(1500, 6000)
    scenario = reference(
        "optional_pgg",
        population__enterprises=z,
        alliance__synergy=r,
        alliance__team_size=N,
        alliance__loner_payoff=SIGMA,
        decisions__enterprise__intensity=BETA,
        decisions__enterprise__exploration=MU,
    )
    frame = run(scenario, steps, seeds(settings.root_seed, f"optional {r}", 1)[0])
    shares = frame[["contributor_share", "free_rider_share", "loner_share"]].to_numpy()
    abm = shares.mean(axis=0)
    game = OptionalGame(r, N, SIGMA)
    mean_field = game.time_average(shares[0], float(steps), BETA, MU, realised=True)
    synchronous = game.synchronous_map_average(shares[0], steps, BETA, MU)
    replicator = game.time_average(shares[0], float(steps) * BETA / 2)
    gap = float(np.abs(abm - mean_field).max())
    dominant_ok = int(np.argmax(abm)) == int(np.argmax(mean_field))
    times, path = game.integrate(shares[0], float(steps), BETA, MU, realised=True)
    swing_abm = float(np.ptp(shares[len(shares) // 2 :, 2]))
    swing_theory = float(np.ptp(path[len(path) // 2 :, 2]))
    return CheckResult(
        check=f"G5 optional PGG r={r:g}: time averages (C, D, L)",
        source=SOURCE,
        measured=_triple(abm) + f", dominant {NAMES[int(np.argmax(abm))]}; "
        f"L swings {swing_abm:.2f}",
        expected=_triple(mean_field) + f"; L swings {swing_theory:.2f} (step map "
        f"{_triple(synchronous)}, replicator {_triple(replicator)})",
        tolerance=f"same dominant, max gap <={TOLERANCE}",
        passed=dominant_ok and gap <= TOLERANCE,
        figure={
            "kind": "optional",
            "t": frame["step"].tolist(),
            "abm": shares.tolist(),
            "theory_t": times.tolist(),
            "theory": path.tolist(),
            "r": r,
        },
    )


def _triple(values: np.ndarray) -> str:
    return "(" + ", ".join(f"{v:.2f}" for v in values) + ")"

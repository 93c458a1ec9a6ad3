"""Reference game 1 against the replicator dynamics (infinite population).

For each (r, s, p f) the agent-based model in a large well-mixed population starts at
x(0) = 1/2 and its cooperator share x(t) is compared, step by step, with the mean-field
trajectory of its own parameters: x' = x (1 - x) g(x), g the Fermi imitation rate
averaged over the realised payoffs (``sim.theory.realised_pairwise_rate``; it has the
sign of Delta = c (r/N - 1) + s + p f and tends to (beta/2) Delta for weak selection).
The noise-free trajectory g = tanh(beta Delta / 2) is reported beside it. Fines are
pooled and returned to all members; one case adds a flat fee F that leaves the alliance,
which theory says changes nothing. The check also requires the ABM to end on the side
of 1/2 that the threshold r* = N (1 - (s + p f)/c) predicts.

Tolerance (stated before running): max |x_ABM - x_theory| <= 3 sqrt(T / (4 Z)), three
standard deviations of the finite-size noise: near-neutral Fermi imitation lets x
diffuse with variance at most x (1 - x) / Z <= 1 / (4 Z) per step (each firm flips with
probability at most 1/2, independently), so after T steps its standard deviation is at
most sqrt(T / (4 Z)) (0.019 after 150 steps at Z = 10^5, 0.014 after 300 at 4 x 10^5);
selection only narrows it. The discreteness of steps (the ODE against the map
x + x(1-x) g) is of order g^2 / 8 per step and is reported, not allowed for.
"""

from __future__ import annotations

import numpy as np

from sim.theory import LinearGame, cooperator_trajectory, pairwise_rate, realised_pairwise_rate
from sim.validation.check import CheckResult, Settings
from sim.validation.runs import reference, run, seeds

SOURCE = "replicator dynamics; Traulsen, Claussen & Hauert PRL 95 (2005)"
K_SD = 3.0
N, C, BETA = 5, 1.0, 1.0
CASES = (  # (r, s, p, f, F): below, above, above by fines alone, just below, with a fee
    (3.0, 0.0, 0.0, 0.0, 0.0),
    (4.5, 0.3, 0.0, 0.0, 0.0),
    (3.5, 0.0, 0.5, 1.0, 0.0),
    (4.0, 0.05, 0.25, 0.4, 0.0),
    (4.0, 0.05, 0.25, 0.4, 0.5),  # a flat fee leaves Delta and r* unchanged
)


def check_replicator(settings: Settings) -> list[CheckResult]:
    """One row per (r, s, p f) case."""
    z = settings.pick(100_000, 400_000)
    steps = settings.pick(150, 300)
    return [_one_case(settings, case, z, steps) for case in CASES]


def _one_case(settings: Settings, case: tuple, z: int, steps: int) -> CheckResult:
    r, s, p, f, fee = case
    game = LinearGame(r, N, C, s, p, f)
    scenario = reference(
        "well_mixed_pgg",
        population__enterprises=z,
        alliance__synergy=r,
        administration__subsidy=s,
        alliance__monitoring_probability=p,
        alliance__fine=f,
        alliance__team_size=N,
        alliance__fee=fee,
        alliance__fees_to="platform",
        decisions__enterprise__intensity=BETA,
    )
    seed = seeds(settings.root_seed, f"replicator {case}", 1)[0]
    frame = run(scenario, steps, seed)
    x_abm = frame["contributor_share"].to_numpy()
    times = frame["step"].to_numpy().astype(float)
    x_theory = cooperator_trajectory(x_abm[0], times, realised_pairwise_rate(game, BETA))
    x_plain = cooperator_trajectory(x_abm[0], times, pairwise_rate(game.payoff_difference(), BETA))
    gap = float(np.abs(x_abm - x_theory).max())
    tolerance = K_SD * float(np.sqrt(steps / (4.0 * z)))
    side_ok = (x_abm[-1] > 0.5) == (game.payoff_difference() > 0)
    side = "above" if r > game.threshold() else "below"
    return CheckResult(
        check=f"G1 replicator r={r:g} s={s:g} pf={p * f:g}{f' fee={fee:g}' if fee else ''} "
        f"({side} r*={game.threshold():.2f})",
        source=SOURCE,
        measured=f"max dev {gap:.3f}, x_T={x_abm[-1]:.3f}",
        expected=f"x_T={x_theory[-1]:.3f} (noise-free {x_plain[-1]:.3f})",
        tolerance=f"max dev <= {tolerance:.3f} = 3 sqrt(T/4Z) (noise sd bound)",
        passed=gap <= tolerance and side_ok,
        figure={
            "kind": "trajectory",
            "t": times.tolist(),
            "abm": x_abm.tolist(),
            "theory": x_theory.tolist(),
            "plain": x_plain.tolist(),
            "label": f"r={r:g}, s={s:g}, pf={p * f:g}, F={fee:g}",
        },
    )

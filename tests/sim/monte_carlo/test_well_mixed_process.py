"""The exact pairwise-comparison process for random teams in a well-mixed population
(``sim.monte_carlo.well_mixed_process``): its closed-form expected payoffs equal the theory's
hypergeometric sums and the model's own sampled teams, and the scenario check admits it
only where those payoffs are the whole story."""

from __future__ import annotations

import numpy as np
import pytest

from sim.model import AllianceModel
from sim.monte_carlo.well_mixed_process import expected_team_payoffs
from sim.scenario import ScenarioError
from sim.theory import FinitePopulation, LinearGame
from sim.validation.runs import reference

Z, N, R, S = 20, 5, 4.5, 0.12


def _scenario(**extra):
    return reference(
        "well_mixed_pgg",
        population__enterprises=Z,
        alliance__team_size=N,
        alliance__synergy=R,
        administration__subsidy=S,
        decisions__enterprise__updating="monte_carlo",
        **extra,
    )


def test_closed_form_payoffs_equal_the_hypergeometric_sums():
    model = AllianceModel(_scenario(), rng=1)
    pi_c, pi_d = expected_team_payoffs(model, Z)
    theory_c, theory_d = FinitePopulation(LinearGame(R, N, 1.0, S), Z, 1.0).payoffs(np.arange(1, Z))
    assert np.allclose(pi_c[1:Z], theory_c) and np.allclose(pi_d[1:Z], theory_d)


def test_expected_payoffs_are_the_mean_of_the_models_sampled_teams():
    """The step-wise path deals teams and pays through sim.pool; averaged over many
    rounds its payoffs converge to the closed form (within 4 standard errors)."""
    sampled = reference(
        "well_mixed_pgg",
        population__enterprises=Z,
        alliance__team_size=N,
        alliance__synergy=R,
        administration__subsidy=S,
        alliance__team_rounds=1000,
        decisions__enterprise__update_probability=0.0,
    )
    model = AllianceModel(sampled, rng=5)
    model.step()
    t = model.firms
    k = int((t.strategy == 1).sum())
    pi_c, pi_d = expected_team_payoffs(model, Z)
    contributors = t.strategy == 1
    for payoffs, expected in (
        (t.profit[contributors], pi_c[k]),
        (t.profit[~contributors], pi_d[k]),
    ):
        se = 1.0 / np.sqrt(4000)  # per-round payoff sd < r c (N-1)/N / 2 < 2: a bound
        assert abs(payoffs.mean() - expected) <= 4 * 2 * se


def test_the_process_runs_reproducibly():
    a = AllianceModel(_scenario(), rng=9).run(30)["contributors"].tolist()
    b = AllianceModel(_scenario(), rng=9).run(30)["contributors"].tolist()
    assert a == b and len(set(a)) > 1


@pytest.mark.parametrize(
    "settings",
    [
        {"network__kind": "ring", "network__degree": 2},
        {"alliance__fine": 1.0, "alliance__monitoring_probability": 0.5},
    ],
)
def test_teams_under_monte_carlo_need_a_well_mixed_game_without_fines(settings):
    with pytest.raises(ScenarioError, match="monte_carlo"):
        AllianceModel(_scenario(**settings), rng=1)

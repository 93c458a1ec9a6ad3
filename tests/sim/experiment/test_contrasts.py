"""Paired contrasts between factor levels, on a constructed runs table with a known answer."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.experiment.contrasts import level_contrasts

SUBSIDY, APPROPRIATION = "administration.subsidy", "administration.appropriation"


def factorial_runs() -> pd.DataFrame:
    """One mode, subsidy {0, 0.2} × appropriation {0.1, 0.3}, 3 replicates whose luck (a
    common shift per replicate) cancels in pairs: the outcome is 2·subsidy + appropriation
    + luck, so every subsidy contrast is exactly 0.4 and every appropriation one 0.2."""
    rows = []
    for subsidy in (0.0, 0.2):
        for appropriation in (0.1, 0.3):
            for replicate, luck in enumerate((0.0, 5.0, -3.0)):
                outcome = 2 * subsidy + appropriation + luck
                rows.append(
                    {
                        "base": "government_led",
                        SUBSIDY: subsidy,
                        APPROPRIATION: appropriation,
                        "replicate": replicate,
                        "y": outcome,
                    }
                )
    return pd.DataFrame(rows)


def test_level_contrasts_pair_on_seeds_and_carry_the_factor_values():
    table = level_contrasts(factorial_runs(), [SUBSIDY, APPROPRIATION], ["y"])
    subsidy = table[table["contrast"] == SUBSIDY]
    assert set(subsidy["versus"]) == {"0.0"} and set(subsidy[SUBSIDY]) == {"0.2"}
    assert list(subsidy[APPROPRIATION]) == ["0.1", "0.3", "all"]
    assert subsidy["mean"].to_numpy() == pytest.approx([0.4, 0.4, 0.4])
    assert subsidy["sd"].to_numpy() == pytest.approx([0, 0, 0], abs=1e-12)  # luck cancels
    assert (subsidy["n"] == 3).all()
    appropriation = table[table["contrast"] == APPROPRIATION]
    assert appropriation["mean"].to_numpy() == pytest.approx([0.2, 0.2, 0.2])
    assert list(appropriation[SUBSIDY]) == ["0.0", "0.2", "all"]


def test_a_factor_experiment_on_one_mode_gets_factor_tables_and_figures(tiny_experiment, tmp_path):
    """Subsidy crossed with fee on one base scenario: figures by level, contrasts by level."""
    from sim.commands.main import main

    path = tiny_experiment(
        scenarios=["a.yaml"],
        baseline="a.yaml",
        factors={"alliance.fee": [0.0, 0.1], "alliance.sharing": ["equal", "contribution"]},
        replicates=2,
        figures=["trajectories", "final_outcomes", "factor_effects", "cost_effectiveness"],
    )
    out = tmp_path / "store"
    assert main(["sweep", str(path), "--out", str(out), "--workers", "1"]) == 0
    differences = pd.read_csv(out / "tables" / "differences.csv")
    assert set(differences["contrast"]) == {"alliance.fee", "alliance.sharing"}
    fee = differences[differences["contrast"] == "alliance.fee"]
    assert set(fee["alliance.sharing"]) == {"equal", "contribution", "all"}
    assert (fee["n"] == 2).all() and set(fee["versus"].astype(str)) == {"0.0"}
    figures = {p.name for p in (out / "figures").glob("*.png")}
    assert figures == {"trajectories.png", "final_outcomes.png", "factor_effects.png"}

"""Sensitivity indices land on the right factors: a known answer, listed against the alphabet.

The model is replaced by a known response: the outcome is ``10 × market.multi_segment_share``
and ``alliance.fine`` has no effect at all. The file lists the effective factor first, so
alphabetical order (``alliance.fine`` first) puts them the other way round: an index that
follows the alphabet instead of the design's columns gives the effect to the wrong name.
"""

from __future__ import annotations

import pandas as pd
import pytest

import sim.output.results
from sim.experiment.executors import InProcess
from sim.experiment.figures import interaction
from sim.experiment.loading import load_experiment
from sim.experiment.reading import runs_table
from sim.experiment.spec import DesignKind
from sim.experiment.summary import stored_experiment, summarise_store
from sim.experiment.sweep import run_sweep

EFFECT, NO_EFFECT = "market.multi_segment_share", "alliance.fine"
SLOPE = 10.0  # outcome units per unit of market.multi_segment_share
LOW, HIGH = 0.1, 0.5  # its range: the effect over the whole range is SLOPE × 0.4 = 4
OUTCOME = "final_window.member_share"


@pytest.fixture
def known_response(monkeypatch):
    """``run_scenario`` whose outcome is SLOPE × multi_segment_share, whatever the fine."""
    real = sim.output.results.run_scenario

    def response(scenario, steps=None, seed=None):
        result = real(scenario, steps=2, seed=seed)
        result.summary["final_window"][OUTCOME.partition(".")[2]] = (
            SLOPE * scenario.market.multi_segment_share
        )
        return result

    monkeypatch.setattr(sim.output.results, "run_scenario", response)


def _sweep(tiny_experiment, tmp_path, design: str, samples: int):
    path = tiny_experiment(
        scenarios=["a.yaml"],
        baseline="a.yaml",
        factors={EFFECT: {"low": LOW, "high": HIGH}, NO_EFFECT: {"low": 0.0, "high": 8.0}},
        design=design,
        samples=samples,
        replicates=1,
        outcomes=[OUTCOME],
        figures=["sensitivity"],
    )
    store = tmp_path / "store"
    run_sweep(load_experiment(path), InProcess(), store)
    files = summarise_store(store)
    table = pd.read_csv(files.tables / f"{design}.csv").set_index("factor")
    return store, table


def test_morris_mu_star_lands_on_the_factor_that_has_the_effect(
    known_response, tiny_experiment, tmp_path
):
    store, table = _sweep(tiny_experiment, tmp_path, "morris", samples=4)
    assert table.loc[EFFECT, "mu_star"] == pytest.approx(SLOPE * (HIGH - LOW))
    assert table.loc[NO_EFFECT, "mu_star"] == pytest.approx(0.0, abs=1e-12)
    experiment = stored_experiment(store)
    assert list(experiment.factors) == [EFFECT, NO_EFFECT]  # file order, not alphabetical
    figure = interaction(store, experiment, runs_table(store))
    assert figure.axes[0].get_xlabel() == EFFECT  # the file's first factor


def test_sobol_indices_land_on_the_factor_that_has_the_effect(
    known_response, tiny_experiment, tmp_path
):
    _, table = _sweep(tiny_experiment, tmp_path, "sobol", samples=16)
    assert table.loc[EFFECT, "ST"] == pytest.approx(1.0, abs=0.1)
    assert table.loc[NO_EFFECT, "ST"] == pytest.approx(0.0, abs=1e-12)
    assert table.loc[NO_EFFECT, "S1"] == pytest.approx(0.0, abs=1e-12)


def test_indices_follow_the_named_columns_of_a_constructed_design():
    """Two Morris trajectories (4 levels, step 2/3); the outcome is 3 × z_effect."""
    from sim.experiment.sensitivity import indices

    design = pd.DataFrame(
        {
            "z_effect": [0.0, 2 / 3, 2 / 3, 1 / 3, 1 / 3, 1.0],
            "a_noeffect": [0.0, 0.0, 2 / 3, 2 / 3, 0.0, 0.0],
        }
    )
    response = 3.0 * design["z_effect"]
    table = indices(design, response, DesignKind.MORRIS, morris_levels=4)
    assert table.loc["z_effect", "mu_star"] == pytest.approx(3.0)
    assert table.loc["a_noeffect", "mu_star"] == pytest.approx(0.0)


def test_a_store_written_before_names_were_kept_gets_the_right_names(
    known_response, tiny_experiment, tmp_path
):
    """Older stores kept unit coordinates as bare lists and the experiment with sorted keys:
    the file's order is recovered from the file's text kept in the store."""
    import json
    import sqlite3

    store, _ = _sweep(tiny_experiment, tmp_path, "morris", samples=4)
    with sqlite3.connect(store / "store.sqlite") as db:
        for point_id, unit in db.execute("SELECT point_id, unit FROM points").fetchall():
            bare = list(json.loads(unit).values())
            db.execute(
                "UPDATE points SET unit = ? WHERE point_id = ?", (json.dumps(bare), point_id)
            )
        (resolved,) = db.execute(
            "SELECT value FROM meta WHERE key = 'experiment_resolved'"
        ).fetchone()
        db.execute(
            "UPDATE meta SET value = ? WHERE key = 'experiment_resolved'",
            (json.dumps(json.loads(resolved), sort_keys=True),),
        )
    files = summarise_store(store)
    table = pd.read_csv(files.tables / "morris.csv").set_index("factor")
    assert table.loc[EFFECT, "mu_star"] == pytest.approx(SLOPE * (HIGH - LOW))
    assert table.loc[NO_EFFECT, "mu_star"] == pytest.approx(0.0, abs=1e-12)
    assert list(stored_experiment(store).factors) == [EFFECT, NO_EFFECT]

"""Mesa's own tools drive the model: ``run_model()`` stops at the horizon, ``batch_run``
sweeps scenario keys given as keyword parameters, and the DataCollector holds the same
numbers as the model's own time series."""

from __future__ import annotations

import mesa
import numpy as np
import pandas as pd
import pytest

from sim.model import AllianceModel
from sim.scenario import ScenarioError


def test_run_model_stops_at_the_scenario_horizon(make_scenario):
    model = AllianceModel(make_scenario(enterprises=60, steps=5), rng=1)
    step = model.step
    calls = []

    def counted() -> None:
        assert len(calls) < 50, "run_model() does not stop"
        calls.append(1)
        step()

    model.step = counted
    model.run_model()
    assert model.steps == 5 and len(calls) == 5
    assert not model.running


def test_the_model_stops_when_no_firm_is_left(make_scenario):
    model = AllianceModel(make_scenario({"population": {"entry_rate": 0}}, enterprises=40), rng=1)
    model.exit_firms(np.arange(40))
    model.step()
    assert not model.running
    assert model.steps < model.config.steps


def test_the_datacollector_holds_the_time_series(make_scenario):
    model = AllianceModel(make_scenario(enterprises=60, steps=4), rng=2)
    frame = model.run(4)
    collected = model.datacollector.get_model_vars_dataframe()
    pd.testing.assert_frame_equal(
        collected.reset_index(drop=True),
        frame.drop(columns="step"),
        check_dtype=False,
    )


def test_batch_run_sweeps_scenario_keys_named_as_parameters(repo_root):
    rows = mesa.batch_run(
        AllianceModel,
        {
            "scenario": str(repo_root / "scenarios" / "default.yaml"),
            "alliance.fee": [0.05, 0.2],
            "population.enterprises": 60,
        },
        rng=[1],
        max_steps=3,
        number_processes=1,
        display_progress=False,
    )
    frame = pd.DataFrame(rows)
    assert len(frame) == 2
    assert (frame["Step"] == 3).all()
    assert frame["fee"].tolist() == frame["alliance.fee"].tolist() == [0.05, 0.2]
    assert (frame["enterprises"] > 0).all()


def test_keyword_parameters_are_validated_like_set(repo_root):
    default = repo_root / "scenarios" / "default.yaml"
    with pytest.raises(ScenarioError, match="did you mean 'fee'"):
        AllianceModel(default, **{"alliance.fe": 0.2})
    with pytest.raises(ScenarioError, match=r"alliance\.fee must be in \[0, 10000\]"):
        AllianceModel(**{"alliance.fee": -1})
    model = AllianceModel(default, rng=1, **{"alliance.fee": 0.3, "population.enterprises": 50})
    assert model.config.alliance.fee == 0.3 and len(model.firms) == 50


def test_keyword_construction_gives_the_same_run_as_the_scenario(make_scenario):
    scenario = make_scenario({"alliance": {"fee": 0.2}}, enterprises=60, steps=3)
    direct = AllianceModel(scenario, rng=4).run()
    by_keys = AllianceModel(
        None, rng=4, **{"alliance.fee": 0.2, "population.enterprises": 60, "steps": 3}
    ).run()
    pd.testing.assert_frame_equal(direct, by_keys)


def test_the_datacollector_follows_the_model_and_its_reporters_read_the_recorder(make_scenario):
    model = AllianceModel(make_scenario(enterprises=60, steps=4), rng=2)
    assert len(model.datacollector.get_model_vars_dataframe()) == 1  # step 0
    model.step()
    collector = model.datacollector
    assert collector.model_vars["members"] == model.dataframe()["members"].tolist()
    collector.collect(model)  # by hand, as a Mesa user might: the reporters read the arrays
    assert collector.model_vars["members"][-1] == model.dataframe()["members"].iloc[-1]

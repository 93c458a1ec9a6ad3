"""The policy outcomes: collapse, retention after support, public cost, organisers'
share, collaboration structure (definitions in sim.output.metrics)."""

from __future__ import annotations

import math
from itertools import pairwise

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from sim.model import AllianceModel
from sim.output.outcome_tracker import collaboration_clustering
from sim.output.policy_outcomes import (
    SUMMARY_OUTCOMES,
    collapse_step,
    retention_after_support,
    summary_outcomes,
    support_end_step,
)
from sim.output.results import run_scenario
from sim.scenario import Mode, Outcomes
from sim.scenario.mode_files import mode_scenario


def frame(active, share, subsidies=None) -> pd.DataFrame:
    n = len(active)
    return pd.DataFrame(
        {
            "step": np.arange(n),
            "alliance_active": np.array(active, bool),
            "member_share": np.array(share, float),
            "subsidies": np.zeros(n) if subsidies is None else np.array(subsidies, float),
        }
    )


def test_collapse_needs_a_long_enough_failure_after_functioning():
    spec = Outcomes(collapse_patience=3, collapse_member_share=0.1)
    assert collapse_step(frame([0, 0, 0, 0, 0], [0] * 5), spec) is None  # never functioned
    assert collapse_step(frame([1, 1, 0, 0, 1, 0, 0, 0], [0.5] * 8), spec) == 5
    assert collapse_step(frame([1, 1, 1, 0, 0], [0.5] * 5), spec) is None  # censored
    assert collapse_step(frame([1, 1, 1, 1, 1], [0.5, 0.5, 0.05, 0.05, 0.05]), spec) == 2


def test_retention_after_support():
    spec = Outcomes(retention_lag=2)
    f = frame([1] * 6, [0.4, 0.5, 0.4, 0.3, 0.25, 0.2], subsidies=[0, 1, 1, 0, 0, 0])
    assert support_end_step(f) == 3
    assert retention_after_support(f, spec) == pytest.approx(0.2 / 0.4)  # step 5 vs step 2
    assert retention_after_support(f, Outcomes(retention_lag=3)) is None  # past the end
    never = frame([1] * 4, [0.5] * 4, subsidies=[1, 1, 1, 1])
    assert support_end_step(never) is None and retention_after_support(never, spec) is None


def test_run_outcomes_are_consistent_with_the_timeseries():
    scenario = mode_scenario(
        Mode.GOVERNMENT_LED, population={"enterprises": 300}, outcomes={"clustering_every": 5}
    )
    result = run_scenario(scenario, steps=12, seed=2)
    ts, out = result.timeseries, result.summary["outcomes"]
    assert set(out) == set(SUMMARY_OUTCOMES)
    assert ts["cumulative_public_cost"].to_numpy() == pytest.approx(ts["public_cost"].cumsum())
    assert out["cumulative_public_cost"] == pytest.approx(ts["public_cost"].sum())
    computed = ts["collaboration_clustering"].notna()
    assert ts.loc[computed, "step"].tolist() == [0, 5, 10]
    assert ((ts["collaboration_density"] >= 0) & (ts["collaboration_density"] <= 1)).all()
    assert out["alliance_age"] == ts["alliance_age"].iloc[-1]


def test_organiser_share_is_zero_without_organiser():
    model = AllianceModel(mode_scenario(Mode.MARKET_ONLY, population={"enterprises": 200}), 4)
    frame_ = model.run(5)
    assert (frame_["organiser_benefit_share"] == 0).all()
    assert summary_outcomes(model, frame_)["organiser_benefit_share"] == 0


def test_alliance_age_counts_active_steps():
    model = AllianceModel(mode_scenario(Mode.MARKET_ONLY, population={"enterprises": 200}), 4)
    ages = model.run(6)["alliance_age"].tolist()
    for before, after in pairwise(ages):
        assert after in (0, before + 1)
    assert not math.isnan(ages[-1])


def test_alliance_age_is_the_number_of_steps_active_so_far():
    """docs/ODD.md 7.9: consecutive active steps. Membership is compulsory and one member
    is enough, so the alliance operates from the start in every step: after t steps its
    age is t (the set-up before step 1 is not a step; it read t + 1)."""
    scenario = mode_scenario(
        Mode.MARKET_ONLY,
        population={"enterprises": 50},
        alliance={"min_members": 1},
        decisions={"enterprise": {"strategies": ["contribute", "free_ride"]}},
    )
    model = AllianceModel(scenario, 3)
    series = model.run(5)
    assert series["alliance_active"].all()
    assert series["alliance_age"].tolist() == [0, 1, 2, 3, 4, 5]
    assert summary_outcomes(model, series)["alliance_age"] == 5


def test_alliance_age_restarts_after_a_pause():
    """Scripted: active at set-up, active twice, paused, active again: 0, 1, 2, 0, 1."""
    from sim.alliance import AllianceInstitution
    from sim.scenario import Alliance

    alliance = AllianceInstitution(Alliance(min_members=2))
    ages = [alliance.update_activity(5, True, ages=False) and alliance.age]
    for members in (5, 5, 1, 5):
        alliance.update_activity(members, True)
        ages.append(alliance.age)
    assert ages == [0, 1, 2, 0, 1]


def test_clustering_agrees_with_networkx():
    model = AllianceModel(mode_scenario(Mode.MARKET_ONLY, population={"enterprises": 400}), 6)
    model.run(8)
    graph = model.ties.graph()
    assert graph.number_of_edges() > 0
    nodes = sorted(graph.nodes)
    expected = nx.average_clustering(graph, nodes=nodes)
    assert collaboration_clustering(model, len(nodes)) == pytest.approx(expected)
    few = np.array(nodes)[np.linspace(0, len(nodes) - 1, 25).astype(np.int64)].tolist()
    assert collaboration_clustering(model, 25) == pytest.approx(
        nx.average_clustering(graph, nodes=few)
    )

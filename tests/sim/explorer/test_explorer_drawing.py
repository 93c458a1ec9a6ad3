"""How firms are drawn: states from the enterprise table, a layout computed once per
network, a sample above a few hundred firms, and nothing that changes the run."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from agents.action import Action
from sim.explorer.firm_states import FirmState, firm_states
from sim.explorer.network_view import SAMPLE_LIMIT, NetworkView
from sim.explorer.series import CHARTED, series_data
from sim.incentives.diagnosis import audit
from sim.model import AllianceModel
from sim.scenario.mode_files import mode_scenario


def small(mode: str = "enterprise_led", firms: int = 80, **changes) -> AllianceModel:
    scenario = mode_scenario(mode, population={"enterprises": firms}, steps=30, **changes)
    return AllianceModel(scenario, rng=5)


def test_states_follow_strategy_and_readmission_ban():
    model = small()
    t = model.firms
    t.strategy[:4] = [Action.CONTRIBUTE, Action.FREE_RIDE, Action.OUTSIDE, Action.OUTSIDE]
    t.banned_until[:4] = [0, 0, 0, model.steps + 3]
    assert list(firm_states(model, np.arange(4))) == [
        FirmState.CONTRIBUTING,
        FirmState.FREE_RIDING,
        FirmState.OUTSIDER,
        FirmState.EXPELLED,
    ]


def test_the_layout_is_computed_once_per_network(monkeypatch):
    calls = []
    real = nx.spring_layout
    monkeypatch.setattr(nx, "spring_layout", lambda *a, **k: calls.append(1) or real(*a, **k))
    model = small()
    view = NetworkView(model)
    first = {k: v.copy() for k, v in view.position.items()}
    for _ in range(5):
        model.step()
        frame = view.frame(model)
    assert len(calls) == 1
    drawn = frame.nodes.set_index("slot")
    for slot in drawn.index[:20]:
        assert np.allclose(drawn.loc[slot, ["x", "y"]].to_numpy(float), first[slot])


def test_a_large_industry_is_sampled_and_the_page_says_so():
    model = small(firms=SAMPLE_LIMIT + 150)
    view = NetworkView(model)
    frame = view.frame(model)
    assert len(view.slots) == SAMPLE_LIMIT
    assert model.leader_row() in set(view.slots)
    assert f"a fixed sample of {SAMPLE_LIMIT} of {SAMPLE_LIMIT + 150} slots" in frame.note
    assert frame.nodes["organiser"].sum() == 1  # the leading firm organises this mode
    ties = frame.edges
    assert len(ties) > 0 and {"x", "y", "x2", "y2"} <= set(ties.columns)


def test_a_small_industry_is_drawn_whole_without_an_organiser_ring_in_market_only():
    model = small("market_only", firms=60)
    frame = NetworkView(model).frame(model)
    assert len(frame.nodes) == int(model.firms.active.sum())
    assert not frame.nodes["organiser"].any()
    assert frame.note.startswith("all 60 firms")


def test_a_well_mixed_population_has_no_ties_to_draw():
    model = small(network={"kind": "well_mixed"})
    frame = NetworkView(model).frame(model)
    assert frame.edges.empty and len(frame.nodes) == 80


def test_watching_a_run_does_not_change_it():
    watched, plain = small(), small()
    view = NetworkView(watched)
    for _ in range(12):
        watched.step()
        plain.step()
        view.frame(watched)
        audit(watched)
        series_data(watched)
    pd.testing.assert_frame_equal(watched.dataframe(), plain.dataframe())


def test_series_data_hold_the_charted_columns_and_the_event_steps():
    model = small("co_construction", firms=60, events=[{"kind": "subsidy_phase_out", "step": 2}])
    for _ in range(3):
        model.step()
    data = series_data(model)
    assert set(data["series"]["column"]) == {s.column for s in CHARTED}
    assert len(data["series"]) == 4 * 4  # steps 0..3, four series
    assert data["events"]["step"].tolist() == [2]
    frame = model.dataframe()
    member = data["series"][data["series"]["column"] == "member_share"]["value"].to_numpy()
    assert np.array_equal(member, frame["member_share"].to_numpy())

"""Scheduled events fire at their step, do what they say, and are recorded."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sim.accounting import run_checked
from sim.model import AllianceModel
from sim.output.results import run_scenario
from sim.scenario import Mode, Scenario, ScenarioError, validate_scenario
from sim.scenario.mode_files import deep_merge, mode_scenario
from sim.scenario.modes import MODES


def small(mode: Mode, **changes) -> Scenario:
    """The mode's shipped scenario, shrunk to 200 firms, with ``changes`` merged in."""
    return mode_scenario(mode, **deep_merge({"population": {"enterprises": 200}}, changes))


SEED = 5
LEVEL = MODES[Mode.GOVERNMENT_LED].preset["administration"]["subsidy"]  # MU per MU


def run(mode: Mode, events: list[dict], steps: int, **extra) -> AllianceModel:
    model = AllianceModel(small(mode, events=events, **extra), rng=SEED)
    run_checked(model, steps)
    return model


def test_sudden_subsidy_phase_out():
    model = run(Mode.GOVERNMENT_LED, [{"kind": "subsidy_phase_out", "step": 4}], 7)
    frame = model.dataframe().set_index("step")
    assert frame.loc[3, "subsidy_level"] == pytest.approx(LEVEL)
    assert frame.loc[4, "subsidy_level"] == 0  # recorded after the events stage
    assert frame.loc[4, "subsidies"] > 0  # step 4 was still paid
    assert (frame.loc[5:, "subsidies"] == 0).all()


def test_linear_subsidy_phase_out():
    events = [{"kind": "subsidy_phase_out", "step": 3, "duration": 4, "to_fraction": 0.0}]
    model = run(Mode.GOVERNMENT_LED, events, 9)
    level = model.dataframe().set_index("step")["subsidy_level"]
    assert level.loc[2] == pytest.approx(LEVEL)
    assert level.loc[3:6].to_numpy() == pytest.approx([0.75 * LEVEL, 0.5 * LEVEL, 0.25 * LEVEL, 0])
    assert (level.loc[7:] == 0).all()
    assert model.dataframe().set_index("step").loc[7:, "subsidies"].eq(0).all()


def test_demand_shock_and_its_end():
    events = [{"kind": "demand_shock", "step": 2, "factor": 0.25, "duration": 3}]
    model = AllianceModel(small(Mode.MARKET_ONLY, events=events), rng=SEED)
    base = model.market_spec.projects_per_initial_firm
    levels = []
    for _ in range(6):
        model.step()
        levels.append(model.market_spec.projects_per_initial_firm)
    assert levels == pytest.approx([base, base / 4, base / 4, base / 4, base, base])
    kinds = [(e["step"], e["kind"]) for e in model.event_schedule.log]
    assert kinds == [(2, "demand_shock"), (5, "demand_shock_end")]


def test_leader_exit_removes_the_largest_firms():
    model = AllianceModel(
        small(Mode.ENTERPRISE_LED, events=[{"kind": "leader_exit", "step": 3, "count": 2}]),
        rng=SEED,
    )
    run_checked(model, 2)
    t = model.firms
    active = np.flatnonzero(t.active)
    largest = set(active[np.argsort(-t.capacity[active])[:2]].tolist())
    run_checked(model, 1)
    assert not t.active[list(largest)].any()
    record = model.event_schedule.log[0]
    assert set(record["rows"]) == largest and record["step"] == 3
    assert model.dataframe()["exits"].iloc[-1] >= 2


def test_entry_wave_adds_firms():
    model = run(
        Mode.MARKET_ONLY,
        [{"kind": "entry_wave", "step": 2, "entrants": 50}],
        1,
        population={"entry_rate": 0.0},
    )
    before = int(model.firms.active.sum())
    run_checked(model, 1)
    frame = model.dataframe()
    assert int(model.firms.active.sum()) == before + 50 - frame["exits"].iloc[-1]
    assert frame["entrants"].iloc[-1] == 50


def test_charter_change_goes_through_governance():
    events = [{"kind": "charter_change", "step": 2, "changes": {"fee": 0.2, "sharing": "equal"}}]
    model = run(Mode.MARKET_ONLY, events, 3, governance={"form": "tight"})
    fee = model.dataframe().set_index("step")["fee"]
    assert fee.loc[1] == pytest.approx(0.05 * 2)
    assert fee.loc[2] == pytest.approx(0.2 * 2)  # tight doubles the new fee too
    assert model.alliance.charter.sharing.value == "equal"


def test_events_are_recorded_in_summary_and_timeseries(tmp_path):
    events = [
        {"kind": "entry_wave", "step": 3, "entrants": 5},
        {"kind": "demand_shock", "step": 6, "factor": 2.0},
    ]
    result = run_scenario(small(Mode.MARKET_ONLY, events=events), steps=8, seed=SEED)
    frame = result.timeseries
    assert frame.loc[frame["events_fired"] > 0, "step"].tolist() == [3, 6]
    out = result.write(tmp_path / "run")
    summary = json.loads((out / "summary.json").read_text())
    assert [(e["step"], e["kind"]) for e in summary["events"]] == [
        (3, "entry_wave"),
        (6, "demand_shock"),
    ]


def test_subsidy_phase_out_needs_an_administration():
    with pytest.raises(ScenarioError, match="subsidy_phase_out needs an administration"):
        validate_scenario({"events": [{"kind": "subsidy_phase_out", "step": 3}]}, "x.yaml")


def test_charter_change_rejects_unknown_keys():
    data = {"events": [{"kind": "charter_change", "step": 3, "changes": {"fe": 1}}]}
    with pytest.raises(ScenarioError, match="unknown charter key"):
        validate_scenario(data, "x.yaml")


def test_unknown_event_kind_is_rejected():
    with pytest.raises(ScenarioError, match="events"):
        validate_scenario({"events": [{"kind": "meteor", "step": 3}]}, "x.yaml")


def test_entry_wave_adds_to_the_regular_entrants():
    # A positive entry rate, and no fixed costs so that incumbents profit and invite
    # entrants: the wave comes on top of them. The two runs share their seed, so up to
    # the wave they are the same.
    population = {"entry_rate": 0.05, "entry_hurdle": 1e-6}
    market = {"fixed_cost_per_capacity": 0.0}
    wave = [{"kind": "entry_wave", "step": 2, "entrants": 30}]
    with_wave = run(Mode.MARKET_ONLY, wave, 2, population=population, market=market)
    without = run(Mode.MARKET_ONLY, [], 2, population=population, market=market)
    regular = int(without.dataframe()["entrants"].iloc[-1])
    assert regular > 0
    assert int(with_wave.dataframe()["entrants"].iloc[-1]) == regular + 30
    assert with_wave.last_entrants == regular + 30


def test_a_charter_change_of_the_fee_reaches_the_society_that_sets_fees():
    events = [{"kind": "charter_change", "step": 2, "changes": {"fee": 0.2}}]
    model = run(Mode.SOCIETY_LED, events, 2, governance={"form": "loose"})
    assert model.society.fee == pytest.approx(0.2)
    assert model.alliance.charter.fee == pytest.approx(0.2)

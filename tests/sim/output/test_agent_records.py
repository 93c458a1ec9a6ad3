"""Agent-level records (outcomes.agent_records_every): each firm's strategy, membership,
cash, capacity, quality and reputation at the chosen steps, as Mesa's agent reporters
collect them, equal to the firms' state at those steps; off, they cost nothing."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.commands.main import main
from sim.model import AllianceModel
from sim.output.agent_records import AgentRecorder
from sim.scenario import Mode, ScenarioError, load_named_scenario
from sim.scenario.mode_files import mode_scenario

SMALL = {"population": {"enterprises": 80}, "market": {"projects_per_initial_firm": 0.6}}


def scenario(every: int, mode: Mode = Mode.GOVERNMENT_LED):
    return mode_scenario(mode, outcomes={"agent_records_every": every}, **SMALL)


def faces_snapshot(model: AllianceModel) -> dict[int, tuple]:
    """The firms in business read one by one through their Mesa agents (not the arrays)."""
    return {
        face.unique_id: (
            face.action.name.lower(),
            face.is_member,
            face.cash,
            face.capacity,
            face.quality,
            face.reputation,
        )
        for face in model.enterprises()
        if face.in_business
    }


def test_records_equal_the_firms_at_the_recorded_steps():
    model = AllianceModel(scenario(3), rng=5)
    expected = {0: faces_snapshot(model)}
    for _ in range(7):
        model.step()
        if model.steps % 3 == 0:
            expected[model.steps] = faces_snapshot(model)
    frame = model.agent_records.frame()
    assert frame.index.names == ["Step", "AgentID"]
    assert sorted(set(frame.index.get_level_values("Step"))) == [0, 3, 6]
    assert model.agent_records.steps == [0, 3, 6]
    columns = ["strategy", "member", "cash", "capacity", "quality", "reputation"]
    for step, firms in expected.items():
        at = frame.xs(step, level="Step")
        assert sorted(at.index) == sorted(firms)
        got = {
            agent: tuple(row)
            for agent, row in zip(
                at.index, at[columns].itertuples(index=False, name=None), strict=True
            )
        }
        assert {a: (str(v[0]), bool(v[1]), *v[2:]) for a, v in got.items()} == firms
    strategies = set(frame["strategy"].astype(str))
    assert strategies <= {"contribute", "free_ride", "outside"} and len(strategies) >= 2


def test_entrants_are_new_agents_and_the_bankrupt_are_not_recorded():
    model = AllianceModel(
        mode_scenario(
            Mode.MARKET_ONLY,
            outcomes={"agent_records_every": 1},
            population={"enterprises": 60},
            events=[{"kind": "entry_wave", "step": 2, "entrants": 5}],
        ),
        rng=2,
    )
    model.run(3)
    frame = model.agent_records.frame()
    for step in range(4):
        at = frame.xs(step, level="Step")
        assert len(at) == int(model.recorder.frame()["enterprises"].iloc[step])
        assert at.index.is_unique
    before = set(frame.xs(2, level="Step").index) - set(frame.xs(1, level="Step").index)
    assert len(before) >= 5  # the wave's entrants carry ids no firm had before


def test_mesa_agent_vars_dataframe_gives_the_same_records():
    model = AllianceModel(scenario(2), rng=1)
    model.run(4)
    mesa_frame = model.datacollector.get_agent_vars_dataframe()
    ours = model.agent_records.frame()
    assert mesa_frame.index.names == ["Step", "AgentID"]
    assert list(mesa_frame.columns) == list(ours.columns)
    expected = ours.assign(strategy=ours["strategy"].astype(str))
    pd.testing.assert_frame_equal(mesa_frame, expected, check_dtype=False)
    one = next(iter(model.enterprises()))
    reporters = model.datacollector.agent_reporters
    assert reporters["cash"](one) == one.cash and reporters["member"](one) == one.is_member
    assert reporters["strategy"](one) == one.action.name.lower()


def test_off_records_nothing_and_reads_nothing():
    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError(f"an agent recorder that is off read model.{name}")

    off = AgentRecorder(0)
    for step in range(5):
        off.record(Untouchable(), step)
    assert off.frame().empty and off.steps == []
    model = AllianceModel(scenario(0), rng=4)
    series_off = model.run(4)
    assert model.agent_records.frame().empty
    with pytest.raises(UserWarning, match="No agent reporters"):
        model.datacollector.get_agent_vars_dataframe()
    series_on = AllianceModel(scenario(1), rng=4).run(4)
    pd.testing.assert_frame_equal(series_off, series_on)  # recording draws and changes nothing


@pytest.mark.parametrize(
    ("value", "fragment"), [(-1, "[0, 1e+06]"), (True, "not true or false"), (2.5, "whole number")]
)
def test_the_interval_is_checked(value, fragment):
    with pytest.raises(ScenarioError, match=r"outcomes\.agent_records_every") as info:
        load_named_scenario(
            "default", overrides=[f"outcomes.agent_records_every={str(value).lower()}"]
        )
    assert fragment in str(info.value)


def test_run_writes_agents_parquet_only_when_on(tmp_path, capsys):
    args = ["--steps", "4", "--seed", "3", "--set", "population.enterprises=80"]
    on, off = tmp_path / "on", tmp_path / "off"
    assert (
        main(
            [
                "run",
                "market_only",
                *args,
                "--set",
                "outcomes.agent_records_every=2",
                "--out",
                str(on),
            ]
        )
        == 0
    )
    assert "agents.parquet" in capsys.readouterr().out
    assert main(["run", "market_only", *args, "--out", str(off)]) == 0
    assert not (off / "agents.parquet").exists()
    agents = pd.read_parquet(on / "agents.parquet")
    assert sorted(agents["Step"].unique()) == [0, 2, 4]
    again = AllianceModel(
        load_named_scenario(
            "market_only",
            overrides=[*["population.enterprises=80"], "outcomes.agent_records_every=2"],
        ),
        rng=3,
    )
    again.run(4)
    expected = again.agent_records.frame().reset_index()
    pd.testing.assert_frame_equal(agents, expected, check_categorical=False)
    import pyarrow.parquet as pq

    meta = pq.read_schema(on / "agents.parquet").field("cash").metadata
    assert meta[b"unit"] == b"MU"


def test_a_sweep_refuses_agent_records(tmp_path):
    from sim.experiment.loading import load_experiment

    path = tmp_path / "e.yaml"
    path.write_text(
        "name: x\nscenarios: [market_only]\nfactors:\n  outcomes.agent_records_every: [0, 5]\n"
    )
    with pytest.raises(ScenarioError, match="not agent records"):
        load_experiment(path)
    (tmp_path / "s.yaml").write_text("outcomes:\n  agent_records_every: 5\n")
    path.write_text("name: x\nscenarios: [s.yaml]\nbaseline: null\n")
    with pytest.raises(
        ScenarioError, match=r"scenario s\.yaml sets outcomes\.agent_records_every to 5"
    ):
        load_experiment(path)

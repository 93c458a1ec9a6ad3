"""``alliance run`` (one scenario, its final outcomes, optionally a results folder) and
``alliance modes`` (the construction modes, one line each).

    alliance run SCENARIO [--steps N] [--seed S] [--set KEY=VALUE ...] [--out DIR]
    alliance modes

SCENARIO is a scenario file or a construction mode's name (``alliance run
government_led``), resolved as an experiment file's ``scenarios:`` are
(:func:`sim.scenario.load_named_scenario`); an experiment file is refused in one line
that points to ``alliance sweep``.

``--out`` is checked before the run starts; results are written before the table is
printed, so a reader that closes the pipe early loses nothing.
"""

from __future__ import annotations

import argparse

from sim.commands.arguments import run_length, whole_number
from sim.output.results_folder import check_out_dir
from sim.scenario import EventKind, ScenarioError, load_named_scenario

FINAL_COLUMNS = (
    ("enterprises", "{:.0f}"),
    ("member_share", "{:.3f}"),
    ("cooperation_share", "{:.3f}"),
    ("alliance_active", "{}"),
    ("surplus", "{:.2f}"),
    ("mean_quality", "{:.3f}"),
    ("public_cost", "{:.2f}"),
    ("gini", "{:.3f}"),
    ("sme_member_share", "{:.3f}"),
    ("welfare", "{:.2f}"),
    ("value_added", "{:.2f}"),
)


def add_run_parsers(commands) -> None:
    """Register ``run`` and ``modes`` on the CLI's subparsers."""
    run = commands.add_parser("run", help="run one scenario and print its final outcomes")
    run.add_argument(
        "scenario",
        help="scenario YAML file (see scenarios/default.yaml) or a construction mode's name "
        "(market_only, government_led, ...; see alliance modes)",
    )
    run.add_argument(
        "--steps",
        type=run_length,
        default=None,
        help="steps to run (one step = one quarter; default: the scenario's)",
    )
    run.add_argument(
        "--seed",
        type=whole_number,
        default=None,
        help="random seed (default: drawn and recorded in summary.json)",
    )
    run.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a scenario key, e.g. --set alliance.fee=0.2",
    )
    run.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="write timeseries.parquet and summary.json into DIR (and agents.parquet when "
        "outcomes.agent_records_every is above 0)",
    )
    commands.add_parser("modes", help="list the construction modes, one line each")


def command_run(args: argparse.Namespace) -> int:
    steps = [] if args.steps is None else [f"steps={args.steps}"]
    try:
        scenario = load_named_scenario(args.scenario, overrides=[*args.overrides, *steps])
    except ScenarioError:
        from sim.experiment.loading import refuse_an_experiment

        refuse_an_experiment(args.scenario)
        raise
    if args.out is not None:
        check_out_dir(args.out)
    from sim.output.results import run_scenario  # the model's imports: only once input is good

    result = run_scenario(scenario, seed=args.seed)
    where = None if args.out is None else result.write(args.out)
    print(final_table(result.summary))
    if where is not None:
        agents = ", agents.parquet" if scenario.outcomes.agent_records_every else ""
        print(f"wrote {where}/timeseries.parquet{agents} and summary.json")
    return 0


def command_modes(args: argparse.Namespace) -> int:
    from sim.scenario.modes import describe_modes

    print(describe_modes())
    return 0


def final_table(summary: dict) -> str:
    """A short table of final and time-averaged outcomes."""
    final, mean = summary["final"], summary["time_average"]
    lines = [
        f"scenario {summary['scenario']['name']!r}, seed {summary['seed']}, "
        f"{summary['steps']} steps, {summary['wall_time_seconds']:.2f} s",
        f"{'outcome':<20}{'final':>12}{'mean':>12}",
    ]
    for name, fmt in FINAL_COLUMNS:
        last = final.get(name)
        avg = mean.get(name)
        lines.append(f"{name:<20}{_cell(fmt, last):>12}{_cell('{:.3f}', avg):>12}")
    for name, value in summary.get("outcomes", {}).items():
        lines.append(f"{name:<26}{_cell('{:.4g}', value):>18}")
    declared = {kind.value for kind in EventKind}
    fired = [f"{e['kind']}@{e['step']}" for e in summary.get("events", ()) if e["kind"] in declared]
    if fired:
        lines.append(f"events fired: {', '.join(fired)} (follow-ups in summary.json)")
    return "\n".join(lines)


def _cell(fmt: str, value) -> str:
    return "-" if value is None else fmt.format(value)

"""``alliance policy MODE --lever KEY --range LOW HIGH --success TEXT``: policy search.

    alliance policy government_led --lever administration.subsidy --range 0 1 \\
        --success "final.alliance_active >= 1 and final_window.cooperation_share >= 0.5" \\
        --target 0.8 --tolerance 0.1 [--steps N] [--set KEY=VALUE ...] [--workers N]

Finds the cheapest level of a public lever with P(success) ≥ target (a fitted, inverted
and bootstrapped dose–response, refined by adaptive runs, confirmed with common seeds)
and writes the runs, the acceptability curve, a Markdown page and a figure to ``--out``
(default ``results/policy/<mode>-<lever>``). The work is in
:mod:`sim.experiment.policy_search`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sim.commands.arguments import run_length, whole_number

USAGE_ERROR = 2


def add_policy_parser(commands) -> None:
    """Register ``alliance policy`` on the CLI's subparsers."""
    parser = commands.add_parser("policy", help="cheapest public support with P(success) >= p*")
    parser.add_argument("mode", help="a construction mode with public money")
    parser.add_argument("--lever", required=True, help="public lever (a scenario key)")
    parser.add_argument("--range", nargs=2, type=float, required=True, metavar=("LOW", "HIGH"))
    parser.add_argument("--success", required=True, help="condition on a run, e.g. 'collapse'")
    parser.add_argument("--target", type=float, default=0.8, help="p*, default 0.8")
    parser.add_argument("--tolerance", type=float, help="interval width on the level to reach")
    parser.add_argument("--steps", type=run_length, help="steps per run (default the mode's)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--workers", type=whole_number, help="local processes (1: in-process)")
    parser.add_argument("--seed", type=whole_number, default=20230842, help="root seed")
    parser.add_argument("--initial-runs", type=whole_number, default=8, help="runs per level")
    parser.add_argument("--max-runs", type=whole_number, default=400, help="run budget of the fit")
    parser.add_argument("--confirm-runs", type=whole_number, default=40)
    parser.add_argument("--out", metavar="DIR", help="output folder")


def command_policy(args: argparse.Namespace) -> int:
    from sim.experiment.conditions import ConditionError, RunCondition, parse_condition
    from sim.experiment.public_levers import PolicyError, public_lever, public_mode

    try:
        mode, lever = public_mode(args.mode), public_lever(args.lever)
        condition = parse_condition(args.success)
        if not isinstance(condition, RunCondition):
            raise PolicyError("--success must be a condition on a run, not 'A beats B'")
        _check_outcomes(condition)
        settings = _settings(args)
    except (ConditionError, PolicyError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return USAGE_ERROR
    return _search(args, mode.value, lever.value, condition, settings)


def _settings(args: argparse.Namespace):
    from sim.experiment.policy_search import SearchSettings

    low, high = args.range
    tolerance = args.tolerance if args.tolerance is not None else (high - low) / 10
    return SearchSettings(
        low,
        high,
        args.target,
        tolerance,
        initial_runs=args.initial_runs,
        max_runs=args.max_runs,
        confirm_runs=args.confirm_runs,
        seed=args.seed,
    )


def _check_outcomes(condition) -> None:
    from sim.experiment.conditions import ConditionError
    from sim.experiment.outcomes import unknown_outcome_message

    for name in condition.outcomes:
        problem = unknown_outcome_message(name)
        if problem:
            raise ConditionError(problem)


def _search(args, mode: str, lever: str, condition, settings) -> int:
    from sim.experiment.executors import InProcess, LocalPool
    from sim.experiment.policy_output import PolicyQuestion, write_policy
    from sim.experiment.policy_runs import ModelResponse, lever_scenario
    from sim.experiment.policy_search import search_policy
    from sim.scenario import load_named_scenario

    scenario = load_named_scenario(mode, overrides=args.set)
    for level in args.range:  # a level the schema refuses fails here, before any run
        lever_scenario(scenario, lever, level)
    workers = args.workers or os.cpu_count() or 1
    executor = InProcess() if workers == 1 else LocalPool(workers)
    steps = args.steps or scenario.steps
    response = ModelResponse(scenario, lever, condition, executor, steps, args.seed)
    try:
        result = search_policy(response, settings)
    finally:
        executor.close()
    out = Path(args.out) if args.out else Path("results") / "policy" / f"{mode}-{lever}"
    question = PolicyQuestion(mode, lever, str(condition))
    written, sentences = write_policy(question, result, settings, response.runs(), out)
    print("\n".join(sentences))
    print(f"{len(written)} files in {out}")
    return 0

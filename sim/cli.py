"""The ``alliance`` command.

    alliance run SCENARIO [--steps N] [--seed S] [--set KEY=VALUE ...] [--out DIR]
    alliance modes          (the construction modes, one line each, from sim.modes)
    alliance validate [--quick] [--docs DIR]
    alliance sweep|status|summarise|merge|export ...   (sim/sweep_commands.py)
    alliance diagnose SCENARIO [--set ...] [--at STEPS] [--strict]   (sim/diagnose_command.py)

    alliance --version

User mistakes (a missing or malformed scenario, a bad ``--set``, an ``--out`` that
cannot be written) print one clear message and exit with status 2, writing nothing;
``--out`` is checked before the run starts. A failure to write results (a full disk)
names the file and exits with status 1. Ctrl-C prints one line and exits with 130;
a reader that closes the pipe early (``alliance run ... | head``) gets one line on
standard error and status 141, as for a process ended by SIGPIPE. Results are written
before the table is printed, so neither loses them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sim.diagnose_command import add_diagnose_parser, command_diagnose
from sim.experiment.store import StoreError
from sim.results_folder import ResultsFolderError, ResultsWriteError, check_out_dir
from sim.scenario import EventKind, Scenario, ScenarioError, load_scenario
from sim.signals import guarded
from sim.sweep_commands import SWEEP_COMMANDS, add_sweep_parsers

USAGE_ERROR = 2
WRITE_ERROR = 1

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
)


class OneLineParser(argparse.ArgumentParser):
    """Command-line mistakes in one line (no usage block), exit status 2."""

    def error(self, message: str):
        self.exit(USAGE_ERROR, f"error: {self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="alliance",
        description="Agent-based simulator of an archives industry alliance (Guo & Wu 2023).",
    )
    parser.add_argument(
        "--version", action=VersionAction, help="print the version and where the code runs from"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run one scenario and print its final outcomes")
    run.add_argument("scenario", help="scenario YAML file (see scenarios/default.yaml)")
    run.add_argument(
        "--steps",
        type=_steps,
        default=None,
        help="steps to run (one step = one quarter; default: the scenario's)",
    )
    run.add_argument(
        "--seed",
        type=_non_negative,
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
        help="write timeseries.parquet and summary.json into DIR",
    )
    commands.add_parser("modes", help="list the construction modes, one line each")
    add_validate_parser(commands)
    add_sweep_parsers(commands, _non_negative)
    add_diagnose_parser(commands, _non_negative)
    return parser


class VersionAction(argparse.Action):
    """``--version``: the installed version, and the commit when run from a checkout."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from sim.provenance import PROJECT, SOURCE_ROOT, checkout_state, installed_version

        text = f"alliance {installed_version(PROJECT)}"
        commit, dirty = checkout_state(SOURCE_ROOT)
        if commit:
            text += f" (checkout {commit[:12]}{', modified' if dirty else ''})"
        print(text)
        parser.exit()


def add_validate_parser(commands) -> None:
    """``alliance validate``: the canonical-game checks of ``sim.validation``."""
    validate = commands.add_parser(
        "validate", help="reduce the model to canonical games and check their known results"
    )
    validate.add_argument(
        "--quick", action="store_true", help="small, short runs (a few minutes; what CI runs)"
    )
    validate.add_argument(
        "--docs",
        default="docs",
        metavar="DIR",
        help="where the full run writes validation.md and figures",
    )
    validate.add_argument(
        "--workers",
        type=_non_negative,
        default=None,
        metavar="N",
        help="processes for independent runs (default: all cores)",
    )


def command_validate(args: argparse.Namespace) -> int:
    """Print the validation table; exit 1 if any check fails."""
    import os
    import time
    from pathlib import Path

    from sim.validation import run_validation
    from sim.validation.document import write_document
    from sim.validation.table import markdown_table, text_row

    workers = args.workers or os.cpu_count() or 1
    started = time.perf_counter()
    rows = run_validation(
        args.quick, progress=lambda row: print(text_row(row), flush=True), workers=workers
    )
    wall = time.perf_counter() - started
    passed = sum(r.passed for r in rows)
    print(f"\n{markdown_table(rows)}\n\n{passed}/{len(rows)} checks passed in {wall:.0f} s")
    if not args.quick:
        print(f"wrote {write_document(rows, Path(args.docs), wall)}")
    return 0 if all(r.passed for r in rows) else 1


def command_modes(args: argparse.Namespace) -> int:
    from sim.modes import describe_modes

    print(describe_modes())
    return 0


def _steps(text: str) -> int:
    """A run length within the schema's range for ``steps`` (checked before anything runs)."""
    from annotated_types import Le

    value = _non_negative(text)
    most = min(m.le for m in Scenario.model_fields["steps"].metadata if isinstance(m, Le))
    if value > most:
        raise argparse.ArgumentTypeError(f"must be at most {most:,} (steps); got {value:,}")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number; got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more; got {value}")
    return value


def command_run(args: argparse.Namespace) -> int:
    steps = [] if args.steps is None else [f"steps={args.steps}"]
    scenario = load_scenario(args.scenario, [*args.overrides, *steps])
    if args.out is not None:
        check_out_dir(args.out)
    from sim.results import run_scenario  # the model's imports: only once the input is good

    result = run_scenario(scenario, seed=args.seed)
    where = None if args.out is None else result.write(args.out)
    print(final_table(result.summary))
    if where is not None:
        print(f"wrote {where}/timeseries.parquet and summary.json")
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


def main(argv: Sequence[str] | None = None) -> int:
    """The ``alliance`` command; Ctrl-C, SIGTERM and a closed pipe end it with one line
    (:func:`sim.signals.guarded`)."""
    return guarded(lambda: dispatch(argv), report=_note)


def _note(line: str) -> None:
    print(f"alliance: {line}", file=sys.stderr)


def dispatch(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return command_run(args)
        if args.command == "modes":
            return command_modes(args)
        if args.command == "validate":
            return command_validate(args)
        if args.command == "diagnose":
            return command_diagnose(args)
        if args.command in SWEEP_COMMANDS:
            return SWEEP_COMMANDS[args.command](args)
    except (ScenarioError, ResultsFolderError, StoreError) as err:
        return _fail(str(err), USAGE_ERROR)
    except ResultsWriteError as err:
        return _fail(str(err), WRITE_ERROR)
    except BrokenPipeError:
        raise
    except OSError as err:
        where = err.filename or args.__dict__.get("scenario", "alliance")
        return _fail(f"{where}: {err.strerror or err}", USAGE_ERROR)
    parser.error(f"unknown command {args.command}")
    return USAGE_ERROR


def _fail(message: str, status: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())

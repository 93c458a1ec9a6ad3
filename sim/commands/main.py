"""The ``alliance`` command: its parser and dispatch.

    alliance run SCENARIO [--steps N] [--seed S] [--set KEY=VALUE ...] [--out DIR]
    alliance modes                                   (sim.commands.run)
    alliance validate [--quick] [--docs DIR]         (sim.commands.validate)
    alliance sweep|status|summarise|merge|export ... (sim.commands.sweep)
    alliance diagnose SCENARIO [--set ...] [--at STEPS] [--strict]   (sim.commands.diagnose)
    alliance discover STORE --condition TEXT [--mode M]            (sim.commands.discover)
    alliance policy MODE --lever KEY --range LOW HIGH --success TEXT  (sim.commands.policy)
    alliance explore [SCENARIO] [--port N]                         (sim.commands.explore)
    alliance report STORE [--no-audit]               (sim.commands.report)

    alliance --version

User mistakes (a missing or malformed scenario, a bad ``--set``, an ``--out`` that
cannot be written) print one clear message and exit with status 2, writing nothing;
``--out`` is checked before the run starts. A failure to write results (a full disk)
names the file and exits with status 1. Ctrl-C prints one line and exits with 130;
a reader that closes the pipe early (``alliance run ... | head``) gets one line on
standard error and status 141, as for a process ended by SIGPIPE
(:mod:`sim.commands.signals`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sim.commands.diagnose import add_diagnose_parser, command_diagnose
from sim.commands.discover import add_discover_parser, command_discover
from sim.commands.explore import add_explore_parser, command_explore
from sim.commands.policy import add_policy_parser, command_policy
from sim.commands.report import add_report_parser, command_report
from sim.commands.run import add_run_parsers, command_modes, command_run
from sim.commands.signals import guarded
from sim.commands.sweep import SWEEP_COMMANDS, add_sweep_parsers
from sim.commands.validate import add_validate_parser, command_validate
from sim.experiment.store import StoreError
from sim.output.results_folder import ResultsFolderError, ResultsWriteError
from sim.scenario import ScenarioError

USAGE_ERROR = 2
WRITE_ERROR = 1

COMMANDS = {
    "run": command_run,
    "modes": command_modes,
    "validate": command_validate,
    "diagnose": command_diagnose,
    "discover": command_discover,
    "policy": command_policy,
    "explore": command_explore,
    "report": command_report,
    **SWEEP_COMMANDS,
}


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
    add_run_parsers(commands)
    add_validate_parser(commands)
    add_sweep_parsers(commands)
    add_diagnose_parser(commands)
    add_discover_parser(commands)
    add_policy_parser(commands)
    add_explore_parser(commands)
    add_report_parser(commands)
    return parser


class VersionAction(argparse.Action):
    """``--version``: the installed version, and the commit when run from a checkout."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from sim.output.provenance import PROJECT, SOURCE_ROOT, checkout_state, installed_version

        text = f"alliance {installed_version(PROJECT)}"
        commit, dirty = checkout_state(SOURCE_ROOT)
        if commit:
            text += f" (checkout {commit[:12]}{', modified' if dirty else ''})"
        print(text)
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """The ``alliance`` command; Ctrl-C, SIGTERM and a closed pipe end it with one line
    (:func:`sim.commands.signals.guarded`)."""
    return guarded(lambda: dispatch(argv), report=_note)


def _note(line: str) -> None:
    print(f"alliance: {line}", file=sys.stderr)


def dispatch(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command in COMMANDS:
            return COMMANDS[args.command](args)
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

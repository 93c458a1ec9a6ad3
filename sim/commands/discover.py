"""``alliance discover STORE --condition TEXT``: scenario discovery with PRIM.

    alliance discover STORE --condition "collapse" [--mode MODE]
    alliance discover STORE --condition "final_window.cooperation_share < 0.5"
    alliance discover STORE --condition "society_led beats government_led on final_window.surplus"

Prints the finding as sentences and writes the trajectory, the box's limits, a Markdown
page and the trade-off and box figures to ``STORE/discovery/<condition>`` (or ``--out``).
The work is in :mod:`sim.experiment.discovery`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.commands.arguments import whole_number

USAGE_ERROR = 2


def add_discover_parser(commands) -> None:
    """Register ``alliance discover`` on the CLI's subparsers."""
    parser = commands.add_parser("discover", help="PRIM boxes where a condition holds")
    parser.add_argument("store", help="sweep store folder")
    parser.add_argument(
        "--condition",
        required=True,
        help="'collapse', 'OUTCOME < NUMBER' (<=, >, >=; join with 'and'), "
        "or 'A beats B on OUTCOME'",
    )
    parser.add_argument("--mode", help="only this mode's runs (conditions on runs)")
    parser.add_argument("--out", metavar="DIR", help="output folder")
    parser.add_argument("--seed", type=whole_number, default=0, help="holdout and resampling seed")
    parser.add_argument(
        "--resamples", type=whole_number, default=10, help="PRIM reruns on random halves"
    )


def command_discover(args: argparse.Namespace) -> int:
    from sim.experiment.conditions import ConditionError, parse_condition
    from sim.experiment.discovery import DiscoveryError, DiscoverySettings, discover
    from sim.experiment.discovery_cases import store_cases
    from sim.experiment.discovery_output import discovery_folder, write_discovery

    try:
        condition = parse_condition(args.condition)
        inputs, interest = store_cases(args.store, condition, args.mode)
        settings = DiscoverySettings(seed=args.seed, resamples=args.resamples)
        text = str(condition) + (f" (in {args.mode} runs)" if args.mode else "")
        found = discover(inputs, interest, text, settings)
    except (ConditionError, DiscoveryError) as err:
        print(f"error: {err}", file=sys.stderr)
        return USAGE_ERROR
    out = Path(args.out) if args.out else discovery_folder(Path(args.store), found.condition)
    written = write_discovery(found, out)
    print("\n".join(found.sentences()))
    print(f"{len(written)} files in {out}")
    return 0

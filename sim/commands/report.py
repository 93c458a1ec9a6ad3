"""``alliance report``: the policymakers' HTML report of a sweep store (part of the CLI layer).

    alliance report STORE [--no-audit]

Writes ``STORE/report.html`` (self-contained: styles and figures inline, nothing fetched)
with ``comparison.csv`` and ``comparison.md`` beside it, and prints the path
(:mod:`sim.report.build`). An experiment file with ``report: true`` asks ``alliance sweep``
to do the same when it ends.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_report_parser(commands) -> None:
    """Register ``report`` on the CLI's subparsers."""
    report = commands.add_parser(
        "report", help="write the policymakers' HTML report comparing the modes of a store"
    )
    report.add_argument("store", help="store folder (written by alliance sweep)")
    report.add_argument(
        "--no-audit",
        action="store_true",
        help="leave out the incentive audit (it reruns each mode's scenario once)",
    )


def command_report(args: argparse.Namespace) -> int:
    return print_report(Path(args.store), audit=not args.no_audit)


def print_report(store: Path, audit: bool = True) -> int:
    """Write the report of ``store`` and print where it is."""
    from sim.report.build import write_report

    files = write_report(store, audit=audit)
    print(
        f"report {files.html} (the table also as {files.csv.name} and {files.markdown.name}; "
        f"written in {files.seconds:.1f} s)"
    )
    return 0

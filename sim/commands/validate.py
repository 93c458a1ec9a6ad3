"""``alliance validate``: the model reduced to canonical games, checked against their
known results (:mod:`sim.validation`).

    alliance validate [--quick] [--docs DIR] [--workers N]
"""

from __future__ import annotations

import argparse

from sim.commands.arguments import whole_number


def add_validate_parser(commands) -> None:
    """Register ``validate`` on the CLI's subparsers."""
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
        type=whole_number,
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

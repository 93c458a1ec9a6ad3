"""``alliance explore``: the students' explorer in the browser (part of the CLI layer).

    alliance explore [SCENARIO] [--port N]

Serves the explorer (:mod:`sim.explorer`) on localhost, on a free port unless ``--port``
names one, and prints the address to open; it opens nothing itself. Ctrl-C stops it
(one line, status 130). The scenario file is validated before anything is served. The
explorer needs the optional extra ``viz`` (solara, through Mesa's visualisation); it is
imported only here, so the rest of the command runs without it.
"""

from __future__ import annotations

import argparse
import errno
import importlib.util
import sys

from sim.commands.arguments import whole_number

USAGE_ERROR = 2  # a missing extra or a port in use, as for every usage mistake
HIGHEST_PORT = 65535


def add_explore_parser(commands) -> None:
    """Register ``explore`` on the CLI's subparsers."""
    explore = commands.add_parser(
        "explore", help="watch firms decide in the browser (serves the explorer on localhost)"
    )
    explore.add_argument(
        "scenario", nargs="?", default=None, help="scenario YAML file (default: market only)"
    )
    explore.add_argument(
        "--port", type=_port, default=None, help="port to serve on (default: a free one)"
    )


def _port(text: str) -> int:
    port = whole_number(text)
    if port > HIGHEST_PORT:
        raise argparse.ArgumentTypeError(f"must be at most {HIGHEST_PORT}; got {port}")
    return port


def command_explore(args: argparse.Namespace) -> int:
    from sim.scenario import load_scenario

    if args.scenario:
        load_scenario(args.scenario)  # a mistake ends here, before anything is served
    if importlib.util.find_spec("solara") is None:
        print(
            "error: the explorer needs the optional extra 'viz': pip install -e '.[viz]'",
            file=sys.stderr,
        )
        return USAGE_ERROR
    from sim.explorer.serve import serve

    try:
        serve(args.scenario, args.port, _announce)
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            raise
        print(f"error: port {args.port} is in use; leave out --port to take a free one",
              file=sys.stderr)  # fmt: skip
        return USAGE_ERROR
    return 0


def _announce(url: str) -> None:
    print(f"alliance explorer at {url} (open it in a browser; Ctrl-C stops)", flush=True)

"""The ``alliance`` command: the entry point and parser (``main``), one module per
command family (``run``: run and modes; ``validate``; ``sweep``: sweep, status,
summarise, merge, export; ``diagnose``) and the handling of signals (``signals``).
Only this package prints or parses argv.
"""

import os
import signal
import sys
from pathlib import Path

INTERRUPTED_WHILE_STARTING = b"alliance: interrupted (Ctrl-C) while starting; nothing was done\n"


def _interrupted_while_starting(signum, frame) -> None:
    """Ctrl-C while the command's modules load: one line, status 130, no traceback (the
    command has done nothing yet). :func:`sim.commands.signals.guarded` takes over."""
    os.write(2, INTERRUPTED_WHILE_STARTING)
    os._exit(128 + signal.SIGINT)


if Path(sys.argv[0]).name == "alliance":  # the console script only, never a library user
    signal.signal(signal.SIGINT, _interrupted_while_starting)

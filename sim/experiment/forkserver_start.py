"""What the local pool's forkserver does before it imports the model: it is the first
module in the pool's forkserver preload list (``sim.experiment.executors``), and nothing
else imports it.

A worker is forked from the forkserver and then reads its start-up data (the pool's
queues and their semaphores) from the sweep. When the sweep has already stopped (a
Ctrl-C while workers start), those semaphores are gone and the worker would fail with a
``FileNotFoundError`` traceback after the sweep's one-line message. Such a worker has
nothing to do and nobody to tell: the forkserver's children report an error only while
the sweep that asked for them is alive. (Ctrl-C itself never reaches the forkserver or
its workers: they are started with SIGINT blocked.)
"""

from __future__ import annotations

import os
import sys
from types import TracebackType

from sim.experiment.parent_watch import alive

SWEEP = os.getppid()
"""The sweep's process: the forkserver's parent when this module is imported."""


def report_if_sweep_alive(
    kind: type[BaseException], value: BaseException, trace: TracebackType | None
) -> None:
    """``sys.excepthook`` of the forkserver's children: the usual traceback while the
    sweep lives, nothing once it has gone."""
    if alive(SWEEP):
        sys.__excepthook__(kind, value, trace)


sys.excepthook = report_if_sweep_alive

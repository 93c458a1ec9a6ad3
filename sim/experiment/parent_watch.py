"""Worker processes end when the sweep that started them dies.

A batch scheduler stops a job with SIGKILL, which the sweep cannot catch: its pool
workers (children of the forkserver, not of the sweep) would go on holding memory and
cores. Each worker runs a daemon thread that checks every ``PERIOD`` seconds whether
the sweep's process still lives (a zombie, killed but not yet reaped, counts as dead)
and ends the worker at once when it does not. A run in flight is lost with it; the
store never saw it, so resuming the sweep runs it again.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

PERIOD = 0.5  # seconds between checks: a worker outlives its sweep by at most this


def watch_parent(parent: int, period: float = PERIOD) -> threading.Thread:
    """Start the daemon thread that ends this process once process ``parent`` is gone."""
    thread = threading.Thread(
        target=_watch, args=(parent, period), name="parent-watch", daemon=True
    )
    thread.start()
    return thread


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): existence is all we can tell
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def _watch(parent: int, period: float) -> None:
    while alive(parent):
        time.sleep(period)
    os._exit(1)

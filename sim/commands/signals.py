"""How the command ends when it is stopped from outside: Ctrl-C (SIGINT), SIGTERM, or a
reader that closes the pipe early. One line of explanation, a conventional exit status
(128 + the signal's number) and no traceback. Nothing is half-written: the results
folder is staged and swapped in whole (``sim.output.results_folder``), and a stop unwinds
through its clean-up.

The caller passes ``report``, which shows the line to the user (this module prints
nothing itself).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator

INTERRUPTED = 128 + signal.SIGINT
TERMINATED = 128 + signal.SIGTERM
PIPE_CLOSED = 128 + signal.SIGPIPE


class Terminated(BaseException):
    """SIGTERM arrived; raised in the main thread so clean-up code runs."""


def guarded(body: Callable[[], int], report: Callable[[str], None]) -> int:
    """Run ``body`` and return its exit status, or the status of the signal that
    stopped it, after passing one line to ``report``."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)  # end start-up's handler
    try:
        with _terminate_by_exception():
            status = body()
            sys.stdout.flush()
        return status
    except KeyboardInterrupt:
        report("interrupted (Ctrl-C); stopped without leaving partial results")
        return INTERRUPTED
    except Terminated:
        report("terminated (SIGTERM); stopped without leaving partial results")
        return TERMINATED
    except BrokenPipeError:
        _discard_stdout()
        report("standard output was closed by its reader (broken pipe); the rest was dropped")
        return PIPE_CLOSED


@contextlib.contextmanager
def _terminate_by_exception() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_terminated(signum, frame) -> None:
    raise Terminated


def _discard_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's final flush is silent."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())

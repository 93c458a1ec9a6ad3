"""Signals held back while a block runs and delivered when it ends: for work that a
signal must not cut in the middle (numba compiling inside llvmlite's callbacks, where
a Ctrl-C is lost; the forkserver starting, whose children inherit the mask).

Two ways, for two needs. :func:`signals_held` blocks the signals in the calling
thread's mask, which a process started meanwhile inherits; but a signal sent to the
whole process (a Ctrl-C) goes to any thread that does not block it, and Python then
runs its handler in the main thread at once, inside the block. :func:`signals_deferred`
replaces the handlers instead: whichever thread the signal reaches, the handler that
runs only notes it, and the signal is raised again when the block ends."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterable, Iterator


@contextlib.contextmanager
def signals_held(signals: Iterable[signal.Signals]) -> Iterator[None]:
    """Block ``signals`` in this thread while the block runs; restore the mask after,
    which delivers any that arrived meanwhile (without ``pthread_sigmask``: no-op)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, set(signals))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextlib.contextmanager
def signals_deferred(signals: Iterable[signal.Signals]) -> Iterator[None]:
    """While the block runs, ``signals`` are only noted; after it, their handlers are
    put back and each noted signal is raised again, to take its usual course (a
    KeyboardInterrupt, a handler's clean stop). Python runs handlers in the main thread
    only, so elsewhere the block runs as it is (no handler could interrupt it there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    try:
        with contextlib.ExitStack() as restore:  # every handler put back, whatever raises
            for number in signals:
                before = signal.getsignal(number)
                if before is None:  # set outside Python: it could not be put back
                    continue
                signal.signal(number, lambda received, _frame: noted.append(received))
                restore.callback(signal.signal, number, before)
            yield
    finally:
        for number in dict.fromkeys(noted):
            signal.raise_signal(number)

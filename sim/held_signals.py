"""Signals held back while a block runs and delivered when it ends: for work that a
signal must not cut in the middle (numba compiling inside llvmlite's callbacks, where
a Ctrl-C is lost; the forkserver starting, whose children inherit the mask)."""

from __future__ import annotations

import contextlib
import signal
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

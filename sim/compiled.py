"""Loops compiled with numba when first called, so that importing the model does not
load numba (about half a second of start-up: ``alliance --help`` and the report need
none); the first step of a run does, and the compiled code is cached on disk.

The first call compiles (or loads the cache) inside llvmlite, which calls back into
Python; a Ctrl-C arriving in such a callback is reported as "ignored" and lost, or
surfaces as an unrelated error. So the first call holds SIGINT and SIGTERM back and
lets them through when it returns: the run then stops cleanly at the next step of
Python code, as it does anywhere else (``sim/commands/signals.py``)."""

from __future__ import annotations

import functools
import signal
from collections.abc import Callable
from typing import Any

from sim.held_signals import signals_held

HELD = (signal.SIGINT, signal.SIGTERM)


def compiled(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` compiled with ``numba.njit(cache=True)`` on its first call. It may
    not call another compiled function (numba must see the callee compiled)."""
    jitted = None

    @functools.wraps(function)
    def call(*args: Any) -> Any:
        nonlocal jitted
        if jitted is None:
            import numba

            with signals_held(HELD):
                dispatcher = numba.njit(cache=True)(function)
                result = dispatcher(*args)  # compiles, or loads the cache
            jitted = dispatcher
            return result
        return jitted(*args)

    return call

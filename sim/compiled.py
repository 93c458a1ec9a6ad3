"""Loops compiled with numba when first called, so that importing the model does not
load numba (about half a second of start-up: ``alliance --help`` and the report need
none); the first step of a run does, and the compiled code is cached on disk.

The first call compiles (or loads the cache) inside llvmlite, which calls back into
Python; a Ctrl-C arriving in such a callback is reported as "ignored" and lost, or
surfaces as an unrelated error. So the first call defers SIGINT and SIGTERM (their
handlers only note them, :func:`sim.held_signals.signals_deferred`) and raises them
again when it returns: the run then stops cleanly at the next step of
Python code, as it does anywhere else (``sim/commands/signals.py``). Later calls let a
signal's exception through as itself, not as the SystemError numba wraps it in
(:func:`signal_raised`)."""

from __future__ import annotations

import functools
import signal
from collections.abc import Callable
from typing import Any

from sim.held_signals import signals_deferred

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

            with signals_deferred(HELD):
                dispatcher = numba.njit(cache=True)(function)
                result = dispatcher(*args)  # compiles, or loads the cache
            jitted = dispatcher
            return result
        try:
            return jitted(*args)
        except SystemError as error:
            raise signal_raised(error) from None

    return call


def signal_raised(error: SystemError) -> BaseException:
    """What a compiled loop's call really raised. Returning arrays, the compiled code
    calls back into Python (numba unpickles their types), and a signal that arrived
    while the loop ran has its handler run there, at the first Python code: the
    handler's exception (a KeyboardInterrupt, the clean stop of SIGTERM) then surfaces
    as a SystemError (or two) caused by it. Returns the first exception down the chain
    of causes that is not a SystemError, else the error itself."""
    found: BaseException | None = error
    while isinstance(found, SystemError):
        found = found.__cause__ or found.__context__
    return error if found is None else found

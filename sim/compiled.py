"""Loops compiled with numba when first called, so that importing the model does not
load numba (about half a second of start-up: ``alliance --help`` and the report need
none); the first step of a run does, and the compiled code is cached on disk."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def compiled(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` compiled with ``numba.njit(cache=True)`` on its first call. It may
    not call another compiled function (numba must see the callee compiled)."""
    jitted = None

    @functools.wraps(function)
    def call(*args: Any) -> Any:
        nonlocal jitted
        if jitted is None:
            import numba

            jitted = numba.njit(cache=True)(function)
        return jitted(*args)

    return call

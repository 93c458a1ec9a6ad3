"""A Ctrl-C during the first call of a compiled loop (numba compiling inside llvmlite's
callbacks, where it would be lost or turn into an unrelated error) is held back and
delivered when the call returns (sim.compiled)."""

import os
import signal

import numpy as np
import pytest

from sim.compiled import HELD, compiled
from sim.held_signals import signals_held


def test_a_signal_inside_the_block_is_delivered_after_it():
    reached_end = False
    with pytest.raises(KeyboardInterrupt), signals_held(HELD):
        os.kill(os.getpid(), signal.SIGINT)
        reached_end = True  # not interrupted here
    assert reached_end


def test_the_first_call_holds_signals_and_later_calls_do_not(monkeypatch):
    held = []
    real = signals_held

    def spy(signals):
        held.append(set(signals))
        return real(signals)

    monkeypatch.setattr("sim.compiled.signals_held", spy)

    @compiled
    def total(x):
        s = 0.0
        for v in x:
            s += v
        return s

    assert total(np.arange(4.0)) == 6.0
    assert total(np.arange(5.0)) == 10.0
    assert held == [{signal.SIGINT, signal.SIGTERM}]

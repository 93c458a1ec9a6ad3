"""A Ctrl-C during the first call of a compiled loop (numba compiling inside llvmlite's
callbacks, where it would be lost or turn into an unrelated error) is held back and
delivered when the call returns (sim.compiled), whichever thread the signal reaches;
a blocked mask (sim.held_signals.signals_held, for the forkserver) holds a signal sent
to the thread itself."""

import os
import signal
import threading

import numpy as np
import pytest

from sim.compiled import HELD, compiled, signal_raised
from sim.held_signals import signals_deferred, signals_held


def test_a_signal_to_the_process_is_raised_after_the_deferring_block():
    reached_end = False
    with pytest.raises(KeyboardInterrupt), signals_deferred(HELD):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # many chances for the handler to run inside the block
            pass
        reached_end = True  # not interrupted here
    assert reached_end


def test_a_signal_that_another_thread_receives_is_deferred_too():
    """The kernel hands a process-wide signal to any thread that does not block it, and
    Python runs the handler in the main thread. A thread started before the block (so
    its mask blocks nothing) sends the signal from inside it: a blocked mask in the
    main thread would not hold it back."""
    go = threading.Event()
    sender = threading.Thread(target=lambda: go.wait() and os.kill(os.getpid(), signal.SIGINT))
    sender.start()
    reached_end = False
    with pytest.raises(KeyboardInterrupt), signals_deferred(HELD):
        go.set()
        sender.join()
        for _ in range(1000):  # many chances for the handler to run inside the block
            pass
        reached_end = True
    assert reached_end


def test_handlers_are_put_back_and_a_quiet_block_raises_nothing():
    before = {number: signal.getsignal(number) for number in HELD}
    with signals_deferred(HELD):
        assert all(signal.getsignal(number) != before[number] for number in HELD)
    assert {number: signal.getsignal(number) for number in HELD} == before


def test_a_noted_signal_is_raised_again_once_and_after_the_block(monkeypatch):
    raised = []
    monkeypatch.setattr(signal, "raise_signal", raised.append)
    with signals_deferred((signal.SIGTERM,)):
        for _ in range(2):  # as if it arrived twice
            signal.getsignal(signal.SIGTERM)(signal.SIGTERM, None)
        assert raised == []
    assert raised == [signal.SIGTERM]


def test_a_signal_to_this_thread_is_delivered_after_the_blocked_mask():
    reached_end = False
    with pytest.raises(KeyboardInterrupt), signals_held(HELD):
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)
        reached_end = True  # not interrupted here
    assert reached_end


def test_the_first_call_holds_signals_and_later_calls_do_not(monkeypatch):
    held = []
    real = signals_deferred

    def spy(signals):
        held.append(set(signals))
        return real(signals)

    monkeypatch.setattr("sim.compiled.signals_deferred", spy)

    @compiled
    def total(x):
        s = 0.0
        for v in x:
            s += v
        return s

    assert total(np.arange(4.0)) == 6.0
    assert total(np.arange(5.0)) == 10.0
    assert held == [{signal.SIGINT, signal.SIGTERM}]


@compiled
def _busy(n):
    """A loop long enough for a signal to arrive while it runs; it returns an array in
    a tuple, which numba boxes by calling back into Python (a handler's exception there
    came out as a SystemError)."""
    out = np.zeros(3)
    for i in range(n):
        out[i % 3] += 1.0
    return out, True


def test_a_signal_during_a_later_call_surfaces_as_itself_not_as_a_system_error():
    _busy(3)  # compiled (or loaded) first: the first call defers signals
    main = threading.get_ident()
    timer = threading.Timer(0.02, signal.pthread_kill, (main, signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        _busy(400_000_000)  # about half a second: the signal arrives while it runs
    timer.join()


def test_signal_raised_unwraps_only_a_caused_system_error():
    plain = SystemError("no cause")
    assert signal_raised(plain) is plain
    stop = KeyboardInterrupt()
    wrapped = SystemError("returned a result with an exception set")
    wrapped.__cause__ = stop
    assert signal_raised(wrapped) is stop


def test_signal_raised_follows_the_chain_through_system_errors():
    stop = KeyboardInterrupt()
    inner = SystemError("_numba_unpickle returned a result with an exception set")
    inner.__context__ = stop
    outer = SystemError("CPUDispatcher returned a result with an exception set")
    outer.__cause__ = inner
    assert signal_raised(outer) is stop

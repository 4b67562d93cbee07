"""A thread cannot be killed from outside: it stops when its own code sees a flag it was given and returns."""
import sys
import threading

import pytest

from claimspec import LONG, SETTLE, SHORT, Claim, cpython_only, finish, start_call, wait_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes="Terminating a thread is not supported; the thread is given a flag that tells it when to exit.",
    verdict="holds",
    truth=(
        "threading.Thread has no kill, terminate or stop method (multiprocessing.Process has terminate() "
        "and kill()). A thread ends when its target returns, so it must be asked: it checks a flag (an "
        "Event, or any shared variable) and returns. Even CPython's PyThreadState_SetAsyncExc, reachable "
        "only through ctypes, raises an exception in the thread only once it runs Python code again: it "
        "cannot stop a thread blocked in a wait."
    ),
    line=560,
    extra={"contrast": "multiprocessing.Process has terminate() and kill(); threading.Thread has neither"},
)


def test_a_thread_has_no_method_to_kill_or_stop_it():
    """`threading.Thread` has no `kill`, `terminate`, `stop` or similar method

    Red on a runtime whose Thread offered one (as multiprocessing.Process does)."""
    api = {name for name in dir(threading.Thread) if not name.startswith("_")}
    assert not api & {"kill", "terminate", "stop", "cancel", "interrupt", "abort", "raise_exception"}, api


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals: on Windows terminate() and kill() are the same call")
@pytest.mark.parametrize("method, signal_name", [("terminate", "SIGTERM"), ("kill", "SIGKILL")])
def test_a_process_by_contrast_can_be_stopped_from_outside(method, signal_name):
    """By contrast `multiprocessing.Process` has `terminate()` and `kill()`, which stop it by a signal"""
    import multiprocessing
    import signal
    import time

    child = multiprocessing.Process(target=time.sleep, args=(LONG,), name="sleeps-for-long")
    child.start()
    try:
        assert child.is_alive()
        getattr(child, method)()
        child.join(SHORT)
        assert not child.is_alive(), f"{method}() did not stop the child within {SHORT} s"
        assert child.exitcode == -getattr(signal, signal_name)
    finally:
        if child.is_alive():
            child.kill()
            child.join(SHORT)


def test_a_worker_that_checks_a_stop_flag_ends_when_the_flag_is_set():
    """A worker looping on `Event.is_set()` returns once another thread calls `set()`

    Red on an Event whose set() another thread cannot see (the worker would spin until the timeout)."""
    stop = threading.Event()
    steps = []

    def worker():
        while not stop.is_set():
            steps.append(1)
        return "stopped by its own code"

    pending = start_call(worker, name="worker")
    wait_until(lambda: len(steps) > 10, message="the worker made progress")
    assert pending.thread.is_alive()
    stop.set()
    assert finish(pending, timeout=SHORT) == "stopped by its own code"


@cpython_only
def test_even_an_asynchronous_exception_waits_until_a_blocked_thread_runs_python_again():
    """CPython's `PyThreadState_SetAsyncExc`, the nearest thing to a kill, cannot reach a thread blocked in a wait

    Red on a runtime that interrupted blocking waits with the pending exception."""
    import ctypes

    class Stop(Exception):
        pass

    release = threading.Event()
    outcome = []

    def worker():
        try:
            release.wait(LONG)
            for _ in range(10 ** 6):  # Python code: here the pending exception is raised
                pass
            outcome.append("finished normally")
        except Stop:
            outcome.append("stopped")

    pending = start_call(worker, name="worker")
    wait_until(lambda: pending.thread.ident, message="the worker has an ident")
    hit = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(pending.thread.ident), ctypes.py_object(Stop))
    assert hit == 1
    try:
        assert not pending.finished.wait(SETTLE), "the blocked thread was stopped while it waited"
    finally:
        release.set()
        finish(pending, timeout=SHORT)
    assert outcome == ["stopped"]

"""A subclass that defines __init__, start or join must call Thread's own, or the thread breaks; run() is meant to be replaced, and a clashing attribute breaks it either way."""
import threading

import pytest

from claimspec import LONG, SETTLE, SHORT, Claim, run_python

CLAIM = Claim(
    section="Method 2 of creating thread",
    notes=(
        "Be careful when a subclass defines the constructor or a method with the same name as a "
        "Thread method: it must then call the base class's method."
    ),
    verdict="partly",
    truth=(
        "right for the constructor and for the methods callers use: a subclass __init__ that "
        "skips Thread.__init__ leaves an object that cannot start (RuntimeError), and a join() "
        "that skips Thread.join no longer waits, for whoever calls it. threading itself does not "
        "rely on the subclass's join(): at exit the interpreter waits for a non-daemon thread "
        "through Thread's own internal state and never calls the override. Not for run(): it is "
        "the method meant to be replaced, and it need not call Thread.run. And calling the base is not enough for "
        "attributes: a subclass that stores its own value under one of Thread's internal names "
        "(self._started ...) breaks start() even though it called Thread.__init__."
    ),
    line=1035,
)


class ForgotInit(threading.Thread):
    def __init__(self, count):
        self.count = count

    def run(self):
        pass


def test_start_fails_when_the_subclass_did_not_call_thread_init():
    """start() raises RuntimeError when the subclass __init__ did not call Thread.__init__"""
    t = ForgotInit(3)
    with pytest.raises(RuntimeError, match="__init__"):
        t.start()


def test_other_thread_methods_fail_too_without_thread_init():
    """join() and the name attribute fail too without Thread.__init__"""
    t = ForgotInit(3)
    with pytest.raises((RuntimeError, AssertionError, AttributeError)):
        t.join(SHORT)
    with pytest.raises((AssertionError, AttributeError)):
        t.name


def test_a_join_override_that_skips_the_base_join_no_longer_waits():
    """A join() override that skips Thread.join returns while the thread still runs"""
    release = threading.Event()

    class Worker(threading.Thread):
        def run(self):
            release.wait(LONG)

        def join(self, timeout=None):
            return "joined"  # forgot threading.Thread.join(self, timeout)

    t = Worker()
    t.start()
    try:
        assert t.join() == "joined"
        assert t.is_alive(), "the override returned while the thread still runs"
    finally:
        release.set()
        threading.Thread.join(t, SHORT)
    assert not t.is_alive()


_EXIT_WITH_A_JOIN_OVERRIDE = """
    import sys
    import threading

    SETTLE = float(sys.argv[1])

    class Worker(threading.Thread):
        def run(self):
            threading.Event().wait(SETTLE)  # still running when the main thread ends
            print("worker done", flush=True)

        def join(self, timeout=None):
            print("the override was called", flush=True)
            return None  # skips Thread.join: returns at once

    Worker().start()
    print("main done", flush=True)
"""


def test_at_exit_the_interpreter_waits_for_the_thread_without_calling_its_join_override():
    """At exit the interpreter waits for a non-daemon subclass thread without calling its join() override"""
    # Red on a runtime whose shutdown joined threads through their (overridable) join() method:
    # it would print the override's line and, since the override does not wait, could exit
    # before the worker's.
    ran = run_python(_EXIT_WITH_A_JOIN_OVERRIDE, str(SETTLE))
    ran.assert_ok()
    assert ran.stdout.splitlines() == ["main done", "worker done"], ran.describe()


def test_a_join_override_that_calls_the_base_join_waits():
    """A join() override that calls Thread.join waits for the thread to end"""
    class Worker(threading.Thread):
        def run(self):
            pass

        def join(self, timeout=None):
            super().join(timeout)
            return "joined"

    t = Worker()
    t.start()
    assert t.join(SHORT) == "joined"
    assert not t.is_alive()


def test_run_is_replaced_without_calling_the_base_run():
    """run() is the method meant to be replaced: an override that never calls Thread.run works"""
    ran = []

    class Own(threading.Thread):
        def run(self):
            ran.append(threading.current_thread() is self)

    t = Own()
    t.start()
    t.join(SHORT)
    assert ran == [True] and not t.is_alive()


def test_an_attribute_named_like_a_thread_internal_breaks_start_though_init_was_called():
    """A subclass that sets self._started after Thread.__init__ cannot start: AttributeError

    Calling the base __init__ does not protect Thread's internal attributes; a runtime whose
    Thread kept its state elsewhere would start this thread, and the test would go red.
    """

    class Clashing(threading.Thread):
        def __init__(self):
            super().__init__()
            self._started = False  # meant as the subclass's own flag

        def run(self):
            pass

    with pytest.raises(AttributeError):
        Clashing().start()

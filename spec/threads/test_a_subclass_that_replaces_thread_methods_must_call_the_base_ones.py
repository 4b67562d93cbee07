"""A subclass that defines __init__ or another Thread method must call Thread's own, or the thread breaks."""
import threading

import pytest

from claimspec import LONG, SHORT, Claim

CLAIM = Claim(
    section="Method 2 of creating thread",
    notes=(
        "Be careful when a subclass defines the constructor or a method with the same name as a "
        "Thread method: it must then call the base class's method."
    ),
    verdict="holds",
    extra={"also": "a constructor argument that is never stored does nothing (the notes' CounterThread(10) and (7) both count to 10)"},
)


class ForgotInit(threading.Thread):
    def __init__(self, count):
        self.count = count

    def run(self):
        pass


def test_start_fails_when_the_subclass_did_not_call_thread_init():
    t = ForgotInit(3)
    with pytest.raises(RuntimeError, match="__init__"):
        t.start()


def test_other_thread_methods_fail_too_without_thread_init():
    t = ForgotInit(3)
    with pytest.raises((RuntimeError, AssertionError, AttributeError)):
        t.join(SHORT)
    with pytest.raises((AssertionError, AttributeError)):
        t.name


def test_a_join_override_that_skips_the_base_join_no_longer_waits():
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


def test_a_join_override_that_calls_the_base_join_waits():
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


def test_a_constructor_argument_that_is_not_stored_never_reaches_run():
    counted = {}

    class CounterThread(threading.Thread):
        def __init__(self, c):
            super().__init__()  # c is dropped, as in the notes

        def run(self):
            counted[self.name] = sum(1 for _ in range(10))

    threads = [CounterThread(10), CounterThread(7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(SHORT)
    assert sorted(counted.values()) == [10, 10], "both count to 10, whatever they were given"

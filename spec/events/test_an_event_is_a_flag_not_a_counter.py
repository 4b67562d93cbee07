"""An Event is a flag, not a counter: setting it twice or clearing it twice changes nothing, and a wait consumes nothing."""
import threading

from claimspec import SETTLE, SHORT, Claim, blocks_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes=(
        "Event() makes an event; set() and clear() are not counters but only change a state, "
        "which is_set() reads."
    ),
    verdict="holds",
    truth=(
        "an Event starts clear; set() and clear() each put the flag in one state however often they are "
        "called, and wait() reads the flag without consuming it (unlike a Semaphore's acquire)."
    ),
    line=565,
)


def test_a_new_event_is_clear():
    """A new `Event` is clear: `is_set()` returns False"""
    assert threading.Event().is_set() is False


def test_two_sets_are_undone_by_one_clear():
    """Two `set()` calls are undone by one `clear()`

    Red on an Event that counted like a Semaphore (the second set() would survive the clear())."""
    e = threading.Event()
    e.set()
    e.set()
    e.clear()
    assert e.is_set() is False
    assert e.wait(SETTLE) is False, "a second set() was remembered like a count"


def test_two_clears_are_undone_by_one_set():
    """Two `clear()` calls are undone by one `set()`

    Red on an Event that counted clears down below zero."""
    e = threading.Event()
    e.clear()
    e.clear()
    e.set()
    assert e.is_set() is True
    assert e.wait(0) is True


def test_waiting_does_not_use_up_the_flag():
    """A hundred `wait()` calls on a set `Event` all return True and leave it set

    Red on an auto-reset Event whose wait() consumed the flag."""
    e = threading.Event()
    e.set()
    assert all(e.wait(SHORT) for _ in range(100))
    assert e.is_set()


def test_one_set_lets_any_number_of_later_waits_through():
    """One `set()` lets five later `wait()` calls in a waiting thread through

    Red on an Event whose set() released one wait only."""
    e = threading.Event()
    results = []

    def waiters():
        for _ in range(5):
            results.append(e.wait(SHORT))
            if not results[-1]:
                break  # seen enough: no need to wait out SHORT four more times
        return results

    assert blocks_until(waiters, e.set) == [True] * 5

"""An Event is a flag: setting it twice or clearing it twice changes nothing, and a wait consumes nothing."""
import threading

from claimspec import SETTLE, SHORT, Claim, blocks_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes="Event.set() and Event.clear() are not counters: they only change a state (is_set() reads it).",
    verdict="holds",
)


def test_a_new_event_is_clear():
    assert threading.Event().is_set() is False


def test_two_sets_are_undone_by_one_clear():
    e = threading.Event()
    e.set()
    e.set()
    e.clear()
    assert e.is_set() is False
    assert e.wait(SETTLE) is False, "a second set() was remembered like a count"


def test_two_clears_are_undone_by_one_set():
    e = threading.Event()
    e.clear()
    e.clear()
    e.set()
    assert e.is_set() is True
    assert e.wait(0) is True


def test_waiting_does_not_use_up_the_flag():
    e = threading.Event()
    e.set()
    assert all(e.wait(SHORT) for _ in range(100))
    assert e.is_set()


def test_one_set_lets_any_number_of_later_waits_through():
    e = threading.Event()
    results = []

    def waiters():
        for _ in range(5):
            results.append(e.wait(SHORT))
        return results

    assert blocks_until(waiters, e.set) == [True] * 5

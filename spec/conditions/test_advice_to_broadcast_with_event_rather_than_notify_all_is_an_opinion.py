"""Preferring Event to notify_all for a broadcast is advice: both wake every waiter; Event also remembers."""
import threading

import pytest

from claimspec import LONG, SETTLE, SHORT, Claim, join_threads

CLAIM = Claim(
    section="ThreadSync: Condition",
    notes="Avoid c.notify_all(): if you want a broadcast condition, use an Event instead.",
    verdict="opinion",
    truth=(
        "Measurable: notify_all() and Event.set() both wake every thread waiting at that moment, "
        "and Event.set() is itself written with notify_all() on an internal Condition (threading.py, "
        "CPython 3.9-3.13 and PyPy), so it saves no wake-ups. What differs is memory: a set Event "
        "stays set, so a thread that waits after the broadcast passes at once, while notify_all() "
        "reaches only threads already waiting. Event suits a one-time 'it happened'; a Condition "
        "suits state that changes again and again and is tested by a predicate."
    ),
    line=1133,
)

WAITERS = 4


def _all_wake(start_waiting, broadcast):
    """Start WAITERS threads, broadcast once they all wait, return how many woke with True."""
    ready = threading.Semaphore(0)
    results = []
    lock = threading.Lock()

    def waiter():
        woke = start_waiting(ready)
        with lock:
            results.append(woke)

    threads = [threading.Thread(target=waiter) for _ in range(WAITERS)]
    for t in threads:
        t.start()
    for _ in range(WAITERS):
        assert ready.acquire(timeout=SHORT)
    broadcast()
    join_threads(threads, SHORT)
    return results.count(True)


def test_notify_all_wakes_every_thread_that_is_waiting():
    """`Condition.notify_all()` wakes all four threads waiting on the `Condition`"""
    c = threading.Condition()

    def start_waiting(ready):
        with c:
            ready.release()  # we hold the lock until wait() releases it
            return c.wait(LONG)

    def broadcast():
        with c:
            c.notify_all()

    assert _all_wake(start_waiting, broadcast) == WAITERS


def test_event_set_wakes_every_thread_that_is_waiting():
    """`Event.set()` wakes all four threads waiting on the `Event`"""
    ev = threading.Event()

    def start_waiting(ready):
        ready.release()  # a set() before our wait() still lets us through: an Event remembers
        return ev.wait(LONG)

    assert _all_wake(start_waiting, ev.set) == WAITERS


def test_a_thread_that_waits_after_notify_all_misses_it_but_not_a_set_event():
    """A `wait()` after `notify_all()` times out; a `wait()` after `Event.set()` returns True at once"""
    c = threading.Condition()
    with c:
        c.notify_all()
    with c:
        assert c.wait(SETTLE) is False
    ev = threading.Event()
    ev.set()
    assert ev.wait(SETTLE) is True


def test_event_set_itself_broadcasts_with_notify_all_on_an_inner_condition():
    """`Event.set()` calls `notify_all()` once on the `Condition` inside the `Event`"""
    ev = threading.Event()
    inner = getattr(ev, "_cond", None)
    if not isinstance(inner, threading.Condition):
        pytest.skip("this runtime's Event is not built on a threading.Condition")
    calls = []
    real = inner.notify_all

    def counting_notify_all():
        calls.append("notify_all")
        return real()

    inner.notify_all = counting_notify_all
    ev.set()
    assert ev.wait(0) is True
    assert calls == ["notify_all"]

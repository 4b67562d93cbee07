"""A Barrier short of parties holds its waiters until a timeout or abort() breaks it for all of them."""
import threading

import pytest

from claimspec import LONG, SETTLE, SHORT, Claim, finish
from spec.barriers.barrier_probes import waiting_at

CLAIM = Claim(
    section="ThreadSync: Barriers",
    notes=(
        "In the example each thread calls wait() (no timeout) to wait until all the threads have "
        "arrived, and only then moves ahead."
    ),
    verdict="holds",
    truth=(
        "If fewer threads arrive, wait() without a timeout blocks for good. A timeout (on wait() or "
        "the Barrier) or abort() breaks the barrier instead: every thread waiting gets "
        "BrokenBarrierError, and so does any later wait(), until reset()."
    ),
    line=1110,
)


def _broken(pending):
    with pytest.raises(threading.BrokenBarrierError):
        finish(pending, SHORT)
    return True


def test_waiters_short_of_a_party_stay_blocked_until_abort_breaks_the_barrier():
    """Two threads at a `Barrier(3)` stay blocked until `abort()` raises `BrokenBarrierError` in both"""
    # Red if waiters short of a party were let through, or abort() did not wake them.
    b = threading.Barrier(3, timeout=LONG)
    first, second = waiting_at(b, 2)
    assert not first.finished.wait(SETTLE) and not second.finished.is_set()
    b.abort()
    assert _broken(first) and _broken(second)
    assert b.broken


def test_a_timeout_on_one_waiter_breaks_the_barrier_for_every_waiter():
    """A `wait(timeout)` that runs out raises `BrokenBarrierError` there and in every other waiter"""
    b = threading.Barrier(3, timeout=LONG)
    (patient,) = waiting_at(b, 1, name="patient")  # would wait up to LONG
    with pytest.raises(threading.BrokenBarrierError):
        b.wait(SETTLE)
    assert _broken(patient)


def test_a_wait_without_a_timeout_uses_the_timeout_of_the_barrier():
    """`wait()` on a `Barrier(2, timeout=...)` short of a party raises `BrokenBarrierError` when it runs out"""
    b = threading.Barrier(2, timeout=SETTLE)
    with pytest.raises(threading.BrokenBarrierError):
        b.wait()
    assert b.broken


def test_a_broken_barrier_refuses_new_waiters_until_it_is_reset():
    """After `abort()` a `wait()` raises `BrokenBarrierError` at once; after `reset()` the `Barrier` works again"""
    b = threading.Barrier(2, timeout=LONG)
    b.abort()
    with pytest.raises(threading.BrokenBarrierError):
        b.wait(SHORT)  # raises at once, it does not wait
    b.reset()
    assert not b.broken
    (other,) = waiting_at(b, 1, name="other")
    assert sorted([b.wait(SHORT), finish(other, SHORT)]) == [0, 1]

"""A Barrier short of parties holds its waiters until a timeout or abort() breaks it for all of them."""
import threading

import pytest

from claimspec import LONG, SETTLE, SHORT, Claim, finish, start_call, stays_blocked, wait_until

CLAIM = Claim(
    section="ThreadSync: Barriers",
    notes=(
        "In the example every thread calls wait() with no timeout on a Barrier sized for the "
        "number of threads started, so all ten must arrive for any to go on."
    ),
    verdict="holds",
    truth=(
        "If fewer threads arrive, wait() without a timeout blocks for good. A timeout (on wait() or "
        "the Barrier) or abort() breaks the barrier instead: every thread waiting gets "
        "BrokenBarrierError, and so does any later wait(), until reset()."
    ),
)


def _broken(pending):
    with pytest.raises(threading.BrokenBarrierError):
        finish(pending)
    return True


def test_waiters_short_of_a_party_stay_blocked_until_abort_breaks_the_barrier():
    b = threading.Barrier(3, timeout=LONG)
    first = stays_blocked(b.wait)
    second = start_call(b.wait, name="second")
    wait_until(lambda: b.n_waiting == 2, message="two of three parties wait")
    assert not second.finished.wait(SETTLE)
    b.abort()
    assert _broken(first) and _broken(second)
    assert b.broken


def test_a_timeout_on_one_waiter_breaks_the_barrier_for_every_waiter():
    b = threading.Barrier(3, timeout=LONG)
    patient = start_call(b.wait, name="patient")  # would wait up to LONG
    wait_until(lambda: b.n_waiting == 1, message="the patient thread waits")
    with pytest.raises(threading.BrokenBarrierError):
        b.wait(SETTLE)
    assert _broken(patient)


def test_a_wait_without_a_timeout_uses_the_timeout_of_the_barrier():
    b = threading.Barrier(2, timeout=SETTLE)
    with pytest.raises(threading.BrokenBarrierError):
        b.wait()
    assert b.broken


def test_a_broken_barrier_refuses_new_waiters_until_it_is_reset():
    b = threading.Barrier(2, timeout=LONG)
    b.abort()
    with pytest.raises(threading.BrokenBarrierError):
        b.wait(SHORT)  # raises at once, it does not wait
    b.reset()
    assert not b.broken
    other = start_call(b.wait, name="other")
    assert sorted([b.wait(SHORT), finish(other)]) == [0, 1]

"""Keeping a Lock out of flow control is advice: a Lock has no owner, so one thread can release it to signal another.

The notes say a mutex is for data races only and never for flow control. Python does not enforce
that: `threading.Lock` has no owner, so a thread blocked in `acquire()` is woken by a `release()`
made in any other thread, which makes a held Lock a one-shot signal. As a signal it has traps that
`Event`, `Condition`, `Semaphore` and `Barrier` do not: one release lets one waiter through, and a
second release with no acquire in between raises `RuntimeError`. Only `RLock` has an owner.
"""
import threading

import pytest

from claimspec import SETTLE, SHORT, Claim, finish, join_threads, start_call, wait_until
from spec.locks.lock_probes import a_release_from_a_third_thread_wakes_a_blocked_acquire

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes="A mutex should be used only to protect data from races, and NOT for flow control.",
    verdict="opinion",
    truth=(
        "Style advice, not a rule of the runtime. threading.Lock has no owner: any thread may "
        "release it, and that release wakes a thread blocked in acquire(), so a held Lock works "
        "as a signal between threads. The advice is sound because a Lock makes a poor signal: "
        "each release lets exactly one waiter through (an Event lets all through) and releasing "
        "it twice without an acquire in between raises RuntimeError. Only RLock records an "
        "owner and refuses a release from another thread."
    ),
    line=1063,
)


def test_a_thread_that_never_acquired_the_lock_can_release_it():
    """A `Lock` acquired by one thread can be released by another; red if `Lock` checked an owner like `RLock`"""
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    releaser = start_call(lock.release, name="releaser")
    assert finish(releaser) is None
    assert not lock.locked()


def test_a_release_from_another_thread_wakes_the_thread_blocked_on_it():
    """A `release()` from a third thread wakes a thread blocked in `Lock.acquire()`, so a `Lock` can signal"""
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    assert a_release_from_a_third_thread_wakes_a_blocked_acquire(lock) is True
    lock.release()


def test_as_a_signal_one_release_lets_one_waiter_through_where_event_set_lets_all_through():
    """One `Lock.release()` lets one of two blocked threads through; one `Event.set()` lets both through"""
    # Red if a release let every blocked acquirer in (no mutual exclusion), or if set() woke only one.
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    passed = []
    count_lock = threading.Lock()

    def wait_on_lock():
        if lock.acquire(timeout=SHORT):
            with count_lock:
                passed.append("lock")

    waiters = [threading.Thread(target=wait_on_lock) for _ in range(2)]
    for t in waiters:
        t.start()
    lock.release()
    wait_until(lambda: passed, message="one waiter gets the lock")
    # the waiter that got in ends at once; the other must stay blocked in acquire(): watched for
    # SETTLE through its join (red where one release let both in: it would end and pass too)
    wait_until(lambda: sum(t.is_alive() for t in waiters) <= 1, message="the waiter that got in ends")
    still_blocked = [t for t in waiters if t.is_alive()]
    assert len(still_blocked) == 1, "both waiters got past one release"
    still_blocked[0].join(SETTLE)
    assert still_blocked[0].is_alive() and passed == ["lock"]
    lock.release()  # the second waiter needs a second release
    join_threads(waiters, SHORT)
    assert passed == ["lock", "lock"]

    event, woke = threading.Event(), []
    readers = [threading.Thread(target=lambda: woke.append(event.wait(SHORT))) for _ in range(2)]
    for t in readers:
        t.start()
    event.set()
    join_threads(readers, SHORT)
    assert woke == [True, True]


def test_signalling_twice_with_a_lock_before_anyone_takes_it_raises_runtime_error():
    """A second `Lock.release()` with no `acquire()` in between raises `RuntimeError`; a second `Event.set()` does not"""
    # Red if Lock counted releases like a Semaphore.
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    lock.release()
    with pytest.raises(RuntimeError):
        lock.release()
    event = threading.Event()
    event.set()
    event.set()
    assert event.is_set()


def test_rlock_by_contrast_refuses_a_release_from_a_thread_that_does_not_own_it():
    """An `RLock` has an owner: `release()` from another thread raises `RuntimeError`"""
    rlock = threading.RLock()
    assert rlock.acquire(timeout=SHORT)
    try:
        releaser = start_call(rlock.release, name="releaser")
        with pytest.raises(RuntimeError):
            finish(releaser)
    finally:
        rlock.release()

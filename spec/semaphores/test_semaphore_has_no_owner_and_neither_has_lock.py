"""A Semaphore has no owner, so one thread may acquire it and another release it; but threading.Lock has none either, so ownership is not what sets a Python mutex apart.

The notes say a Semaphore has no ownership, unlike a mutex. True of the Semaphore. Of Python's
mutexes only `RLock` has an owner; `threading.Lock` may be released by any thread, just like a
Semaphore. What sets `Lock` apart from `Semaphore(1)` is the count (a Semaphore counts releases
past 1, a Lock raises `RuntimeError`) and `locked()`, not ownership.
"""
import threading

import pytest

from claimspec import SHORT, Claim, blocks_until, finish, start_call
from spec.locks.lock_probes import a_release_from_a_third_thread_wakes_a_blocked_acquire

CLAIM = Claim(
    section="ThreadSync: Semaphore",
    notes=(
        "A Semaphore has no ownership: it can be acquired by one thread and released by another. "
        "This is the difference between a mutex and a semaphore."
    ),
    verdict="partly",
    truth=(
        "A Semaphore (or BoundedSemaphore) has no owner: any thread may release it, and the "
        "release wakes a thread blocked in acquire(); with no owner there is no re-entry either. "
        "But threading.Lock has no owner either: any thread may release it. Only RLock records an "
        "owner. So in Python ownership separates RLock from a Semaphore; Lock differs from "
        "Semaphore(1) by its count (a second release raises RuntimeError instead of counting)."
    ),
    line=1209,
)

KINDS = pytest.mark.parametrize("kind", [threading.Semaphore, threading.BoundedSemaphore],
                                ids=["Semaphore", "BoundedSemaphore"])


@KINDS
def test_a_thread_that_did_not_acquire_the_semaphore_can_release_it(kind):
    """A semaphore acquired in one thread can be released by another, which then can acquire it"""
    # Red if release() checked an owner, as RLock.release() does.
    sem = kind(1)
    assert finish(start_call(lambda: sem.acquire(timeout=SHORT), name="acquirer")) is True
    sem.release()  # this thread never acquired it
    assert sem.acquire(blocking=False) is True


def test_a_release_from_another_thread_wakes_the_thread_blocked_on_it():
    """A `Semaphore.release()` from a third thread wakes a thread blocked in `acquire()`"""
    sem = threading.Semaphore(1)
    assert sem.acquire(timeout=SHORT)
    assert a_release_from_a_third_thread_wakes_a_blocked_acquire(sem) is True


def test_the_holder_of_a_semaphore_of_one_blocks_on_its_own_second_acquire():
    """The thread holding a `Semaphore(1)` blocks on its own second `acquire()` until a release"""
    # Red if a Semaphore let its holder re-enter like an RLock.
    sem = threading.Semaphore(1)

    def acquire_twice():
        assert sem.acquire(timeout=SHORT)
        return sem.acquire(timeout=SHORT)  # blocks: no owner, so no re-entry

    assert blocks_until(acquire_twice, sem.release) is True


def test_threading_lock_has_no_owner_either_only_rlock_has_one():
    """A `Lock` released by a thread that never acquired it is freed; an `RLock` raises `RuntimeError`"""
    # Red if Lock checked an owner (then ownership would set Lock apart from Semaphore).
    outcomes = {}
    for name, make in (("Lock", threading.Lock), ("RLock", threading.RLock)):
        lock = make()
        assert lock.acquire(timeout=SHORT)
        try:
            finish(start_call(lock.release, name="releaser"), SHORT)
            outcomes[name] = "released"
        except RuntimeError:
            outcomes[name] = "RuntimeError"
            lock.release()
    assert outcomes == {"Lock": "released", "RLock": "RuntimeError"}


def test_what_sets_lock_apart_from_a_semaphore_of_one_is_the_count():
    """A second `release()` raises `RuntimeError` on a `Lock` but lets a `Semaphore(1)` be acquired twice"""
    lock, sem = threading.Lock(), threading.Semaphore(1)
    assert lock.acquire(timeout=SHORT) and sem.acquire(timeout=SHORT)
    lock.release()
    sem.release()
    with pytest.raises(RuntimeError):
        lock.release()
    sem.release()
    assert sem.acquire(blocking=False) and sem.acquire(blocking=False)

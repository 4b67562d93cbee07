"""A Lock has no owner: a thread that never acquired it may release it."""
import threading

from claimspec import SHORT, Claim, finish, start_call
from spec.locks.lock_probes import a_release_from_a_third_thread_wakes_a_blocked_acquire

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes=(
        "The Semaphore section names ownership as what sets a mutex apart from a semaphore, "
        "implying that a lock can only be released by the thread that acquired it."
    ),
    verdict="notes-wrong",
    truth=(
        "threading.Lock has no owner: any thread may release it, and doing so wakes a thread "
        "blocked on it. Only RLock records an owner and refuses a release from another thread."
    ),
)


def test_a_thread_that_never_acquired_the_lock_can_release_it():
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    releaser = start_call(lock.release, name="releaser")
    assert finish(releaser) is None
    assert not lock.locked()


def test_a_release_from_another_thread_wakes_the_thread_blocked_on_it():
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    assert a_release_from_a_third_thread_wakes_a_blocked_acquire(lock) is True
    lock.release()


def test_rlock_by_contrast_refuses_a_release_from_a_thread_that_does_not_own_it():
    rlock = threading.RLock()
    assert rlock.acquire(timeout=SHORT)
    try:
        releaser = start_call(rlock.release, name="releaser")
        try:
            finish(releaser)
        except RuntimeError:
            pass
        else:
            raise AssertionError("RLock let a thread that does not own it release it")
    finally:
        rlock.release()

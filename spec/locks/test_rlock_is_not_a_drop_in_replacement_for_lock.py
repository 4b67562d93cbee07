"""Importing RLock as Lock runs and keeps mutual exclusion, but it is no drop-in: the owner may re-acquire, and only the owner may release.

The notes' cell `from threading import RLock as Lock` runs and prints nothing. Code in which each
thread releases what it acquired, once per acquire, behaves the same with either lock. Code that
relies on a Lock blocking its own holder, or on releasing a Lock from another thread (a signal),
changes: an RLock lets its owner in again and raises RuntimeError on a release by another thread.
"""
import sys
import threading

import pytest

from claimspec import SHORT, Claim, finish, start_call
from spec.locks.lock_probes import frequent_switches

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes=(
        "A code cell imports RLock under the name Lock (`from threading import RLock as Lock`), "
        "as the way to switch code to the reentrant variant."
    ),
    verdict="partly",
    truth=(
        "The import runs, and code where each thread releases what it acquired, once per "
        "acquire, keeps its mutual exclusion. It is not a drop-in, though: code that relies on a "
        "Lock blocking its own holder, or on releasing a Lock from another thread, changes "
        "behaviour, since an RLock lets its owner in again and raises RuntimeError on a release "
        "by another thread. And code that asks a Lock whether it is held, lock.locked(), raises "
        "AttributeError with an RLock before 3.14: RLock.locked() came in CPython 3.14 "
        "(gh-115942); CPython 3.9-3.13, 3.13t and PyPy 3.9 and 3.11 lack it."
    ),
    line=1094,
)

KINDS = pytest.mark.parametrize("make_lock", [threading.Lock, threading.RLock], ids=["Lock", "RLock"])


@KINDS
def test_both_keep_a_critical_section_to_one_thread_at_a_time(make_lock):
    """Four threads in `with lock:` never overlap, with `Lock` or `RLock`"""
    # Red if the lock let a second thread in (e.g. an RLock granting re-entry to any thread).
    lock = make_lock()
    inside = []
    overlaps = []
    start = threading.Barrier(4, timeout=SHORT)

    def worker():
        start.wait()
        for _ in range(300):
            with lock:
                inside.append(1)
                if len(inside) > 1:
                    overlaps.append(len(inside))
                threading.current_thread()  # a call: a point where a switch may happen
                inside.pop()

    with frequent_switches():
        calls = [start_call(worker, name=f"worker-{i}") for i in range(4)]
        for call in calls:
            finish(call)
    assert overlaps == []


def test_a_second_acquire_by_the_holder_succeeds_with_rlock_but_not_with_lock():
    """A second non-blocking `acquire()` by the holder returns True with `RLock` and False with `Lock`"""
    outcomes = {}
    for name, make_lock in (("Lock", threading.Lock), ("RLock", threading.RLock)):
        lock = make_lock()
        assert lock.acquire(timeout=SHORT)
        outcomes[name] = lock.acquire(blocking=False)
        if outcomes[name]:
            lock.release()
        lock.release()
    assert outcomes == {"Lock": False, "RLock": True}


def test_a_release_from_another_thread_works_with_lock_but_raises_with_rlock():
    """A `release()` from another thread frees a `Lock` but raises `RuntimeError` on an `RLock`"""
    outcomes = {}
    for name, make_lock in (("Lock", threading.Lock), ("RLock", threading.RLock)):
        lock = make_lock()
        assert lock.acquire(timeout=SHORT)
        try:
            finish(start_call(lock.release, name="releaser"))
            outcomes[name] = "released"
        except RuntimeError:
            outcomes[name] = "RuntimeError"
            lock.release()
    assert outcomes == {"Lock": "released", "RLock": "RuntimeError"}


def test_code_that_asks_lock_locked_breaks_with_an_rlock_before_3_14():
    """`Lock.locked()` exists everywhere; `RLock.locked()` only from 3.14, so before it the swap raises `AttributeError`"""
    # Red on a runtime before 3.14 whose RLock had locked() (the swap would not break such code),
    # or a 3.14+ without it.
    lock, rlock = threading.Lock(), threading.RLock()
    assert lock.acquire(timeout=SHORT) and rlock.acquire(timeout=SHORT)
    try:
        assert lock.locked() is True
        if sys.version_info >= (3, 14):
            assert rlock.locked() is True
        else:
            with pytest.raises(AttributeError, match="locked"):
                rlock.locked()
    finally:
        lock.release()
        rlock.release()

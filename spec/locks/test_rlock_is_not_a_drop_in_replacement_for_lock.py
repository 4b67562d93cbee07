"""Swapping RLock in for Lock changes two things: the owner may re-acquire, and only the owner may release."""
import sys
import threading

import pytest

from claimspec import SHORT, Claim, finish, start_call

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes=(
        "RLock can be imported under the name Lock (`from threading import RLock as Lock`), "
        "as if it were a drop-in variant that merely allows re-locking."
    ),
    verdict="notes-wrong",
    truth=(
        "Code where each thread releases what it acquired, once per acquire, behaves the same "
        "with either. Code that relies on Lock blocking its own holder, or on releasing a Lock "
        "from another thread (a signal), breaks: RLock lets the owner in and raises RuntimeError "
        "on a release by another thread."
    ),
)

KINDS = pytest.mark.parametrize("make_lock", [threading.Lock, threading.RLock], ids=["Lock", "RLock"])


@KINDS
def test_both_keep_a_critical_section_to_one_thread_at_a_time(make_lock):
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

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        calls = [start_call(worker, name=f"worker-{i}") for i in range(4)]
        for call in calls:
            finish(call)
    finally:
        sys.setswitchinterval(old)
    assert overlaps == []


def test_a_second_acquire_by_the_holder_succeeds_with_rlock_but_not_with_lock():
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

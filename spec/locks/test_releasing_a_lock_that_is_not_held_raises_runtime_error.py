"""Releasing a Lock or RLock that is not held raises RuntimeError instead of passing silently."""
import threading

import pytest

from claimspec import SHORT, Claim

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes=(
        "A lock must be released exactly as often as it was acquired, otherwise there will be "
        "trouble (said of RLock; the same holds for Lock)."
    ),
    verdict="holds",
    extra={"detail": "the trouble is a RuntimeError at the surplus release()"},
)


def test_releasing_a_lock_that_was_never_acquired_raises_runtime_error():
    with pytest.raises(RuntimeError):
        threading.Lock().release()


def test_releasing_a_lock_a_second_time_raises_runtime_error():
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    lock.release()
    with pytest.raises(RuntimeError):
        lock.release()


def test_releasing_an_rlock_nobody_holds_raises_runtime_error():
    with pytest.raises(RuntimeError):
        threading.RLock().release()

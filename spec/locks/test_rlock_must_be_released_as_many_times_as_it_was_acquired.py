"""An RLock stays held until its owner has released it once per acquire; one release too many raises RuntimeError."""
import threading

import pytest

from claimspec import SHORT, Claim, blocks_until

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes=(
        "An RLock allows multiple locking by the same thread, but it must be released the same "
        "number of times to avoid issues."
    ),
    verdict="holds",
    truth=(
        "The issues are these: with a release missing, the RLock stays held and every other "
        "thread waits for ever; a release beyond the acquires (or on an RLock nobody holds) "
        "raises RuntimeError."
    ),
    line=1091,
)


def test_other_threads_stay_out_until_the_last_release():
    """After three acquires and two releases an `RLock` still keeps other threads out; the third release lets them in"""
    # Red if an RLock counted nothing (one release freeing it) or ignored extra acquires.
    rlock = threading.RLock()
    for _ in range(3):
        assert rlock.acquire(timeout=SHORT)  # bounded: a non-reentrant lock fails, not hangs
    rlock.release()
    rlock.release()  # still held once

    def other_thread_acquires():
        got = rlock.acquire(timeout=SHORT)
        if got:
            rlock.release()
        return got

    # blocked while one acquire is outstanding; the final release lets it in
    assert blocks_until(other_thread_acquires, rlock.release) is True


def test_one_release_more_than_the_acquires_raises_runtime_error():
    """Releasing an `RLock` once more than it was acquired raises `RuntimeError`"""
    rlock = threading.RLock()
    assert rlock.acquire(timeout=SHORT)
    assert rlock.acquire(timeout=SHORT)
    rlock.release()
    rlock.release()
    with pytest.raises(RuntimeError):
        rlock.release()


def test_releasing_an_rlock_nobody_holds_raises_runtime_error():
    """Releasing an `RLock` that was never acquired raises `RuntimeError`"""
    with pytest.raises(RuntimeError):
        threading.RLock().release()

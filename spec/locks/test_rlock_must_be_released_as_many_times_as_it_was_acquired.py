"""An RLock stays held until its owner has released it once per acquire."""
import threading

import pytest

from claimspec import SHORT, Claim, blocks_until

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes="An RLock acquired several times by one thread must be released the same number of times.",
    verdict="holds",
)


def test_other_threads_stay_out_until_the_last_release():
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
    rlock = threading.RLock()
    assert rlock.acquire(timeout=SHORT)
    assert rlock.acquire(timeout=SHORT)
    rlock.release()
    rlock.release()
    with pytest.raises(RuntimeError):
        rlock.release()

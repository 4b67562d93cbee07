"""A Lock held by a thread blocks that same thread's next acquire: a second blocking acquire never returns."""
import threading

from claimspec import SETTLE, SHORT, Claim, finish, stays_blocked

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes=(
        "Lock() is a non-reentrant lock: the same thread should not acquire it again, as that "
        "deadlocks (said in a comment of the notes' code and again in the bullet after it)."
    ),
    verdict="holds",
    truth=(
        "A second blocking acquire() by the holder waits for ever (nothing detects the "
        "self-deadlock or raises); with a timeout it returns False, non-blocking it returns False "
        "at once. Because a Lock has no owner, a release by another thread would free it."
    ),
    line=1069,
)


def test_a_second_acquire_by_the_holder_blocks_until_the_lock_is_released():
    """A second `acquire()` by the thread holding a `Lock` blocks until the lock is released"""
    # Red if Lock were reentrant (the second acquire would return at once).
    lock = threading.Lock()

    def acquire_twice():
        assert lock.acquire(timeout=SHORT)
        lock.acquire()  # blocks: the same thread already holds it
        return "acquired twice"

    pending = stays_blocked(acquire_twice)
    lock.release()  # a Lock has no owner, so the test thread can free the helper
    assert finish(pending, SHORT) == "acquired twice"
    lock.release()


def test_a_second_acquire_with_a_timeout_gives_up_and_returns_false():
    """A second `acquire(timeout=...)` by the holder returns False when the timeout passes"""
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    try:
        assert lock.acquire(timeout=SETTLE) is False
    finally:
        lock.release()


def test_a_second_non_blocking_acquire_returns_false_at_once():
    """A second `acquire(blocking=False)` by the holder returns False at once"""
    lock = threading.Lock()
    with lock:
        assert lock.acquire(blocking=False) is False
        assert lock.locked()

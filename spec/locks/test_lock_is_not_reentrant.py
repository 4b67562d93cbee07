"""A Lock held by a thread blocks that same thread's next acquire."""
import threading

from claimspec import SETTLE, SHORT, Claim, finish, stays_blocked

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes="threading.Lock is not reentrant: a thread that acquires it a second time deadlocks.",
    verdict="holds",
)


def test_a_second_acquire_by_the_holder_blocks_until_the_lock_is_released():
    lock = threading.Lock()

    def acquire_twice():
        lock.acquire()
        lock.acquire()  # blocks: the same thread already holds it
        return "acquired twice"

    pending = stays_blocked(acquire_twice)
    lock.release()  # a Lock has no owner, so the test thread can free the helper
    assert finish(pending) == "acquired twice"
    lock.release()


def test_a_second_acquire_with_a_timeout_gives_up_and_returns_false():
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)
    try:
        assert lock.acquire(timeout=SETTLE) is False
    finally:
        lock.release()


def test_a_second_non_blocking_acquire_returns_false_at_once():
    lock = threading.Lock()
    with lock:
        assert lock.acquire(blocking=False) is False
        assert lock.locked()

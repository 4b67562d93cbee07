"""With Semaphore(0) the first acquire blocks until some thread releases it."""
import threading

from claimspec import SETTLE, SHORT, Claim, blocks_until

CLAIM = Claim(
    section="ThreadSync: Semaphore",
    notes=(
        "With Semaphore(0), a release comes first: it starts with nothing to take (the notes' "
        "queue starts its item count this way)."
    ),
    verdict="holds",
    truth=(
        "acquire() blocks until a release, acquire(timeout=...) returns False and a non-blocking "
        "acquire returns False at once; a release made before anyone waits is kept in the count."
    ),
    line=1208,
)


def test_the_first_acquire_blocks_until_another_thread_releases():
    """On a `Semaphore(0)` the first `acquire()` blocks until another thread calls `release()`"""
    sem = threading.Semaphore(0)
    assert blocks_until(lambda: sem.acquire(timeout=SHORT), sem.release) is True


def test_an_acquire_with_a_timeout_gives_up_and_returns_false():
    """On a `Semaphore(0)`, `acquire(timeout=...)` returns False when the timeout passes"""
    assert threading.Semaphore(0).acquire(timeout=SETTLE) is False


def test_a_non_blocking_acquire_returns_false_at_once():
    """On a `Semaphore(0)`, `acquire(blocking=False)` returns False at once"""
    assert threading.Semaphore(0).acquire(blocking=False) is False


def test_a_release_made_before_the_acquire_is_kept():
    """A `release()` on a `Semaphore(0)` before any `acquire()` is kept for the next acquire"""
    sem = threading.Semaphore(0)
    sem.release()
    assert sem.acquire(blocking=False) is True

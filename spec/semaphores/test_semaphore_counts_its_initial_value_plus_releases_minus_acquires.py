"""A Semaphore is a counter: it can be acquired its initial value plus its releases, minus earlier acquires, before it blocks."""
import threading

import pytest

from claimspec import LONG, SETTLE, SHORT, Claim, join_threads, wait_until
from spec.semaphores.semaphore_queue import acquirable

CLAIM = Claim(
    section="ThreadSync: Semaphore",
    notes="A Semaphore can be acquired the number of times it was released before it locks.",
    verdict="partly",
    truth=(
        "Right for Semaphore(0), which the notes' queue uses. In general the count starts at the value given to Semaphore (1 by default), so a "
        "Semaphore(k) can be acquired k times plus once per release before acquire() blocks. A plain "
        "Semaphore may be released more often than it was acquired, raising the count above its "
        "start; release(n) (Python 3.9+) adds n at once and wakes up to n waiters; a negative "
        "start value is refused with ValueError."
    ),
    line=1207,
)


def test_a_semaphore_of_zero_can_be_acquired_once_per_release():
    """A `Semaphore(0)` released 3 times can be acquired 3 times without blocking"""
    sem = threading.Semaphore(0)
    for _ in range(3):
        sem.release()
    assert acquirable(sem) == 3


def test_the_initial_value_counts_before_any_release():
    """A `Semaphore(4)` can be acquired 4 times and a `Semaphore()` once, with no release"""
    assert acquirable(threading.Semaphore(4)) == 4
    assert acquirable(threading.Semaphore()) == 1


def test_releases_and_acquires_add_and_subtract_from_the_initial_value():
    """A `Semaphore(2)` acquired once and released 3 times can then be acquired 4 times"""
    sem = threading.Semaphore(2)
    assert sem.acquire(timeout=SHORT)
    sem.release()
    sem.release()
    sem.release()  # more releases than acquires: the count rises above its start
    assert acquirable(sem) == 2 - 1 + 3


def test_release_n_adds_n_at_once():
    """`Semaphore.release(3)` adds 3 to the count at once"""
    sem = threading.Semaphore(0)
    sem.release(3)
    assert acquirable(sem) == 3


def test_release_n_wakes_n_of_the_waiting_threads():
    """`release(2)` lets exactly 2 of 4 threads blocked in `Semaphore.acquire()` through"""
    sem = threading.Semaphore(0)
    lock = threading.Lock()
    got = []

    def waiter():
        if sem.acquire(timeout=LONG):
            with lock:
                got.append(1)

    threads = [threading.Thread(target=waiter) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        sem.release(2)
        wait_until(lambda: len(got) == 2, message="two waiters get through")
        settled = threading.Event()
        settled.wait(SETTLE)  # watch that no third one does
        assert len(got) == 2
    finally:
        sem.release(2)
    join_threads(threads, SHORT)
    assert len(got) == 4


def test_a_negative_initial_value_is_refused():
    """`Semaphore(-1)` raises `ValueError`"""
    with pytest.raises(ValueError):
        threading.Semaphore(-1)

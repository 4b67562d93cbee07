"""A BoundedSemaphore raises ValueError on a release that would lift its count above its initial value."""
import threading

import pytest

from claimspec import SHORT, Claim
from spec.semaphores.semaphore_queue import acquirable

CLAIM = Claim(
    section="ThreadSync: Semaphore",
    notes=(
        "Use BoundedSemaphore if the limit on how many times it can be acquired and released "
        "must be maintained, but use it with caution."
    ),
    verdict="holds",
    truth=(
        "A BoundedSemaphore(k) counts like a Semaphore but raises ValueError in the releasing thread "
        "when a release (or release(n)) would lift the count above k, and the count stays as it "
        "was; a plain Semaphore accepts the extra release silently. The caution is real: a counter that must rise above "
        "its start, like the notes' Semaphore(0), cannot be bounded (see the module on swapping "
        "BoundedSemaphore into the notes' queue)."
    ),
    line=1211,
)


def test_releasing_a_bounded_semaphore_more_often_than_it_was_acquired_raises_value_error():
    """A `BoundedSemaphore(2)` released more often than acquired raises `ValueError`"""
    sem = threading.BoundedSemaphore(2)
    assert sem.acquire(timeout=SHORT)
    sem.release()
    with pytest.raises(ValueError):
        sem.release()


def test_a_refused_release_leaves_the_count_unchanged():
    """A `release(2)` refused with `ValueError` leaves the `BoundedSemaphore`'s count unchanged"""
    sem = threading.BoundedSemaphore(2)
    assert sem.acquire(timeout=SHORT)
    with pytest.raises(ValueError):
        sem.release(2)  # would make 3 of 2
    assert acquirable(sem) == 1


def test_releases_up_to_the_initial_value_are_accepted():
    """A `BoundedSemaphore(3)` accepts releases that bring its count back up to 3"""
    sem = threading.BoundedSemaphore(3)
    assert acquirable(sem) == 3
    sem.release(2)
    sem.release()
    assert acquirable(sem) == 3


def test_a_plain_semaphore_accepts_the_same_extra_release():
    """A plain `Semaphore(2)` accepts the extra release and can then be acquired 3 times"""
    sem = threading.Semaphore(2)
    sem.release()
    assert acquirable(sem) == 3

"""A Semaphore has no owner: one thread may acquire it and another release it."""
import threading

import pytest

from claimspec import SHORT, Claim, blocks_until, finish, start_call
from spec.locks.lock_probes import a_release_from_a_third_thread_wakes_a_blocked_acquire

CLAIM = Claim(
    section="ThreadSync: Semaphore",
    notes=(
        "A Semaphore has no ownership: a thread may acquire it and a different thread release it "
        "(the notes contrast this with a mutex; the Lock side is specified under spec/locks)."
    ),
    verdict="holds",
    truth=(
        "Any thread may release a Semaphore or BoundedSemaphore, whether or not it acquired it, and "
        "the release wakes a thread blocked in acquire(). Having no owner also means no re-entry: "
        "the holder of a Semaphore(1) blocks on its own second acquire."
    ),
)


@pytest.mark.parametrize("kind", [threading.Semaphore, threading.BoundedSemaphore],
                         ids=["Semaphore", "BoundedSemaphore"])
def test_a_thread_that_did_not_acquire_it_can_release_it(kind):
    sem = kind(1)
    assert finish(start_call(lambda: sem.acquire(timeout=SHORT), name="acquirer")) is True
    sem.release()  # this thread never acquired it
    assert sem.acquire(blocking=False) is True


def test_a_release_from_another_thread_wakes_the_thread_blocked_on_it():
    sem = threading.Semaphore(1)
    assert sem.acquire(timeout=SHORT)
    assert a_release_from_a_third_thread_wakes_a_blocked_acquire(sem) is True


def test_the_holder_of_a_semaphore_of_one_blocks_on_its_own_second_acquire():
    sem = threading.Semaphore(1)

    def acquire_twice():
        assert sem.acquire(timeout=SHORT)
        return sem.acquire(timeout=SHORT)  # blocks: no owner, so no re-entry

    assert blocks_until(acquire_twice, sem.release) is True

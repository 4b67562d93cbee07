"""The thread that holds an RLock can acquire it again without blocking."""
import threading

from claimspec import SHORT, Claim, finish, start_call

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes="RLock is the reentrant kind of lock: the same thread may lock it several times.",
    verdict="holds",
)


def test_the_owner_can_acquire_it_again_without_blocking():
    rlock = threading.RLock()
    assert rlock.acquire(blocking=False)
    assert rlock.acquire(blocking=False)
    assert rlock.acquire(blocking=False)
    for _ in range(3):
        rlock.release()


def test_nested_with_blocks_on_the_same_rlock_do_not_deadlock():
    rlock = threading.RLock()

    def nested():
        with rlock:
            with rlock:
                with rlock:
                    return "inner"

    # In a helper thread, so a non-reentrant lock would fail the test instead of hanging it.
    assert finish(start_call(nested, name="nested"), SHORT) == "inner"


def test_another_thread_cannot_acquire_it_while_the_owner_holds_it():
    rlock = threading.RLock()
    with rlock:
        other = start_call(lambda: rlock.acquire(blocking=False), name="other")
        assert finish(other) is False

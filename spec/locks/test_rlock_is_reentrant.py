"""The thread that holds an RLock can acquire it again without blocking; other threads still cannot."""
import threading

from claimspec import SHORT, Claim, finish, start_call

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes="RLock() is the reentrant variant of Lock: it allows the same thread to lock it several times.",
    verdict="holds",
    truth="Re-entry is for the owning thread only: while it holds the RLock, other threads are kept out.",
    line=1091,
)


def test_the_owner_can_acquire_an_rlock_again_without_blocking():
    """The thread holding an `RLock` gets it again with `acquire(blocking=False)`, three times over"""
    # Red if RLock were not reentrant (the second non-blocking acquire would return False).
    rlock = threading.RLock()
    assert rlock.acquire(blocking=False)
    assert rlock.acquire(blocking=False)
    assert rlock.acquire(blocking=False)
    for _ in range(3):
        rlock.release()


def test_nested_with_blocks_on_the_same_rlock_do_not_deadlock():
    """Three nested `with rlock:` blocks in one thread return without blocking"""
    rlock = threading.RLock()

    def nested():
        with rlock:
            with rlock:
                with rlock:
                    return "inner"

    # In a helper thread, so a non-reentrant lock would fail the test instead of hanging it.
    assert finish(start_call(nested, name="nested"), SHORT) == "inner"


def test_another_thread_cannot_acquire_an_rlock_while_its_owner_holds_it():
    """While one thread holds an `RLock`, another thread's `acquire(blocking=False)` returns False"""
    # Red if re-entry were granted to any thread, not only the owner.
    rlock = threading.RLock()
    with rlock:
        other = start_call(lambda: rlock.acquire(blocking=False), name="other")
        assert finish(other) is False

"""`with lock:` releases the lock on the way out of the block, even on an exception; preferring it to acquire()/release() is advice.

The notes recommend `with lock:` over calling `acquire()` and `release()` by hand, because the
`with` statement guarantees the release even when the critical section raises, like a scoped lock
in C++. The guarantee is real for `Lock` and `RLock`. The advice stops where a timed or
non-blocking acquire is needed: `with lock:` always waits without a bound, so a bounded wait needs
`if lock.acquire(timeout=...):` followed by `try:`/`finally: lock.release()`. The C++ analogy
stops at the scope: a `with` block cannot give the lock up early and take it back, as a
`std::unique_lock` can, since its exit releases whatever happened inside.
"""
import threading

import pytest

from claimspec import SETTLE, SHORT, Claim, finish, stays_blocked
from spec.locks.lock_probes import free_for_another_thread

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes=(
        "Don't call lock.acquire() and lock.release() directly: `with lock:` is recommended "
        "because it guarantees the release even if an exception occurs inside, like a unique "
        "lock in C++ (the notes' code cell calls it 'Best')."
    ),
    verdict="opinion",
    truth=(
        "The reason given is true: `with lock:` holds a Lock or RLock inside the block and "
        "releases it on the way out, also when the block raises, and the exception propagates "
        "unchanged (it is acquire(); try: ... finally: release()). Preferring it is advice, and it "
        "stops where a bounded wait is needed: `with lock:` cannot take a timeout and waits for "
        "ever, so a timed or non-blocking acquire must be written with acquire(timeout=...) and "
        "try/finally by hand. The C++ analogy holds for what it names, a lock released when its "
        "scope ends, and stops there: `with lock:` is C++'s std::lock_guard more than "
        "std::unique_lock. A unique_lock can defer its lock, try it or wait for it with a timeout "
        "(try_lock_for), unlock and relock inside its scope, and knows whether it still owns the "
        "mutex, so it never unlocks twice; `with lock:` always acquires at entry and releases at "
        "exit, and a release by hand inside the block makes that exit release again and raise "
        "RuntimeError."
    ),
    line=1065,
)

KINDS = pytest.mark.parametrize("make_lock", [threading.Lock, threading.RLock], ids=["Lock", "RLock"])


class Boom(Exception):
    pass


@KINDS
def test_another_thread_cannot_take_the_lock_inside_the_with_block(make_lock):
    """Inside `with lock:` another thread cannot take the lock; after the block it can"""
    # Red if __enter__ did not acquire or __exit__ did not release.
    lock = make_lock()
    with lock:
        assert free_for_another_thread(lock) is False
    assert free_for_another_thread(lock) is True


@KINDS
def test_the_lock_is_free_again_after_an_exception_leaves_the_block(make_lock):
    """After an exception leaves `with lock:`, another thread can take the lock"""
    # Red if __exit__ released only on a normal exit.
    lock = make_lock()
    with pytest.raises(Boom):
        with lock:
            raise Boom()
    assert free_for_another_thread(lock) is True


@KINDS
def test_the_exception_still_propagates_out_of_the_with_block_unchanged(make_lock):
    """The exception raised inside `with lock:` leaves the block as the same object"""
    # Red if __exit__ returned True (swallowing it) or raised its own error.
    lock = make_lock()
    error = Boom("from the critical section")
    with pytest.raises(Boom) as caught:
        with lock:
            raise error
    assert caught.value is error


def test_with_lock_has_no_timeout_where_acquire_with_a_timeout_gives_up():
    """On a held `Lock`, `with lock:` keeps waiting while `acquire(timeout=...)` returns False"""
    # Red if `with lock:` gave up (or raised) on a held lock instead of waiting.
    lock = threading.Lock()
    assert lock.acquire(timeout=SHORT)

    def enter_with():
        with lock:
            return "entered"

    pending = stays_blocked(enter_with)
    assert lock.acquire(timeout=SETTLE) is False
    lock.release()
    assert finish(pending, SHORT) == "entered"


@KINDS
def test_a_release_by_hand_inside_the_with_block_makes_its_exit_raise_runtime_error(make_lock):
    """A `release()` by hand inside `with lock:` makes the block's exit release again and raise `RuntimeError`"""
    # Where the unique_lock analogy stops: a unique_lock that was unlocked inside its scope knows
    # it owns nothing and does not unlock again. Red on a `with` whose exit checked whether the
    # lock was still held (as a unique_lock does) and left quietly.
    lock = make_lock()
    reached = []
    with pytest.raises(RuntimeError):
        with lock:
            lock.release()
            reached.append("released by hand")
    assert reached == ["released by hand"]
    assert free_for_another_thread(lock) is True

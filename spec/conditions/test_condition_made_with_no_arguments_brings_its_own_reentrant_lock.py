"""Condition() with no argument makes its own lock, an RLock; Condition(lock) uses the lock it is given."""
import threading

import pytest

from claimspec import SETTLE, SHORT, Claim, finish, start_call

CLAIM = Claim(
    section="ThreadSync: Condition",
    notes="A Condition is set up with a bare `c = Condition()` and then used as `with c:`.",
    verdict="holds",
    truth=(
        "Condition() creates its own RLock, so the holder may enter `with c:` again; a lock passed "
        "to Condition(lock) is used instead, and several Conditions may share one lock."
    ),
    line=1128,
)


def test_the_thread_holding_a_default_condition_can_enter_the_condition_again():
    """The thread inside `with c:` on a `Condition()` can enter `with c:` again"""
    c = threading.Condition()

    def nested():
        with c:
            with c:
                c.notify()
                return "entered twice"

    assert finish(start_call(nested, name="nested"), timeout=SHORT) == "entered twice"


def test_another_thread_cannot_enter_while_the_condition_is_held():
    """While one thread is inside `with c:`, another thread's `c.acquire(timeout=...)` returns False"""
    c = threading.Condition()
    with c:
        other = start_call(lambda: c.acquire(timeout=SETTLE), name="other")
        assert finish(other, timeout=SHORT) is False


def test_a_condition_given_a_lock_is_held_exactly_when_that_lock_is():
    """A `Condition(lock)` is held exactly when the `Lock` it was given is held"""
    lock = threading.Lock()
    c = threading.Condition(lock)
    with lock:
        assert c.acquire(blocking=False) is False
    with c:
        assert lock.locked()
    assert not lock.locked()


def test_two_conditions_sharing_one_lock_can_each_be_notified_under_it():
    """Two `Condition`s built on one `Lock` can both be notified while that lock is held"""
    lock = threading.Lock()
    not_empty, not_full = threading.Condition(lock), threading.Condition(lock)
    with not_empty:
        not_full.notify()  # legal: the shared lock is held
        not_empty.notify()
    with pytest.raises(RuntimeError):  # the check is real: without the lock, notify is refused
        not_full.notify()

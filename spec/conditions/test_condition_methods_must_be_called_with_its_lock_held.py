"""A Condition's wait, wait_for, notify and notify_all must be called with its lock held, as inside `with c:`."""
import threading

import pytest

from claimspec import SHORT, Claim, finish, start_call

CLAIM = Claim(
    section="ThreadSync: Condition",
    notes="A Condition is used inside `with c:`, where its notify, wait, wait_for and notify_all are called.",
    verdict="holds",
    truth=(
        "Outside the lock they raise RuntimeError (wait_for only when it has to wait: a predicate "
        "already true returns before any check). With the default RLock the check is exact: a "
        "thread does not pass it because another thread holds the lock."
    ),
    line=1129,
)

CALLS = {
    "wait": lambda c: c.wait(SHORT),
    "wait_for": lambda c: c.wait_for(lambda: False, SHORT),
    "notify": lambda c: c.notify(),
    "notify_all": lambda c: c.notify_all(),
}


@pytest.mark.parametrize("method", list(CALLS), ids=list(CALLS))
def test_calling_a_condition_method_without_its_lock_raises_runtime_error(method):
    """Called without holding the `Condition`'s lock, the method raises `RuntimeError`"""
    c = threading.Condition()
    with pytest.raises(RuntimeError):
        CALLS[method](c)


@pytest.mark.parametrize("method", ["notify", "notify_all"], ids=["notify", "notify_all"])
def test_calling_notify_inside_with_the_condition_is_allowed(method):
    """Called inside `with c:`, the method returns None"""
    c = threading.Condition()
    with c:
        assert CALLS[method](c) is None


def test_wait_inside_with_the_condition_returns_after_its_timeout():
    """Inside `with c:`, `c.wait(0)` returns False"""
    c = threading.Condition()
    with c:
        assert c.wait(0) is False


def test_wait_for_with_a_predicate_already_true_returns_without_checking_the_lock():
    """`wait_for` with a predicate already true returns its value even without the lock"""
    c = threading.Condition()
    assert c.wait_for(lambda: "ready") == "ready"


def test_another_thread_holding_the_default_lock_does_not_make_a_notify_legal():
    """`notify()` raises `RuntimeError` while another thread, not the caller, holds the `Condition`"""
    c = threading.Condition()
    holding, done = threading.Event(), threading.Event()

    def hold():
        with c:
            holding.set()
            done.wait(SHORT)

    holder = start_call(hold, name="holder")
    try:
        assert holding.wait(SHORT)
        with pytest.raises(RuntimeError):
            c.notify()
    finally:
        done.set()
        finish(holder)

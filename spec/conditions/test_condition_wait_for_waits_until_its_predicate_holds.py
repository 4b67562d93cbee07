"""Condition.wait_for(predicate) re-checks the predicate after every wake-up and returns once it holds; it cannot be called bare.

The notes list `c.wait_for()` among a Condition's calls inside `with c:`. `wait_for` is there, but
it needs a predicate: called with no argument, as written, it raises TypeError. Given one, it is
the `while not predicate(): c.wait()` loop.
"""
import threading

import pytest

from claimspec import SETTLE, SHORT, Claim, finish, stays_blocked

CLAIM = Claim(
    section="ThreadSync: Condition",
    notes="Inside `with c:` a thread may call c.wait_for() (written with no argument).",
    verdict="partly",
    truth=(
        "wait_for takes a predicate, and c.wait_for() with no argument raises TypeError. "
        "wait_for(predicate, timeout) is the `while not predicate(): wait()` loop: it returns at "
        "once if the predicate already holds, sleeps through notifies that leave it false, and "
        "returns the predicate's last value (falsy on timeout)."
    ),
    line=1132,
)


def test_wait_for_called_with_no_predicate_as_written_raises_type_error():
    """`c.wait_for()` with no argument raises `TypeError`: a predicate is required"""
    # Red if wait_for had a default predicate and this call returned or waited.
    c = threading.Condition()
    with c:
        with pytest.raises(TypeError):
            c.wait_for()


def test_wait_for_returns_the_value_of_the_predicate_at_once_when_it_already_holds():
    """`wait_for` with a predicate already true returns the predicate's value at once"""
    c = threading.Condition()
    with c:
        assert c.wait_for(lambda: 42, SHORT) == 42


def test_a_notify_that_leaves_the_predicate_false_does_not_release_the_waiter():
    """A `notify_all()` that leaves the predicate false does not end `wait_for`; one that makes it true does"""
    # Red if wait_for returned on any notify (a plain wait()).
    c = threading.Condition()
    box = []

    def wait_for_an_item():
        with c:
            c.wait_for(lambda: box, SHORT * 2)
            return list(box)

    pending = stays_blocked(wait_for_an_item)
    with c:
        c.notify_all()  # nothing changed: the waiter must go back to sleep
    assert not pending.finished.wait(SETTLE), "wait_for returned although its predicate was false"
    with c:
        box.append("item")
        c.notify_all()
    assert finish(pending, SHORT) == ["item"]


def test_wait_for_returns_the_false_value_of_the_predicate_when_the_timeout_passes():
    """When its timeout passes, `wait_for` returns the predicate's last (false) value"""
    c = threading.Condition()
    with c:
        assert c.wait_for(lambda: 0, SETTLE) == 0

"""Condition.wait_for(predicate) re-checks the predicate after every wake-up and returns once it holds."""
import threading

from claimspec import SETTLE, SHORT, Claim, finish, stays_blocked

CLAIM = Claim(
    section="ThreadSync: Condition",
    notes="Inside `with c:` a thread may call c.wait_for() instead of c.wait().",
    verdict="holds",
    truth=(
        "wait_for(predicate, timeout) is the `while not predicate(): wait()` loop: it returns at "
        "once if the predicate already holds, sleeps through notifies that leave it false, and "
        "returns the predicate's last value (falsy on timeout)."
    ),
)


def test_it_returns_the_value_of_the_predicate_at_once_when_it_already_holds():
    c = threading.Condition()
    with c:
        assert c.wait_for(lambda: 42, SHORT) == 42


def test_a_notify_that_leaves_the_predicate_false_does_not_release_the_waiter():
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
    assert finish(pending) == ["item"]


def test_it_returns_the_false_value_of_the_predicate_when_the_timeout_passes():
    c = threading.Condition()
    with c:
        assert c.wait_for(lambda: 0, SETTLE) == 0

"""Condition.wait releases the lock, sleeps until a notify (True) or its timeout (False), then holds the lock again."""
import threading

from claimspec import SETTLE, SHORT, Claim, blocks_until, finish, start_call, stays_blocked

CLAIM = Claim(
    section="ThreadSync: Condition",
    notes=(
        "A Condition is another method of flow-control synchronisation: inside `with c:` a thread "
        "calls c.wait() to sleep until another thread calls c.notify()."
    ),
    verdict="holds",
    truth=(
        "wait() gives up the lock while it sleeps (so the notifier can take it), returns True when "
        "notified or False when its timeout passes, and has the lock again when it returns. A notify "
        "made while nobody waits is not remembered."
    ),
    line=1125,
)


def test_a_waiter_sleeps_until_another_thread_notifies():
    """`c.wait()` blocks until another thread calls `c.notify()`, then returns True"""
    c = threading.Condition()

    def wait_for_a_notify():
        with c:
            return c.wait(SHORT)

    def notify():
        with c:
            c.notify()

    assert blocks_until(wait_for_a_notify, notify) is True


def test_while_a_thread_waits_another_can_take_the_lock():
    """While a thread is in `c.wait()`, another thread can take the `Lock` under the `Condition`"""
    lock = threading.Lock()
    c = threading.Condition(lock)
    waiting = threading.Event()

    def waiter():
        with c:
            waiting.set()
            return c.wait(SHORT)

    pending = start_call(waiter, name="waiter")
    assert waiting.wait(SHORT)
    assert lock.acquire(timeout=SHORT), "wait() kept the lock while sleeping"
    try:
        c.notify()
    finally:
        lock.release()
    assert finish(pending) is True


def test_a_woken_waiter_holds_the_lock_again_when_wait_returns():
    """When `c.wait()` returns after a notify, the waiter holds the lock again"""
    lock = threading.Lock()
    c = threading.Condition(lock)
    returned, leave = threading.Event(), threading.Event()

    def waiter():
        with c:
            woken = c.wait(SHORT)
            returned.set()
            leave.wait(SHORT)  # still inside `with c:`
            return woken

    pending = stays_blocked(waiter)
    with c:
        c.notify()
    assert returned.wait(SHORT)
    assert lock.acquire(timeout=SETTLE) is False, "the woken waiter did not hold the lock"
    leave.set()
    assert finish(pending) is True


def test_wait_returns_false_when_its_timeout_passes_without_a_notify():
    """`c.wait(timeout)` returns False when the timeout passes without a notify"""
    c = threading.Condition()
    with c:
        assert c.wait(SETTLE) is False


def test_a_notify_made_before_anyone_waits_is_not_remembered():
    """A `notify()` made before anyone waits is lost: a later `wait(timeout)` returns False"""
    c = threading.Condition()
    with c:
        c.notify()
    with c:
        assert c.wait(SETTLE) is False

"""notify(n) wakes at most n of the threads waiting on a Condition (one by default); notify_all wakes all."""
import threading

from claimspec import LONG, SETTLE, SHORT, Claim, join_threads, wait_until

CLAIM = Claim(
    section="ThreadSync: Condition",
    notes=(
        "The usage listed for a Condition, inside `with c:`, includes c.notify() and "
        "c.notify_all(): notify wakes a waiter, notify_all every waiter."
    ),
    verdict="holds",
    truth="notify() wakes one waiter, notify(n) at most n, notify_all() every thread waiting at that moment.",
    line=1130,
)

WAITERS = 4


class Waiters:
    """WAITERS threads waiting on one Condition, counted under its lock."""

    def __init__(self):
        self.c = threading.Condition()
        self.waiting = 0
        self.woken = 0
        # daemon threads: on a runtime whose notify_all() misses some, those left waiting must not
        # keep the test process alive after the test has failed
        self.threads = [threading.Thread(target=self._wait, daemon=True) for _ in range(WAITERS)]
        for t in self.threads:
            t.start()
        # each counts itself and calls wait() before letting the lock go
        wait_until(lambda: self.count("waiting") == WAITERS, message="all waiters are waiting")

    def _wait(self):
        with self.c:
            self.waiting += 1
            if self.c.wait(LONG):
                self.woken += 1

    def count(self, name):
        with self.c:
            return getattr(self, name)

    def woken_after(self, notify, expected):
        """Call notify(c) under the lock; wait until `expected` more are awake, watch a moment
        longer for any extra (wrongly) woken waiter, and return how many are awake."""
        before = self.count("woken")
        with self.c:
            notify(self.c)
        wait_until(lambda: self.count("woken") >= before + expected,
                   message=f"{expected} notified waiter(s) wake")
        settled = threading.Event()
        settled.wait(SETTLE)
        return self.count("woken") - before

    def a_latecomer_is_woken(self):
        """Whether a wait() begun after the notifications returns True within SETTLE: it must not,
        since a Condition's notify wakes only threads waiting at that moment and banks nothing."""
        with self.c:
            return self.c.wait(SETTLE)

    def close(self):
        with self.c:
            self.c.notify_all()
            self.c.notify(WAITERS)  # in case notify_all() is what is broken: the waiters must end
        join_threads(self.threads, SHORT)


def test_notify_wakes_exactly_one_waiter():
    """`notify()` wakes exactly one of four waiting threads"""
    w = Waiters()
    try:
        assert w.woken_after(lambda c: c.notify(), 1) == 1
    finally:
        w.close()


def test_notify_n_wakes_exactly_n_waiters():
    """`notify(2)` wakes exactly two waiting threads and `notify(1)` one more"""
    w = Waiters()
    try:
        assert w.woken_after(lambda c: c.notify(2), 2) == 2
        assert w.woken_after(lambda c: c.notify(1), 1) == 1
    finally:
        w.close()


def test_notify_n_larger_than_the_waiters_wakes_only_those_there_are():
    """`notify(7)` with four threads waiting wakes those four, and the three left over wake no later waiter"""
    w = Waiters()
    try:
        # the wait inside woken_after already saw all four wake; what can still go wrong is the
        # surplus: red on a Condition that banked the three notifications nobody took (as a
        # Semaphore banks releases), which would let a later wait() through at once
        assert w.woken_after(lambda c: c.notify(WAITERS + 3), WAITERS) == WAITERS
        assert w.a_latecomer_is_woken() is False
    finally:
        w.close()


def test_notify_all_wakes_every_waiter():
    """`notify_all()` wakes all four waiting threads, and no thread that waits after it"""
    w = Waiters()
    try:
        # as above, all four waking is seen inside woken_after; red here on a notify_all() that
        # left the Condition notified, like a set Event, so that a later wait() passed at once
        assert w.woken_after(lambda c: c.notify_all(), WAITERS) == WAITERS
        assert w.a_latecomer_is_woken() is False
    finally:
        w.close()

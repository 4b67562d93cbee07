"""join(timeout) blocks for at most the timeout and returns None either way: only is_alive() tells whether the thread ended."""
import threading
import time

from claimspec import LONG, SETTLE, SHORT, Claim, blocks_until, call_within
from spec.threads.thread_probes import parked_thread

CLAIM = Claim(
    section="Thread group",
    notes=(
        "t.join(val): val is how long the join should block; after that it unblocks and the main "
        "thread can continue."
    ),
    verdict="holds",
    truth=(
        "join(timeout) blocks for at most the timeout (less if the thread ends first), join() with "
        "no timeout until the thread ends; both return None, so only is_alive() tells which happened."
    ),
    line=528,
)


def _parked():
    t, release = parked_thread(timeout=LONG)
    t.start()
    return t, release


def test_join_without_a_timeout_blocks_until_the_thread_ends():
    """join() without a timeout blocks until the thread ends, and returns None"""
    t, release = _parked()
    # released, the thread ends at once: SHORT bounds the join (LONG ran out under a runtime whose
    # thread bodies ran in forked children, which the release never reached)
    assert blocks_until(t.join, release.set, timeout=SHORT) is None
    assert not t.is_alive()


def test_join_with_a_timeout_gives_up_after_about_that_long_while_the_thread_runs_on():
    """join(timeout) gives up after about the timeout while the thread runs on, and returns None"""
    t, release = _parked()
    try:
        def timed_join():
            started = time.monotonic()
            return t.join(SETTLE), time.monotonic() - started
        # in a helper thread, bounded: a join that ignored its timeout would wait for the parked
        # thread (LONG); this way it is red within SHORT
        result, waited = call_within(timed_join, SHORT)
        assert result is None
        assert t.is_alive(), "join(timeout) returned, yet the thread was not finished: only is_alive() says so"
        assert waited >= SETTLE * 0.6, f"join({SETTLE}) returned after only {waited:.3f} s"
        assert waited < SETTLE * 10 + SHORT, f"join({SETTLE}) took {waited:.3f} s"
    finally:
        release.set()
        t.join(SHORT)


def test_join_with_a_timeout_returns_as_soon_as_the_thread_ends():
    """join(timeout) returns as soon as the thread ends, before the timeout"""
    t, release = _parked()
    result = blocks_until(lambda: t.join(LONG), release.set, timeout=SHORT)
    assert result is None and not t.is_alive()


def test_joining_a_finished_thread_returns_at_once_and_can_be_repeated():
    """Joining a finished thread returns at once, as often as it is called"""
    t = threading.Thread(target=lambda: None)
    t.start()
    t.join(SHORT)
    for _ in range(3):
        started = time.monotonic()
        assert t.join(LONG) is None
        assert time.monotonic() - started < SHORT


def test_a_zero_or_negative_timeout_only_polls():
    """join(0) and join(-1) only poll: they return at once while the thread runs"""
    t, release = _parked()
    try:
        # bounded in a helper thread, as above: red within SHORT where they waited for the thread
        assert call_within(lambda: t.join(0), SHORT) is None and t.is_alive()
        assert call_within(lambda: t.join(-1), SHORT) is None and t.is_alive()
    finally:
        release.set()
        t.join(SHORT)

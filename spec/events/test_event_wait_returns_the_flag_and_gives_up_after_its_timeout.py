"""wait(timeout) waits at most that long: it returns True as soon as the flag is set (at once if already set), False if the time ran out."""
import threading
import time

from claimspec import LONG, SETTLE, SHORT, Claim, blocks_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes="e.wait() waits for the event; e.wait(val) waits val seconds and then carries on.",
    verdict="partly",
    truth=(
        "right as far as it goes: wait() without a timeout blocks until set(), and when nobody sets the "
        "event wait(val) carries on after about val seconds. But val is a limit, not a duration: wait(val) "
        "returns True the moment the flag is set (at once if it is set already) and False only when the "
        "time ran out, so the caller must check the result to know which happened."
    ),
    line=569,
)


def test_wait_without_a_timeout_blocks_until_the_event_is_set():
    """`wait()` without a timeout stays blocked until another thread calls `set()`, then returns True"""
    e = threading.Event()
    assert blocks_until(e.wait, e.set) is True


def test_wait_with_a_timeout_returns_true_as_soon_as_the_event_is_set():
    """`wait(LONG)` returns True within `SHORT` of `set()`, long before its timeout

    Red on a wait(val) that always waited the full val seconds, as the notes' wording suggests."""
    e = threading.Event()
    assert blocks_until(lambda: e.wait(LONG), e.set, timeout=SHORT) is True


def test_wait_returns_false_after_about_the_timeout_when_nobody_sets_it():
    """`wait(SETTLE)` on an event nobody sets returns False after about `SETTLE` seconds

    Red on a wait(val) that returned at once or ignored its timeout."""
    e = threading.Event()
    started = time.monotonic()
    assert e.wait(SETTLE) is False
    waited = time.monotonic() - started
    assert SETTLE * 0.6 <= waited < SETTLE * 10 + SHORT, waited


def test_wait_returns_true_at_once_when_the_flag_is_already_set():
    """`wait(LONG)` on an event already set returns True at once

    Red on a wait(val) that waited val seconds whatever the flag."""
    e = threading.Event()
    e.set()
    started = time.monotonic()
    assert e.wait(LONG) is True
    assert time.monotonic() - started < SHORT


def test_wait_with_a_zero_timeout_just_reads_the_flag():
    """`wait(0)` returns the flag without waiting: False while clear, True once set"""
    e = threading.Event()
    assert e.wait(0) is False
    e.set()
    assert e.wait(0) is True

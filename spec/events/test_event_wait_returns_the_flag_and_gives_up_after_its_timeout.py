"""wait(timeout) waits at most that long: it returns True as soon as the flag is set, False if time ran out."""
import threading
import time

from claimspec import LONG, SETTLE, SHORT, Claim, blocks_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes="e.wait() waits for the event; e.wait(val) waits val seconds and then carries on.",
    verdict="notes-wrong",
    truth=(
        "only partly right: wait(val) waits at most val seconds. It returns True the moment the "
        "flag is set (at once if it is set already) and False when the time ran out, so the caller "
        "must check the result to know which happened. wait() without a timeout blocks until set()."
    ),
)


def test_wait_without_a_timeout_blocks_until_the_event_is_set():
    e = threading.Event()
    assert blocks_until(e.wait, e.set) is True


def test_wait_with_a_timeout_returns_true_as_soon_as_the_event_is_set():
    e = threading.Event()
    assert blocks_until(lambda: e.wait(LONG), e.set, timeout=SHORT) is True


def test_wait_returns_false_after_about_the_timeout_when_nobody_sets_it():
    e = threading.Event()
    started = time.monotonic()
    assert e.wait(SETTLE) is False
    waited = time.monotonic() - started
    assert SETTLE * 0.6 <= waited < SETTLE * 10 + SHORT, waited


def test_wait_returns_true_at_once_when_the_flag_is_already_set():
    e = threading.Event()
    e.set()
    started = time.monotonic()
    assert e.wait(LONG) is True
    assert time.monotonic() - started < SHORT


def test_wait_with_a_zero_timeout_just_reads_the_flag():
    e = threading.Event()
    assert e.wait(0) is False
    e.set()
    assert e.wait(0) is True

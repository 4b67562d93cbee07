"""threading.enumerate() lists the active (live) threads, the main thread included; it is a snapshot, and the current thread cannot be joined."""
import threading

import pytest

from claimspec import SHORT, Claim
from spec.threads.thread_probes import parked_thread

CLAIM = Claim(
    section="Thread group",
    notes="threading.enumerate() gives the list of active threads.",
    verdict="holds",
    truth=(
        "it lists every thread alive at the moment of the call (started, not yet finished, daemon "
        "or not), the main thread included, in a new list: threads started later are not in it. "
        "The main thread is named 'MainThread', and joining the current thread raises RuntimeError."
    ),
    line=527,
)

def test_enumerate_lists_the_main_thread_and_a_started_thread_until_it_ends():
    """threading.enumerate() lists the main thread and a started thread, and drops it once it has ended"""
    t, release = parked_thread()
    t.start()
    try:
        live = threading.enumerate()
        assert threading.main_thread() in live and t in live
    finally:
        release.set()
        t.join(SHORT)
    assert t not in threading.enumerate()


def test_the_main_thread_is_named_mainthread():
    """The main thread is named 'MainThread'"""
    assert threading.main_thread().name == "MainThread"


def test_joining_the_current_thread_raises_so_the_loop_must_skip_it():
    """Joining the current thread raises RuntimeError, so a join loop over enumerate() must skip it"""
    with pytest.raises(RuntimeError):
        threading.current_thread().join(SHORT)


def test_enumerate_is_a_snapshot_that_misses_threads_started_after_it():
    """threading.enumerate() returns a snapshot that misses threads started after the call"""
    release = threading.Event()
    snapshot = threading.enumerate()
    late = threading.Thread(target=release.wait, args=(SHORT,))
    late.start()
    try:
        assert late not in snapshot
        assert late in threading.enumerate()
    finally:
        release.set()
        late.join(SHORT)


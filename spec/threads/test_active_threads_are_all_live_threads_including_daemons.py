"""Python's "active" threads (active_count, enumerate) are all live threads, daemon threads included, not those that keep the process alive."""
import threading

from claimspec import SHORT, Claim, run_python
from claimspec.timeouts import BRIEF
from spec.threads.thread_probes import parked_thread

CLAIM = Claim(
    section="Threading in python",
    notes="Threads that keep the process active are called active threads.",
    verdict="notes-wrong",
    truth=(
        "threading.active_count() and threading.enumerate() count every live thread: started and not "
        "yet finished, daemon or not, the main thread included. Only the non-daemon ones keep the "
        "process alive; a daemon thread is 'active' yet never holds the process."
    ),
    line=306,
)


def test_a_running_daemon_thread_counts_as_active():
    """A running daemon thread is listed by threading.enumerate() and counted by active_count()"""
    before = set(threading.enumerate())
    t, release = parked_thread(daemon=True)
    t.start()
    try:
        assert set(threading.enumerate()) - before == {t}
        assert threading.active_count() >= 2  # the main thread and the daemon, at least
    finally:
        release.set()
        t.join(SHORT)
    assert t not in threading.enumerate()


def test_only_started_and_unfinished_threads_are_active():
    """Only started, unfinished threads are active: not one before start(), not one that has ended"""
    t, release = parked_thread(daemon=False)
    assert t not in threading.enumerate(), "a thread not yet started is not active"
    t.start()
    assert t in threading.enumerate()
    release.set()
    t.join(SHORT)
    assert not t.is_alive()
    assert t not in threading.enumerate(), "a finished thread is not active"


def test_the_main_thread_is_active_and_enumerate_agrees_with_active_count():
    """The main thread is active, and len(threading.enumerate()) equals threading.active_count()"""
    live = threading.enumerate()
    assert threading.main_thread() in live
    assert threading.current_thread() in live
    assert len(live) == threading.active_count()


def test_an_active_daemon_thread_does_not_keep_the_process_alive():
    """A daemon thread counted by active_count() does not keep the process alive"""
    ran = run_python(
        """
        import threading

        never = threading.Event()
        threading.Thread(target=never.wait, name="monitor", daemon=True).start()
        print("active:", threading.active_count(), sorted(t.name for t in threading.enumerate()))
        """,
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == "active: 2 ['MainThread', 'monitor']\n", ran.describe()

"""The daemon flag is fixed before start() (keyword or attribute) and defaults to the creating thread's own flag."""
import threading

import pytest

from claimspec import SHORT, Claim, run_python
from claimspec.timeouts import BRIEF

CLAIM = Claim(
    section="Background daemon threads",
    notes=(
        "A thread becomes a daemon with daemon=True in the constructor, or by setting its daemon "
        "attribute (the commented-out alternative) before it is started."
    ),
    verdict="holds",
    truth=(
        "daemon=True and setting .daemon before start() both work; after start() setting it raises "
        "RuntimeError. Left unset, the flag is copied from the thread that creates the Thread object."
    ),
    line=1021,
    extra={"also": "a thread created by a daemon thread is a daemon unless told otherwise"},
)


def test_the_keyword_and_the_attribute_both_make_a_daemon():
    """`daemon=True` in the constructor and `t.daemon = True` before `start()` both make a daemon thread"""
    by_keyword = threading.Thread(target=lambda: None, daemon=True)
    by_attribute = threading.Thread(target=lambda: None)
    by_attribute.daemon = True
    assert by_keyword.daemon and by_attribute.daemon


def test_the_flag_cannot_change_once_the_thread_is_started():
    """Setting `daemon` after `start()` raises `RuntimeError` and leaves the flag as it was"""
    release = threading.Event()
    t = threading.Thread(target=release.wait, args=(SHORT,))
    t.start()
    try:
        with pytest.raises(RuntimeError):
            t.daemon = True
        assert t.daemon is False
    finally:
        release.set()
        t.join(SHORT)


def test_the_main_thread_is_not_a_daemon_so_its_threads_are_not_either():
    """The main thread is not a daemon, so a `Thread` it creates without `daemon=` is not one either

    Red on a runtime whose threads defaulted to daemon."""
    assert threading.main_thread().daemon is False
    made = run_python(
        """
        import threading
        print(threading.Thread(target=print).daemon)
        """,
        timeout=BRIEF,
    )
    made.assert_ok()
    assert made.stdout == "False\n", made.describe()


@pytest.mark.parametrize("creator_is_daemon", [True, False], ids=["daemon_creator", "non_daemon_creator"])
def test_a_new_thread_takes_the_daemon_flag_of_the_thread_that_creates_it(creator_is_daemon):
    """A `Thread` made without `daemon=` (or with `daemon=None`) copies the creating thread's flag

    Red on a runtime where the flag defaulted to False whatever the creator."""
    def create():
        return (
            threading.Thread(target=lambda: None).daemon,
            threading.Thread(target=lambda: None, daemon=None).daemon,
            threading.Thread(target=lambda: None, daemon=not creator_is_daemon).daemon,
        )

    creator = threading.Thread(target=lambda: results.append(create()), daemon=creator_is_daemon)
    results = []
    creator.start()
    creator.join(SHORT)
    assert results == [(creator_is_daemon, creator_is_daemon, not creator_is_daemon)]


def test_a_thread_started_by_a_daemon_thread_does_not_keep_the_process_alive():
    """A thread started by a daemon thread is itself a daemon and does not keep the process alive"""
    ran = run_python(
        """
        import threading

        never = threading.Event()
        started = threading.Event()
        made = []

        def daemon_body():
            inner = threading.Thread(target=never.wait)  # no daemon argument: inherited
            made.append(inner)
            inner.start()
            started.set()
            never.wait()

        threading.Thread(target=daemon_body, daemon=True).start()
        assert started.wait(30)
        print("inner thread is a daemon:", made[0].daemon)
        """,
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == "inner thread is a daemon: True\n", ran.describe()

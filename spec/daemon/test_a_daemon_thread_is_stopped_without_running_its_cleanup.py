"""A daemon thread is stopped abruptly at exit: its finally blocks and with-block exits never run, so exit-time cleanup does not belong in one."""
from claimspec import Claim, run_python
from claimspec.timeouts import BRIEF

CLAIM = Claim(
    section="Background daemon threads",
    notes="Daemon threads are mostly used for resource management and cleanup.",
    verdict="opinion",
    truth=(
        "what daemon threads are 'mostly used for' is not a property of the runtime. Measured: a daemon "
        "thread may do housekeeping while the program runs, but one still running at exit is stopped "
        "wherever it is: its finally blocks, with-block exits and any code after are never run, so it is "
        "the wrong place for cleanup at exit. That belongs in the main thread (finally, atexit, which run "
        "while daemon threads are still alive) or in a non-daemon thread that is told to stop and then "
        "finishes its own finally."
    ),
    line=995,
)


def test_the_finally_and_with_exit_of_a_daemon_thread_never_run_at_exit():
    """A daemon thread's `finally` block and `__exit__` never run when the process exits

    Red on a runtime that unwound daemon threads at exit (their messages would be printed)."""
    ran = run_python(
        """
        import threading

        class Resource:
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                print("daemon: resource released")

        never = threading.Event()
        inside = threading.Event()

        def cleaner():
            try:
                with Resource():
                    inside.set()
                    never.wait()
            finally:
                print("daemon: finally ran")

        threading.Thread(target=cleaner, daemon=True).start()
        assert inside.wait(30)
        print("main: ends")
        """,
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\n", ran.describe()


def test_atexit_handlers_run_while_the_daemon_thread_is_still_alive():
    """`atexit` handlers run while the daemon thread is still alive, so cleanup can be done there"""
    ran = run_python(
        """
        import atexit
        import threading

        never = threading.Event()
        d = threading.Thread(target=never.wait, daemon=True)
        d.start()
        atexit.register(lambda: print("atexit: daemon alive:", d.is_alive()))
        print("main: ends")
        """,
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\natexit: daemon alive: True\n", ran.describe()


def test_a_non_daemon_worker_told_to_stop_runs_its_own_cleanup():
    """A non-daemon worker told to stop by an `Event` runs its own `finally` before the process exits"""
    ran = run_python(
        """
        import threading

        stop = threading.Event()
        inside = threading.Event()

        def worker():
            try:
                inside.set()
                stop.wait()
            finally:
                print("worker: cleanup done")

        threading.Thread(target=worker).start()
        try:
            assert inside.wait(30)
            print("main: ends")
        finally:
            stop.set()
        """,
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\nworker: cleanup done\n", ran.describe()

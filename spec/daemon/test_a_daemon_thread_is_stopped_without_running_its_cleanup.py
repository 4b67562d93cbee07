"""A daemon thread is stopped abruptly at exit: its finally blocks and context-manager exits never run, so it cannot do cleanup."""
from claimspec import Claim, run_python

CLAIM = Claim(
    section="Background daemon threads",
    notes="Daemon threads are mostly used for resource management and cleanup.",
    verdict="notes-wrong",
    truth=(
        "a daemon thread still running at exit is stopped wherever it is: its finally blocks, "
        "with-block exits and any code after are never run, so it is the wrong place for cleanup. "
        "Cleanup belongs in the main thread (finally, atexit, which run while daemon threads are "
        "still alive) or in a non-daemon thread that is told to stop and then finishes its own finally."
    ),
)


def test_the_finally_and_with_exit_of_a_daemon_thread_never_run_at_exit():
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
        """
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\n", ran.describe()


def test_atexit_handlers_run_while_the_daemon_thread_is_still_alive():
    ran = run_python(
        """
        import atexit
        import threading

        never = threading.Event()
        d = threading.Thread(target=never.wait, daemon=True)
        d.start()
        atexit.register(lambda: print("atexit: daemon alive:", d.is_alive()))
        print("main: ends")
        """
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\natexit: daemon alive: True\n", ran.describe()


def test_a_non_daemon_worker_told_to_stop_runs_its_own_cleanup():
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
        """
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\nworker: cleanup done\n", ran.describe()

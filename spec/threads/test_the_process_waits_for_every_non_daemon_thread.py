"""The main thread's code may end first, but the process exits only after every non-daemon thread has ended; daemon threads and os._exit do not wait."""
from claimspec import Claim, run_python
from claimspec.timeouts import BRIEF

CLAIM = Claim(
    section="Threading in python",
    notes=(
        "The main code that created the threads can exit, but the process does not terminate until "
        "all the threads have completed; the process exits only when all threads have exited."
    ),
    verdict="partly",
    truth=(
        "right for non-daemon threads: after the main code ends (normally, by sys.exit or by an "
        "exception) the interpreter joins every non-daemon thread before it exits, so one that "
        "never ends keeps the process alive forever. Not for all threads: a daemon thread still "
        "running does not hold the process, it is stopped where it is at exit (see spec/daemon); "
        "and os._exit ends the process at once, whatever threads run."
    ),
    line=304,
)

# A worker that outlives the main code: it waits until the main code has ended,
# then reports and ends. threading._register_atexit (the hook concurrent.futures
# uses, CPython and PyPy 3.9+) runs its callbacks once the main thread is marked
# stopped, before the non-daemon threads are joined. (Joining the main thread
# from the worker instead races with threading._shutdown on PyPy 3.9: an
# AssertionError in _stop() is printed at exit.)
_OUTLIVES_MAIN = """
    import sys
    import threading

    main_code_over = threading.Event()
    threading._register_atexit(main_code_over.set)

    def worker():
        main = threading.main_thread()
        main_code_over.wait(30)
        print("worker: main thread alive:", main.is_alive())
        print("worker: ends")

    threading.Thread(target=worker, name="worker").start()
    print("main: code ends")
    {ending}
"""


def test_the_process_lives_on_after_the_main_code_ends_until_the_worker_ends():
    """The process lives on after the main code ends, until the non-daemon worker has ended

    A runtime that exited when the main code ended would print no worker lines.
    """
    ran = run_python(_OUTLIVES_MAIN.format(ending=""), timeout=BRIEF)
    ran.assert_ok()
    assert ran.stdout == (
        "main: code ends\n"
        "worker: main thread alive: False\n"
        "worker: ends\n"
    ), ran.describe()


def test_sys_exit_in_the_main_thread_still_waits_for_the_worker():
    """sys.exit in the main thread still waits for the non-daemon worker, then exits with its code"""
    ran = run_python(_OUTLIVES_MAIN.format(ending="sys.exit(3)"), timeout=BRIEF)
    assert ran.returncode == 3 and ran.stderr == "", ran.describe()
    assert ran.stdout.endswith("worker: ends\n"), ran.describe()


def test_an_exception_ending_the_main_thread_still_waits_for_the_worker():
    """An exception that ends the main thread still waits for the non-daemon worker"""
    ran = run_python(_OUTLIVES_MAIN.format(ending="raise SystemError('main fails')"), timeout=BRIEF)
    assert ran.returncode == 1, ran.describe()
    assert ran.stdout.endswith("worker: ends\n"), ran.describe()
    assert ran.stderr.strip().splitlines()[-1] == "SystemError: main fails", ran.describe()


def test_a_thread_blocked_forever_keeps_the_finished_program_running():
    """A non-daemon thread blocked forever keeps a finished program running until it is released

    The notes' Event example never ends for this reason: its threads loop forever and are not
    daemons. Here a daemon observer sees the main code finished while the blocked reader holds the
    process; only its releasing the reader lets the process end.
    """
    ran = run_python(
        """
        import threading

        never = threading.Event()
        main_code_over = threading.Event()
        threading._register_atexit(main_code_over.set)  # runs once the main code has ended

        def reader():
            never.wait()
            print("reader: released, the process can end", flush=True)

        r = threading.Thread(target=reader, name="reader")
        r.start()

        def observer():
            main_code_over.wait(30)
            print("observer: main code finished; reader alive:", r.is_alive(), flush=True)
            never.set()  # without this, nothing would ever end the process

        threading.Thread(target=observer, daemon=True).start()
        print("main: code ends", flush=True)
        """,
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == (
        "main: code ends\n"
        "observer: main code finished; reader alive: True\n"
        "reader: released, the process can end\n"
    ), ran.describe()


def test_a_running_daemon_thread_does_not_hold_the_process():
    """A daemon thread still running does not hold the process: it exits when the main code ends

    A runtime that waited for daemon threads too would hang here until the watchdog ends the child.
    """
    ran = run_python(
        """
        import threading

        never = threading.Event()
        monitor = threading.Thread(target=never.wait, name="monitor", daemon=True)
        monitor.start()
        print("main: code ends; monitor alive:", monitor.is_alive())
        """,
        # the program is over in a fraction of a second; a watchdog of SHORT * 2 made this test
        # alone wait 10 s under a runtime that ignored the daemon flag
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == "main: code ends; monitor alive: True\n", ran.describe()


def test_os_exit_ends_the_process_without_waiting_for_threads():
    """os._exit ends the process at once, without waiting for a non-daemon thread"""
    ran = run_python(
        """
        import os
        import threading

        never = threading.Event()
        threading.Thread(target=never.wait).start()
        print("main: leaving with os._exit", flush=True)
        os._exit(0)
        """,
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == "main: leaving with os._exit\n", ran.describe()

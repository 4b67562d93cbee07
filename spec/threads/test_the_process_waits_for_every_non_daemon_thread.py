"""The main thread's code may end first, but the process exits only after every non-daemon thread has ended."""
from claimspec import Claim, run_python

CLAIM = Claim(
    section="Threading in python",
    notes=(
        "The code that created the threads may finish, yet the process does not terminate until all "
        "of its threads have finished; the process exits only when every thread has exited."
    ),
    verdict="holds",
    extra={"precisely": "every non-daemon thread; daemon threads do not hold the process (see spec/daemon)"},
)

# A worker that outlives the main code: it waits for the main thread to be
# stopped (main_thread().join() returns once the main code has ended and the
# interpreter has begun to shut down), then reports and ends.
_OUTLIVES_MAIN = """
    import sys
    import threading

    def worker():
        main = threading.main_thread()
        main.join(30)
        print("worker: main thread alive:", main.is_alive())
        print("worker: ends")

    threading.Thread(target=worker, name="worker").start()
    print("main: code ends")
    {ending}
"""


def test_the_process_lives_on_after_the_main_code_ends_until_the_worker_ends():
    ran = run_python(_OUTLIVES_MAIN.format(ending=""))
    ran.assert_ok()
    assert ran.stdout == (
        "main: code ends\n"
        "worker: main thread alive: False\n"
        "worker: ends\n"
    ), ran.describe()


def test_sys_exit_in_the_main_thread_still_waits_for_the_worker():
    ran = run_python(_OUTLIVES_MAIN.format(ending="sys.exit(3)"))
    assert ran.returncode == 3 and ran.stderr == "", ran.describe()
    assert ran.stdout.endswith("worker: ends\n"), ran.describe()


def test_an_exception_ending_the_main_thread_still_waits_for_the_worker():
    ran = run_python(_OUTLIVES_MAIN.format(ending="raise SystemError('main fails')"))
    assert ran.returncode == 1, ran.describe()
    assert ran.stdout.endswith("worker: ends\n"), ran.describe()
    assert ran.stderr.strip().splitlines()[-1] == "SystemError: main fails", ran.describe()


def test_a_thread_blocked_forever_keeps_the_finished_program_running():
    """The notes' Event example never ends: its threads loop forever and are not daemons."""
    ran = run_python(
        """
        import os
        import threading

        never = threading.Event()
        reader = threading.Thread(target=never.wait, name="reader")
        reader.start()

        def observer():
            threading.main_thread().join(30)
            print("main code finished; reader alive:", reader.is_alive(), flush=True)
            os._exit(7)  # the only way out: nothing will ever set the event

        threading.Thread(target=observer, daemon=True).start()
        print("main: code ends", flush=True)
        """
    )
    assert ran.returncode == 7 and ran.stderr == "", ran.describe()
    assert ran.stdout == "main: code ends\nmain code finished; reader alive: True\n", ran.describe()


def test_os_exit_ends_the_process_without_waiting_for_threads():
    ran = run_python(
        """
        import os
        import threading

        never = threading.Event()
        threading.Thread(target=never.wait).start()
        print("main: leaving with os._exit", flush=True)
        os._exit(0)
        """
    )
    ran.assert_ok()
    assert ran.stdout == "main: leaving with os._exit\n", ran.describe()

"""A daemon thread may print and share data while the program runs; at exit it stops mid-work, leaving what it held locked or half-written, and one blocked in sys.stdin makes CPython abort."""
from claimspec import SETTLE, SHORT, Claim, cpython_only, pypy_only, run_python
from claimspec.timeouts import BRIEF

CLAIM = Claim(
    section="Background daemon threads",
    notes=(
        "Daemon threads should not share resources with the active (non-daemon) threads, to avoid a "
        "crash; for example, no prints in the monitor thread."
    ),
    verdict="opinion",
    truth=(
        "measured: while the program runs a daemon thread may print and share data like any thread (the "
        "notes' own monitor prints, and exits cleanly). The hazard is at exit, where a daemon thread is "
        "stopped wherever it is: a lock it holds stays held, so cleanup that needs it cannot take it; a "
        "file it was writing is left half-written; and on CPython (3.9 to 3.13 measured) a daemon thread "
        "blocked reading sys.stdin at exit makes the interpreter abort with 'Fatal Python error: "
        "_enter_buffered_busy: could not acquire lock ... possibly due to daemon threads' (SIGABRT), "
        "because shutdown needs the stream's lock. PyPy exits cleanly there. So the crash is real, but it "
        "comes from a standard stream or lock still in use at exit, not from printing as such."
    ),
    line=994,
)


def test_a_daemon_monitor_may_print_while_the_program_runs():
    """A daemon monitor's three `print()` calls reach stdout and the program exits with code 0"""
    ran = run_python(
        """
        import threading

        done = threading.Event()

        def monitor():
            for i in range(3):
                print("monitor: tick", i, flush=True)
            done.set()
            threading.Event().wait()

        threading.Thread(target=monitor, daemon=True).start()
        assert done.wait(30)
        print("main: ends")
        """,
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == "monitor: tick 0\nmonitor: tick 1\nmonitor: tick 2\nmain: ends\n", ran.describe()


def test_a_lock_held_by_a_daemon_thread_at_exit_stays_held_for_cleanup():
    """A `Lock` a daemon thread holds at exit cannot be taken by an `atexit` handler

    Red on a runtime that released a stopped thread's locks (the handler would print True)."""
    ran = run_python(
        f"""
        import atexit
        import threading

        shared = threading.Lock()
        holding = threading.Event()

        def monitor():
            with shared:
                holding.set()
                threading.Event().wait()

        def cleanup():
            got = shared.acquire(timeout={SETTLE!r})
            print("cleanup took the shared lock:", got)

        atexit.register(cleanup)
        threading.Thread(target=monitor, daemon=True).start()
        assert holding.wait(30)
        print("main: ends")
        """,
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\ncleanup took the shared lock: False\n", ran.describe()


def test_a_file_a_daemon_thread_was_writing_is_left_half_written(tmp_path):
    """A file a daemon thread was writing is left with only the part written before exit

    Red on a runtime that let daemon threads finish at exit (part 2 would be written)."""
    target = tmp_path / "report.txt"
    ran = run_python(
        """
        import sys
        import threading

        halfway = threading.Event()

        def writer(path):
            with open(path, "w") as f:
                f.write("part 1 of 2\\n")
                f.flush()
                halfway.set()
                threading.Event().wait()  # stopped here at exit
                f.write("part 2 of 2\\n")

        threading.Thread(target=writer, args=(sys.argv[1],), daemon=True).start()
        assert halfway.wait(30)
        print("main: ends")
        """,
        str(target),
        timeout=BRIEF,
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\n", ran.describe()
    assert target.read_text() == "part 1 of 2\n"


_BLOCKED_IN_STDIN = """
    import os
    import sys
    import threading
    import time

    r, w = os.pipe()
    os.dup2(r, 0)  # sys.stdin now reads a pipe whose write end stays open: readline() waits
    inside = threading.Event()

    def monitor():
        inside.set()
        sys.stdin.buffer.readline()

    t = threading.Thread(target=monitor, daemon=True)
    t.start()
    assert inside.wait(30)
    read_line = monitor.__code__.co_firstlineno + 2
    deadline = time.monotonic() + 30
    while sys._current_frames()[t.ident].f_lineno != read_line and time.monotonic() < deadline:
        time.sleep(0.001)  # a bounded poll: until the monitor is inside readline()
    print("main: ends", flush=True)
"""


@cpython_only
def test_a_daemon_thread_blocked_reading_stdin_at_exit_makes_cpython_abort():
    """On CPython a daemon thread blocked in `sys.stdin.buffer.readline()` at exit makes the interpreter abort

    Red on a runtime whose shutdown did not need the stream's lock (the child would exit 0), as PyPy."""
    outcomes = []
    for _ in range(3):  # the monitor may not yet hold the lock when the main code ends: observed at least once
        ran = run_python(_BLOCKED_IN_STDIN, timeout=SHORT)
        outcomes.append(ran)
        if ran.returncode != 0:
            break
    ran = outcomes[-1]
    assert ran.returncode == -6 and "possibly due to daemon threads" in ran.stderr, ran.describe()
    assert ran.stdout == "main: ends\n"


@pypy_only
def test_on_pypy_a_daemon_thread_blocked_reading_stdin_does_not_stop_a_clean_exit():
    """On PyPy a daemon thread blocked in `sys.stdin.buffer.readline()` at exit leaves a clean exit"""
    ran = run_python(_BLOCKED_IN_STDIN, timeout=SHORT)
    ran.assert_ok()
    assert ran.stdout == "main: ends\n", ran.describe()

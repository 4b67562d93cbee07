"""Daemon threads may print and share data while the program runs; at exit they stop mid-work, leaving what they held locked or half-written."""
from claimspec import SETTLE, Claim, run_python

CLAIM = Claim(
    section="Background daemon threads",
    notes=(
        "Daemon threads should not share resources with the non-daemon threads, to avoid a crash; "
        "for example, a monitor thread should not print."
    ),
    verdict="opinion",
    truth=(
        "measurable: while the program runs a daemon thread may print and share data like any "
        "thread (the notes' own monitor prints). The hazard is at exit, where a daemon thread is "
        "stopped wherever it is: a lock it holds stays held, so cleanup that needs it cannot take it, "
        "and a shared file it was writing is left half-written."
    ),
)


def test_a_daemon_monitor_may_print_while_the_program_runs():
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
        """
    )
    ran.assert_ok()
    assert ran.stdout == "monitor: tick 0\nmonitor: tick 1\nmonitor: tick 2\nmain: ends\n", ran.describe()


def test_a_lock_held_by_a_daemon_thread_at_exit_stays_held_for_cleanup():
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
        """
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\ncleanup took the shared lock: False\n", ran.describe()


def test_a_file_a_daemon_thread_was_writing_is_left_half_written(tmp_path):
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
    )
    ran.assert_ok()
    assert ran.stdout == "main: ends\n", ran.describe()
    assert target.read_text() == "part 1 of 2\n"

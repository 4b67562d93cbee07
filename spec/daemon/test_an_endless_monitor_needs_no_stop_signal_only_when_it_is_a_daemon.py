"""An endless monitor loop can be left running only as a daemon thread: then the process exits when the work is done; a non-daemon monitor holds it forever."""
from claimspec import SETTLE, SHORT, Claim, run_python

CLAIM = Claim(
    section="Background daemon threads",
    notes="Daemon threads are useful for monitor threads.",
    verdict="opinion",
    truth=(
        "measured: a daemon monitor that loops forever, reporting on the workers, needs no stop signal: "
        "the process exits once the workers and the main code are done; the same loop in a non-daemon "
        "thread keeps the process alive forever. The advice stops holding where the monitor's report "
        "must be complete (its last round is cut off at exit, and its finally blocks never run), and in "
        "a process whose main thread never ends (a notebook kernel, a server) the monitor never stops; "
        "there a non-daemon monitor paced with Event.wait() and told to stop is the safer design."
    ),
    line=993,
)

_MONITOR_PROGRAM = """
    import faulthandler
    import sys
    import threading

    DAEMON = sys.argv[1] == "daemon"
    done = 0
    reported = threading.Event()
    never = threading.Event()

    def monitor():
        while True:
            print("monitor: done", done, flush=True)
            reported.set()
            never.wait(0.001)

    threading.Thread(target=monitor, name="MonitorThread", daemon=DAEMON).start()
    assert reported.wait(30)
    for _ in range(3):
        done += 1
    print("main: work finished", flush=True)
    if len(sys.argv) > 2:  # once the main code has ended, the watchdog ends the child argv[2] s later
        threading._register_atexit(lambda: faulthandler.dump_traceback_later(float(sys.argv[2]), exit=True))
"""


def test_a_daemon_monitor_is_left_running_and_the_process_still_exits():
    """A daemon monitor that loops forever reports, and the process exits with code 0 when the work is done"""
    ran = run_python(_MONITOR_PROGRAM, "daemon", timeout=SHORT)
    ran.assert_ok()
    assert ran.stdout.startswith("monitor: done 0\n"), ran.describe()
    assert "main: work finished\n" in ran.stdout, ran.describe()


def test_the_same_monitor_as_a_non_daemon_thread_keeps_the_process_alive():
    """The same endless monitor as a non-daemon thread keeps the process alive until the watchdog ends it

    Red on a runtime that did not wait for non-daemon threads at exit (the child would exit 0)."""
    # Still running SETTLE * 3 after its main code ended, it is waiting for the monitor: a runtime
    # that did not wait would have exited at once. SETTLE * 20 bounds the start.
    ran = run_python(_MONITOR_PROGRAM, "non-daemon", str(SETTLE * 3), timeout=SETTLE * 20)
    assert ran.returncode != 0 and ran.stderr.startswith("Timeout"), ran.describe()[-2000:]
    assert "main: work finished" in ran.stdout, ran.stdout[-2000:]

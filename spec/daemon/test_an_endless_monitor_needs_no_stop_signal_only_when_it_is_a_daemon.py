"""An endless monitor loop can be left running only as a daemon thread: then the process exits when the work is done; a non-daemon monitor holds it forever."""
from claimspec import SETTLE, SHORT, Claim, run_python
from claimspec.notebook import notebook_test

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
        "there a non-daemon monitor paced with Event.wait() and told to stop is the safer design. "
        "Seen in a notebook: a daemon monitor started in a cell is still alive after the cell "
        "ends and keeps printing, since the kernel process never exits: into the later cells with "
        "ipykernel 7 (seen: 7.4), into its own cell's output with ipykernel 6 (seen: 6.31); in a "
        "script it is stopped when the main code ends."
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


# The notes' monitor, in a cell: a daemon thread that reports forever (paced as theirs is, by a
# sleep in the program under test; the next cell waits for its rounds with a bounded poll).
MONITOR_CELL = """
import threading, time
from itertools import count
rounds = []

def monitor(interval):
    t = threading.current_thread()
    for i in count():
        rounds.append(i)
        print("{}: monitoring {}".format(t.name, i))
        time.sleep(interval)

c = threading.Thread(target=monitor, name="MonitorThread", args=(0.02,), daemon=True)
c.start()
"""
LATER_CELL = """
seen = len(rounds)
deadline = time.monotonic() + {limit}
while len(rounds) < seen + 3 and time.monotonic() < deadline:
    time.sleep(0.005)  # a bounded poll of the monitor's rounds
print("alive:", c.is_alive(), "rounds since:", len(rounds) - seen >= 3)
"""


@notebook_test
def test_in_a_notebook_a_daemon_monitor_keeps_printing_after_its_cell_ended(kernel):
    """In a notebook the daemon monitor outlives its cell and goes on printing: into later cells (ipykernel 7) or its own (ipykernel 6)"""
    # Red on a kernel that stopped a cell's threads when the cell ended, or dropped output from
    # threads of finished cells (then no monitoring line comes after the first cell).
    own_cell = kernel.threads_print_into_their_own_cell()
    started = kernel.run(MONITOR_CELL)
    assert started.error is None, started.describe()
    later = kernel.run(LATER_CELL.format(limit=SHORT))
    assert later.error is None, later.describe()
    assert later.stdout.splitlines()[-1] == "alive: True rounds since: True", later.describe()

    def monitoring_lines(text):
        return [line for line in text.splitlines() if line.startswith("MonitorThread: monitoring ")]

    if own_cell:
        kernel.collect(lambda nb: len(monitoring_lines(nb.late_stdout(started))) >= 3)
        assert monitoring_lines(later.stdout) == [], later.describe()
    else:
        assert len(monitoring_lines(later.stdout)) >= 3, later.describe()

"""How we see whether two tasks run at the same instant, shared by the concurrency specs.

Each task spins on time.monotonic() for a window and notes the intervals in which it was running:
a pause longer than GAP between two readings means it was not running then. Two tasks ran at the
same instant for as long as their running intervals intersect. The spinning runs in threads of this
interpreter (``spin_threads``) or in child interpreters, each pinned to a core (``spin_processes``).
"""
import inspect
import json
import os
import shutil
import subprocess
import sys
import threading

from claimspec import LONG, SHORT, join_threads

WINDOW = 0.15  # seconds each spinner runs
GAP = 0.00002  # a pause longer than this between two clock readings means the task was not running
EVIDENCE = 0.001  # 50 x GAP of running at the same instant: more than any measuring artefact


def spin(seconds, gap):
    """Spin for ``seconds``; return the (start, end) intervals in which we were running."""
    import time

    now = time.monotonic
    start = last = now()
    stop = start + seconds
    runs = []
    while last < stop:
        t = now()
        if t - last > gap:
            runs.append((start, last))
            start = t
        last = t
    runs.append((start, last))
    return runs


# The child program: the same spin(), pinned to a core when asked, started on "go" from stdin.
SPINNER = inspect.getsource(spin) + r"""
import json, os, sys
cpu = int(sys.argv[1])
if cpu >= 0 and hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {cpu})
print("ready", flush=True)
sys.stdin.readline()
print(json.dumps(spin(float(sys.argv[2]), float(sys.argv[3]))), flush=True)
"""


def intersection(runs_a, runs_b):
    """Total time during which both tasks were running."""
    total, i, j = 0.0, 0, 0
    while i < len(runs_a) and j < len(runs_b):
        lo = max(runs_a[i][0], runs_b[j][0])
        hi = min(runs_a[i][1], runs_b[j][1])
        total += max(0.0, hi - lo)
        if runs_a[i][1] < runs_b[j][1]:
            i += 1
        else:
            j += 1
    return total


def interleaved(runs_a, runs_b):
    """True when each task ran between two runs of the other: both were in progress at once,
    taking turns, before either finished."""

    def ran_inside(inner, outer):
        first_end, last_start = outer[0][1], outer[-1][0]
        return any(first_end <= start and end <= last_start for start, end in inner)

    return ran_inside(runs_b, runs_a) and ran_inside(runs_a, runs_b)


# How a child gets pinned to one core: it pins itself (os.sched_setaffinity), or we start it
# under taskset (PyPy 3.9 has no os.sched_setaffinity), or it cannot be pinned.
CAN_PIN = hasattr(os, "sched_setaffinity") or shutil.which("taskset") is not None


def usable_cpus():
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


def _spinner_command(cpu):
    command = [sys.executable, "-c", SPINNER, str(cpu), str(WINDOW), str(GAP)]
    if cpu >= 0 and not hasattr(os, "sched_setaffinity"):
        command = [shutil.which("taskset"), "-c", str(cpu)] + command
    return command


def spin_processes(cpus):
    """Two child interpreters (pinned to cpus[0] and cpus[1], -1 for no pinning) spin, started
    at the same moment; return their running intervals."""
    procs = [
        subprocess.Popen(_spinner_command(cpu), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for cpu in cpus
    ]
    try:
        for p in procs:
            assert p.stdout.readline() == "ready\n"
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        outputs = [p.communicate(timeout=LONG)[0] for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(LONG)
    assert all(p.returncode == 0 for p in procs)
    return [json.loads(out) for out in outputs]


def spin_threads():
    """Two threads of this interpreter spin, released together by a barrier; return their running
    intervals (the main thread only waits in join meanwhile)."""
    start = threading.Barrier(2)
    runs = [None, None]

    def spinner(k):
        start.wait(SHORT)
        runs[k] = spin(WINDOW, GAP)

    threads = [threading.Thread(target=spinner, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    join_threads(threads, LONG)
    assert None not in runs, "a spinner thread failed"
    return runs


def accumulate_overlap(spin_pair, windows=8):
    """Add up how long both tasks ran at once over up to ``windows`` windows, stopping once it
    reaches EVIDENCE (other load may keep one task off its CPU for most of a window).
    Returns (time both ran at once, windows used)."""
    both, used = 0.0, 0
    while used < windows and both < EVIDENCE:
        both += intersection(*spin_pair())
        used += 1
    return both, used

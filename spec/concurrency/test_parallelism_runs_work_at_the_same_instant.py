"""Parallelism is execution at the same instant: two processes on two cores are observed running at the same moments, while on one core they only take turns."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from claimspec import LONG, Claim, requires_cores

CLAIM = Claim(
    section="Parellelism vs Concurrency",
    notes="Parallelism is parallel execution; concurrency is execution by time sharing.",
    verdict="holds",
    extra={
        "how we see it": "each process spins on time.monotonic() and notes the intervals in which it "
        "was running (no gap over 20 us between readings); parallel means these intervals intersect"
    },
)

WINDOW = 0.15  # seconds each spinner runs
GAP = 0.00002  # a pause longer than this between two clock readings means the process was not running
EVIDENCE = 0.001  # 50 x GAP of running at the same instant: more than any measuring artefact

SPINNER = r"""
import json, os, sys, time
cpu = int(sys.argv[1])
if cpu >= 0 and hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {cpu})
print("ready", flush=True)
sys.stdin.readline()
now = time.monotonic
start = last = now()
stop = start + float(sys.argv[2])
gap = float(sys.argv[3])
runs = []
while last < stop:
    t = now()
    if t - last > gap:
        runs.append((start, last))
        start = t
    last = t
runs.append((start, last))
print(json.dumps(runs), flush=True)
"""


def intersection(runs_a, runs_b):
    """Total time during which both processes were running."""
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


# How a child gets pinned to one core: it pins itself (os.sched_setaffinity), or we start it
# under taskset (PyPy 3.9 has no os.sched_setaffinity), or it cannot be pinned.
CAN_PIN = hasattr(os, "sched_setaffinity") or shutil.which("taskset") is not None


def usable_cpus():
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


def spinner_command(cpu):
    command = [sys.executable, "-c", SPINNER, str(cpu), str(WINDOW), str(GAP)]
    if cpu >= 0 and not hasattr(os, "sched_setaffinity"):
        command = [shutil.which("taskset"), "-c", str(cpu)] + command
    return command


def spin_pair(cpus):
    """Run two spinners (pinned to cpus[0] and cpus[1], -1 for no pinning) started at the same
    moment; return how long both were running at once."""
    procs = [
        subprocess.Popen(spinner_command(cpu), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
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
    runs_a, runs_b = (json.loads(out) for out in outputs)
    return intersection(runs_a, runs_b)


@requires_cores(2)
def test_two_processes_on_two_cores_run_at_the_same_instant(claim_measurement):
    # Each on a core of its own (else the OS may keep both on one core while another process has
    # the other). Other load may still keep one of them off its CPU for most of a window, so we
    # add up several windows until both were seen running at once for EVIDENCE in all. On one
    # core that total stays 0 (the next test); only a start-up blip shorter than GAP could fake it.
    cpus = usable_cpus()[:2] if CAN_PIN else [-1, -1]
    both = 0.0
    windows = 0
    while windows < 8 and both < EVIDENCE:
        both += spin_pair(cpus)
        windows += 1
    claim_measurement("time both processes ran at once, per window", round(both / windows / WINDOW, 3), "x")
    assert both >= EVIDENCE, (
        f"in {windows} windows of {WINDOW} s the two processes ran at once for only {both * 1000:.2f} ms"
    )


@pytest.mark.skipif(not CAN_PIN, reason="needs os.sched_setaffinity or taskset to pin both to one core")
def test_two_processes_sharing_one_core_only_take_turns():
    cpu = usable_cpus()[0]
    both = spin_pair([cpu, cpu])
    assert both < EVIDENCE, f"pinned to one core they overlapped for {both * 1000:.2f} ms"

"""Parallelism is execution at the same instant: two processes on two cores are observed running at the same moments, while pinned to one core they only take turns."""
import pytest

from claimspec import Claim, requires_cores
from spec.concurrency.overlap import (
    CAN_PIN, EVIDENCE, GAP, WINDOW, accumulate_overlap, intersection, spin_processes, usable_cpus,
)

CLAIM = Claim(
    section="Parellelism vs Concurrency",
    notes="Parallelism is parallel execution.",
    verdict="holds",
    line=35,
    truth=(
        "Parallel execution means two pieces of work running at the same instant, which takes as many "
        "cores as there are pieces running at once: two CPU-bound processes on two cores run at the same "
        "moments; pinned to one core they only take turns (they are still concurrent, not parallel)."
    ),
    extra={
        "how we see it": f"each process spins on time.monotonic() and notes the intervals in which it "
        f"was running (no gap over {GAP * 1e6:.0f} us between readings); parallel means these intervals intersect"
    },
)


@requires_cores(2)
def test_two_processes_on_two_cores_run_at_the_same_instant(claim_measurement):
    """Two CPU-bound processes, each pinned to a core of its own, run at the same instant

    Red on a machine or runtime that cannot run two processes at once (one usable core, or a
    scheduler that time-slices them on one CPU): the intersection stays 0, as the next test shows.
    """
    # Each on a core of its own (else the OS may keep both on one core while another process has
    # the other). Other load may keep one of them off its CPU for most of a window, so we add up
    # several windows until both were seen running at once for EVIDENCE in all.
    cpus = usable_cpus()[:2] if CAN_PIN else [-1, -1]
    both, windows = accumulate_overlap(lambda: spin_processes(cpus))
    claim_measurement("time both processes ran at once, per window", round(both / windows / WINDOW, 3), "x")
    assert both >= EVIDENCE, (
        f"in {windows} windows of {WINDOW} s the two processes ran at once for only {both * 1000:.2f} ms"
    )


@pytest.mark.skipif(not CAN_PIN, reason="needs os.sched_setaffinity or taskset to pin both to one core")
def test_two_processes_sharing_one_core_only_take_turns():
    """Two CPU-bound processes pinned to the same core never run at the same instant

    Red when the pinning does not hold (both spread over two cores): they then overlap.
    """
    cpu = usable_cpus()[0]
    both = intersection(*spin_processes([cpu, cpu]))
    assert both < EVIDENCE, f"pinned to one core they overlapped for {both * 1000:.2f} ms"

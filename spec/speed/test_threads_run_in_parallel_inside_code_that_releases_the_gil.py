"""Threads do run in parallel while they are inside C code that releases the GIL, such as hashing a large buffer."""
import pytest

from claimspec import Claim, requires_cores, usable_cores

import hashlib

from spec.speed.speedwork import digest, in_forks, in_sequence, in_threads, reaches_floor, shows_free_cores

pytestmark = pytest.mark.speed

CLAIM = Claim(
    section="GIL",
    notes="All of a Python process's threads run on the same core.",
    verdict="notes-wrong",
    truth="The OS schedules a process's threads on any core, and two of them compute at the same "
    "time whenever neither needs the GIL: C code that releases it (hashlib on buffers over 2 KiB, "
    "zlib, file and socket I/O, time.sleep, numpy...) runs in parallel on several threads, so two "
    "threads hashing large buffers use up to two cores' CPU time and finish up to twice as soon. "
    "The GIL serialises only Python bytecode (and not at all on a free-threaded build).",
    extra={"limit": "the speed-up of 2 hashing threads (or forked processes) over sequential is "
           "bounded by the usable cores (2 here); a figure above it is a measurement error and fails, and the "
           "threads must reach 90% of it (1.8x) when 2 bare forked processes show two free cores"},
    line=313,
)

GROUP = "GIL: C code that releases the GIL (sha256 of 8 MiB, 24 times)"
BUFFER = bytes(8 * 1024 * 1024)
TIMES = 24  # about 0.3 s of hashing per call: forking is under 5% of it


def variants():
    calls = [(BUFFER, TIMES), (BUFFER, TIMES)]
    return {
        "sequential": lambda: in_sequence(digest, calls),
        "threads": lambda: in_threads(digest, calls),
        "forked": lambda: in_forks(digest, calls),
    }


@pytest.mark.parametrize("variant", ["sequential", "threads"])
def test_each_way_of_hashing_is_benchmarked_and_returns_the_right_digests(benchmark_variant, variant):
    """Each way (sequential, threads) is benchmarked, and each call returns the SHA-256 of the buffer"""
    # Red where the work is skipped or botched: threads never started, a wrong digest.
    outcome = benchmark_variant(GROUP, variant, variants()[variant])
    assert outcome == [hashlib.sha256(BUFFER).hexdigest()] * 2


@requires_cores(2)
def test_two_threads_hashing_finish_sooner_and_use_two_cores(side_by_side):
    """Two threads hashing 8 MiB buffers with hashlib use more than one core's CPU time at once"""
    # Red under a GIL that hashlib did not release: at most 1 CPU second per wall second.
    # Judged by CPU seconds per wall second, which shows two threads computing at once even
    # where the wall-time gain is small (two hyperthreads of one core share its SHA units).
    machine = lambda r: r.parallelism("forked") > 1.5  # noqa: E731 - two CPUs were free
    cores = min(2, usable_cores())  # 2 units of work use at most 2 cores
    result = side_by_side(
        GROUP, variants(), rounds=3, attempts=3, prefer=lambda r: machine(r) and shows_free_cores(r, cores),
        until=lambda r: machine(r) and shows_free_cores(r, cores) and reaches_floor(r, "sequential", "threads", cores),
        best=lambda r: r.ratio("sequential", "threads"),
        limits={"threads": cores, "forked": cores},
    )
    speed_up = side_by_side.record_within_limit(
        result, "sequential", "threads", "speed-up of 2 hashing threads over sequential", cores)
    side_by_side.record_within_limit(result, "sequential", "forked", "speed-up of 2 hashing forked processes over sequential", cores)
    used = side_by_side.record_value("CPU seconds per wall second, 2 hashing threads", result.parallelism("threads"))
    forked = side_by_side.record_value("CPU seconds per wall second, 2 hashing forked processes", result.parallelism("forked"))
    if forked < 1.5:
        side_by_side.skip_busy(f"2 bare forked processes used only {forked:.2f} CPU seconds per second")
    # Under a GIL that C code did not release, the threads would use at most 1.
    assert used > 1.3, side_by_side.history()
    # And they finish near twice as soon: 90% of the cores' limit when the forked pair got it.
    side_by_side.near_limit(result, "speed-up of 2 hashing threads over sequential", speed_up, cores)

"""Threads do run in parallel while they are inside C code that releases the GIL, such as hashing a large buffer."""
import pytest

from claimspec import Claim, requires_cores, usable_cores

import hashlib

from spec.speed.speedwork import digest, in_forks, in_sequence, in_threads

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
           "bounded by the usable cores (2 here). The claim is judged on paired rounds with a 95% "
           "interval: above 1.3x, where a GIL that hashlib kept would give about 1x (a skip when 2 "
           "bare forked processes in the same rounds show no second core free). How near 2x it "
           "comes is a goal, recorded with its interval; a figure whose whole interval lies above "
           "the cores is a measurement error and fails"},
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
    """Two threads hashing 8 MiB buffers with hashlib finish at least 1.3x sooner than one doing both"""
    # Red under a GIL that hashlib did not release: about 1x, and at most 1 CPU second per wall
    # second. Decided on paired rounds with a 95% interval; how near 2x it comes is a goal.
    cores = min(2, usable_cores())  # 2 units of work use at most 2 cores
    gate = side_by_side.gate(GROUP, variants(), "sequential", "threads", "speed-up of 2 hashing threads over sequential",
                             above=1.3, limit=cores, limits={"threads": cores, "forked": cores})
    result = gate.result
    side_by_side.record_value("CPU seconds per wall second, 2 hashing threads", result.parallelism("threads"))
    side_by_side.record_value("CPU seconds per wall second, 2 hashing forked processes", result.parallelism("forked"))
    assert gate.holds, gate

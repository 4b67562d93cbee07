"""Threads do run in parallel while they are inside C code that releases the GIL, such as hashing a large buffer."""
import pytest

from claimspec import Claim, requires_cores

from spec.speed.speedwork import digest, in_forks, in_sequence, in_threads

pytestmark = pytest.mark.speed

CLAIM = Claim(
    section="GIL",
    notes="Threads in Python are only concurrent, never parallel; all of them run on one core.",
    verdict="notes-wrong",
    truth="Only Python bytecode is serialised by the GIL. C code that releases it (hashlib on "
    "buffers over 2 KiB, zlib, file and socket I/O, time.sleep, numpy...) runs in parallel on "
    "several threads: two threads hashing large buffers finish up to twice as soon and use up "
    "to two cores' CPU time. Nor are threads pinned to one core: the OS schedules them on any.",
)

GROUP = "GIL: C code that releases the GIL (sha256 of 8 MiB)"
BUFFER = bytes(8 * 1024 * 1024)
TIMES = 4


def variants():
    calls = [(BUFFER, TIMES), (BUFFER, TIMES)]
    return {
        "sequential": lambda: in_sequence(digest, calls),
        "threads": lambda: in_threads(digest, calls),
        "forked": lambda: in_forks(digest, calls),
    }


@pytest.mark.parametrize("variant", ["sequential", "threads"])
def test_each_way_of_hashing_is_benchmarked(benchmark_variant, variant):
    benchmark_variant(GROUP, variant, variants()[variant])


@requires_cores(2)
def test_two_threads_hashing_finish_sooner_and_use_two_cores(side_by_side):
    result = side_by_side(
        GROUP, variants(), rounds=3, attempts=2,
        until=lambda r: r.ratio("sequential", "forked") > 1.5 and r.ratio("sequential", "threads") > 1.3,
    )
    side_by_side.require_capacity(result)
    speed_up = side_by_side.record(result, "sequential", "threads", "speed-up of 2 hashing threads over sequential")
    side_by_side.record_value("CPU seconds per wall second, 2 hashing threads", result.parallelism("threads"))
    # Under a GIL that C code did not release, both figures would stay near 1.
    assert speed_up > 1.3, side_by_side.history()

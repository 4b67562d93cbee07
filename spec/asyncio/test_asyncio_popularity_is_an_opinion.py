"""Whether asyncio is little used or gevent more popular cannot be tested; what can: asyncio ships with Python while gevent must be installed, and both overlap I/O waits."""
import asyncio
import sys
import time

from claimspec import Claim, best_of, requires_module
from spec.asyncio.stdlib_probe import in_stdlib
from spec.gevent.greenlet_joins import time_waiting_greenlets

CLAIM = Claim(
    section="Concurrency: asyncio",
    notes="asyncio is not that widely used; gevent is more popular for I/O tasks.",
    verdict="opinion",
    truth=(
        "Popularity is not a property of the runtime. Measurable: asyncio is in the standard library "
        "(nothing to install), gevent is a third-party package; on this runtime both run 20 waiting "
        "tasks in about the time of one wait. Where the advice stops: asyncio needs no install and "
        "no monkey-patching, and its async/await marks every switch point in the code; gevent runs "
        "ordinary blocking-style code but needs gevent-aware calls (or patch_all) to overlap."
    ),
    line=1673,
)

STEP = 0.03
TASKS = 20


def test_asyncio_is_standard_library_and_gevent_is_not():
    """`asyncio` is in the standard library and `gevent` is not: it comes from a package index, or is absent"""
    # Red on a Python that bundled gevent, or one that shipped without asyncio.
    assert in_stdlib("asyncio")
    assert not in_stdlib("gevent")  # installed from a package index, or absent
    if hasattr(sys, "stdlib_module_names"):  # 3.10+
        assert "asyncio" in sys.stdlib_module_names
        assert "gevent" not in sys.stdlib_module_names


def test_asyncio_overlaps_twenty_waits(claim_measurement):
    """Twenty coroutines gathered, each in `asyncio.sleep` of 30 ms, finish in under five waits' time"""
    # Red if asyncio.sleep blocked the loop (waits add up: 20 x), checked with time.sleep in its place.
    async def main():
        await asyncio.gather(*(asyncio.sleep(STEP) for _ in range(TASKS)))

    def run():
        started = time.monotonic()
        asyncio.run(main())
        return time.monotonic() - started

    elapsed = best_of(run, lambda best: best < 5 * STEP)  # an upper bound: a loaded machine retries
    claim_measurement(f"asyncio: {TASKS} waits / one wait", round(elapsed / STEP, 2), "x")
    assert STEP * 0.9 <= elapsed < 5 * STEP


@requires_module("gevent", why="gevent is a third-party library; the comparison needs it")
def test_gevent_overlaps_twenty_waits(claim_measurement):
    """Twenty greenlets, each in `gevent.sleep` of 30 ms, finish in under five waits' time"""
    # Red if gevent.sleep blocked the thread (waits add up: 20 x), checked with time.sleep in its place.
    import gevent

    try:
        elapsed = best_of(lambda: time_waiting_greenlets(gevent, TASKS, STEP), lambda best: best < 5 * STEP)
    finally:
        gevent.get_hub().destroy(destroy_loop=True)
    claim_measurement(f"gevent: {TASKS} waits / one wait", round(elapsed / STEP, 2), "x")
    assert STEP * 0.9 <= elapsed < 5 * STEP

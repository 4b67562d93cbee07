"""Whether asyncio is little used or gevent more popular cannot be tested; what can: asyncio ships with Python while gevent must be installed, and both overlap I/O waits."""
import asyncio
import importlib.util
import os
import sys
import sysconfig
import time

from claimspec import Claim, best_of, requires_module
from spec.gevent.greenlet_joins import join_greenlets

CLAIM = Claim(
    section="Concurrency: asyncio",
    notes="asyncio is not widely used; gevent is more popular for I/O tasks.",
    verdict="opinion",
    truth=(
        "Popularity is not a property of the runtime. Measurable: asyncio is in the standard library "
        "(nothing to install), gevent is a third-party package; on this runtime both run 20 waiting "
        "tasks in about the time of one wait."
    ),
)

STEP = 0.03
TASKS = 20


def in_stdlib(module):
    spec = importlib.util.find_spec(module)
    if spec is None:
        return False
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    return os.path.realpath(spec.origin).startswith(stdlib + os.sep)


def test_asyncio_is_standard_library_and_gevent_is_not():
    assert in_stdlib("asyncio")
    assert not in_stdlib("gevent")  # installed from a package index, or absent
    if hasattr(sys, "stdlib_module_names"):  # 3.10+
        assert "asyncio" in sys.stdlib_module_names
        assert "gevent" not in sys.stdlib_module_names


def test_asyncio_overlaps_twenty_waits(claim_measurement):
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
    import gevent

    def run():
        started = time.monotonic()
        join_greenlets(gevent, [gevent.spawn(gevent.sleep, STEP) for _ in range(TASKS)])
        return time.monotonic() - started

    try:
        elapsed = best_of(run, lambda best: best < 5 * STEP)
    finally:
        gevent.get_hub().destroy(destroy_loop=True)
    claim_measurement(f"gevent: {TASKS} waits / one wait", round(elapsed / STEP, 2), "x")
    assert STEP * 0.9 <= elapsed < 5 * STEP

"""Many greenlets waiting on I/O-like sleeps overlap their waits, while CPU-bound greenlets take as long as running them one after another: gevent suits I/O-bound work, not CPU-bound work."""
import time

from claimspec import Claim, best_of, requires_module
from spec.gevent.greenlet_joins import join_greenlets

NEEDS_GEVENT = "gevent is a third-party library; these claims are about it"
pytestmark = requires_module("gevent", why=NEEDS_GEVENT)

CLAIM = Claim(
    section="gevent",
    notes="gevent suits I/O-intensive tasks, not CPU-intensive ones.",
    verdict="holds",
)

STEP = 0.03
WAITERS = 20
BURNERS = 4
WORK = 20000


def test_twenty_waiting_greenlets_take_about_as_long_as_one(gevent_hub, claim_measurement):
    gevent = gevent_hub

    def run():
        started = time.monotonic()
        join_greenlets(gevent, [gevent.spawn(gevent.sleep, STEP) for _ in range(WAITERS)])
        return time.monotonic() - started

    best = best_of(run, lambda best: best < 5 * STEP)  # an upper bound: a loaded machine retries
    claim_measurement(f"{WAITERS} waiting greenlets / one wait", round(best / STEP, 2), "x")
    assert STEP * 0.9 <= best < 5 * STEP, best  # one after another would be 20 x


def test_cpu_bound_greenlets_run_one_after_another_without_overlapping(gevent_hub, claim_measurement):
    gevent = gevent_hub
    log = []

    def crunch(name):
        log.append(("start", name))
        total = 0
        for i in range(WORK):
            total += i * i
        log.append(("end", name))
        return total

    def run(count):
        started = time.monotonic()
        join_greenlets(gevent, [gevent.spawn(crunch, n) for n in range(count)])
        return time.monotonic() - started

    one = run(1)
    del log[:]
    many = run(BURNERS)
    # Judged by order, not by the clock (a JIT makes one crunch too short to time): a greenlet
    # that never yields runs to its end before the next one starts, so nothing overlaps.
    expected = [(kind, n) for n in range(BURNERS) for kind in ("start", "end")]
    assert log == expected
    claim_measurement(f"{BURNERS} CPU-bound greenlets / one (informative)", round(many / one, 2), "x")

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


def test_cpu_bound_greenlets_take_the_sum_of_their_work(gevent_hub, claim_measurement):
    gevent = gevent_hub

    def crunch():
        total = 0
        for i in range(WORK):
            total += i * i
        return total

    def run(count):
        started = time.monotonic()
        join_greenlets(gevent, [gevent.spawn(crunch) for _ in range(count)])
        return time.monotonic() - started

    run(BURNERS)  # warm-up (a JIT compiles the loop here)
    one = min(run(1) for _ in range(3))
    many = min(run(BURNERS) for _ in range(3))
    claim_measurement(f"{BURNERS} CPU-bound greenlets / one", round(many / one, 2), "x")
    assert many >= 0.6 * BURNERS * one, (many, one)  # no overlap: about BURNERS x

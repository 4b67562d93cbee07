"""Greenlets overlap their waits but not their CPU work: twenty waiting greenlets take about one wait, while CPU-bound greenlets run strictly one after another; that this makes gevent suit I/O and not CPU work is advice."""
import time

from claimspec import SETTLE, Claim, best_of
from spec.gevent.greenlet_joins import join_greenlets, time_waiting_greenlets

CLAIM = Claim(
    section="gevent",
    notes="gevent is suitable for I/O-intensive tasks, not for CPU-intensive ones.",
    verdict="opinion",
    truth=(
        "Measured: 20 greenlets each waiting 30 ms in gevent.sleep finish in about one wait, while "
        "CPU-bound greenlets that never yield run one after another with nothing overlapping, so they "
        "gain nothing over a plain loop. The advice stops holding where the I/O is not gevent-aware "
        "(an unpatched blocking call stalls every greenlet: see "
        "test_blocking_calls_cooperate_only_when_gevent_aware), and CPU work can still be mixed in "
        "short spikes between waits (test_a_waiting_greenlet_lets_the_others_use_the_cpu) or moved "
        "to threads or processes (gevent.threadpool)."
    ),
    line=186,
)

STEP = 0.03
WAITERS = 20
BURNERS = 4


def test_twenty_waiting_greenlets_take_about_as_long_as_one(gevent_hub, claim_measurement):
    """Twenty greenlets each in `gevent.sleep` of 30 ms all finish in under five waits' time"""
    # Red if gevent.sleep blocked the thread (waits add up: 20 x), checked with it swapped for time.sleep.
    gevent = gevent_hub
    best = best_of(lambda: time_waiting_greenlets(gevent, WAITERS, STEP), lambda best: best < 5 * STEP)  # an upper bound: a loaded machine retries
    claim_measurement(f"{WAITERS} waiting greenlets / one wait", round(best / STEP, 2), "x")
    assert STEP * 0.9 <= best < 5 * STEP, best  # one after another would be 20 x


def test_cpu_bound_greenlets_run_one_after_another_without_overlapping(gevent_hub, claim_measurement):
    """Four CPU-bound greenlets that never yield each start only after the one before has ended, and none sees another start while it works"""
    # Each greenlet spins in pure Python for SETTLE, watching the log for another greenlet's
    # start; greenlets that never yield leave the log unchanged, so each spins to its deadline.
    # Red if greenlets were preempted during CPU work, or ran as threads (a scratch spawn on
    # threading.Thread: the first spinner saw the next start at once and the log interleaved).
    gevent = gevent_hub
    log = []

    def crunch(name):
        log.append(("start", name))
        seen = len(log)
        deadline = time.monotonic() + SETTLE
        while len(log) == seen and time.monotonic() < deadline:
            pass  # pure Python work that never yields
        log.append(("end", name, len(log) != seen))
        return name

    def run(count):
        started = time.monotonic()
        join_greenlets(gevent, [gevent.spawn(crunch, n) for n in range(count)])
        return time.monotonic() - started

    one = run(1)
    del log[:]
    many = run(BURNERS)
    # Judged by order, not by the clock: a greenlet that never yields runs to its end before the
    # next one starts, so nothing overlaps and no spinner saw the log move.
    expected = [event for n in range(BURNERS) for event in (("start", n), ("end", n, False))]
    assert log == expected
    claim_measurement(f"{BURNERS} CPU-bound greenlets / one (informative)", round(many / one, 2), "x")

"""Helpers of the gevent specs that run greenlets in the test process: bounded joins, timed waits."""
import time

from claimspec import LONG


def join_greenlets(gevent, greenlets, timeout=LONG):
    """Wait (bounded) until every greenlet has finished; fail if any is still running. Returns them."""
    greenlets = list(greenlets)
    gevent.joinall(greenlets, timeout=timeout)
    running = [g for g in greenlets if not g.dead]
    assert not running, f"greenlets still running after {timeout:.1f} s: {running}"
    return greenlets


def time_waiting_greenlets(gevent, count, step, timeout=LONG):
    """Seconds taken by `count` greenlets that each wait `step` seconds in gevent.sleep."""
    started = time.monotonic()
    join_greenlets(gevent, [gevent.spawn(gevent.sleep, step) for _ in range(count)], timeout)
    return time.monotonic() - started

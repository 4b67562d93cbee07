"""Bounded joins for the gevent specs that run greenlets in the test process."""
from claimspec import LONG


def join_greenlets(gevent, greenlets, timeout=LONG):
    """Wait (bounded) until every greenlet has finished; fail if any is still running. Returns them."""
    greenlets = list(greenlets)
    gevent.joinall(greenlets, timeout=timeout)
    running = [g for g in greenlets if not g.dead]
    assert not running, f"greenlets still running after {timeout:.1f} s: {running}"
    return greenlets

"""Every greenlet waits as long as the longest stretch another greenlet runs without yielding, whereas OS threads are preempted: whether that is acceptable is a judgement."""
import threading
import time

from claimspec import LONG, SHORT, Claim, cpython_only, join_threads
from spec.gevent.greenlet_joins import join_greenlets

CLAIM = Claim(
    section="gevent",
    notes="gevent should not be used if we are not sure of the run time of a thread (a task).",
    verdict="opinion",
    truth=(
        "Measurable part: a greenlet runs until it yields, so the other greenlets' latency is at least "
        "the longest stretch any greenlet runs without a cooperative call; with OS threads the "
        "runtime preempts the long task (under the GIL every switch interval, 5 ms by default) and "
        "the others keep their latency. Whether that rules gevent out is a judgement: what matters "
        "is not the task's total run time but its longest stretch without a cooperative call; a "
        "long task that yields often (or whose waits are gevent-aware) does no harm."
    ),
    line=184,
    extra={
        "PyPy 3.9": "its GIL is released from a JIT loop but not handed over by force: a ticking "
        "thread beside a CPU-bound one got in every ~35 ms on a quiet machine and 0-2 times in "
        "0.3 s on a loaded one, so the thread contrast is checked on CPython only"
    },
)

STRETCH = 0.1  # how long the long task runs without yielding
THREAD_STRETCH = 0.3


def longest_gap(ticks):
    return max(b - a for a, b in zip(ticks, ticks[1:]))


def ticks_within(ticks, window):
    start, end = window
    return [t for t in ticks if start < t < end]


def test_a_ticking_greenlet_waits_out_a_long_stretch_of_another(gevent_hub, claim_measurement):
    """A greenlet ticking every 1 ms gets no tick in while another runs 100 ms without yielding"""
    # Red if greenlets were preempted like threads (ticks would land inside the stretch).
    gevent = gevent_hub
    ticks = []
    stretch = []

    def ticker():
        # bounded: on a runtime whose gevent.sleep blocked, this greenlet would never hand over
        deadline = time.monotonic() + SHORT
        while time.monotonic() < deadline:
            ticks.append(time.monotonic())
            gevent.sleep(0.001)

    def long_task():
        gevent.sleep(0.005)
        start = time.monotonic()
        while time.monotonic() < start + STRETCH:
            pass
        stretch.extend([start, time.monotonic()])

    tick = gevent.spawn(ticker)
    join_greenlets(gevent, [gevent.spawn(long_task)])
    gevent.sleep(0.005)
    tick.kill()
    gap = longest_gap(ticks)
    claim_measurement("ticker's longest gap / the long task's stretch", round(gap / STRETCH, 2), "x")
    assert ticks_within(ticks, stretch) == []  # not one tick while the long task ran
    assert gap >= 0.9 * STRETCH, gap


# PyPy 3.9 preempts too, but its GIL does not force a hand-over to the waiting thread: quiet, the
# ticker got in about every 35 ms; on a loaded machine 0-2 times in 0.3 s. Not a stable contrast.
@cpython_only
def test_a_ticking_thread_keeps_ticking_beside_a_long_cpu_thread(claim_measurement):
    """On CPython a ticking thread keeps ticking while another thread runs 300 ms of CPU work"""
    # Red on a runtime that never preempted a CPU-bound thread (switch interval ignored: no ticks).
    ticks = []
    stretch = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.001)

    def long_task():
        start = time.monotonic()
        while time.monotonic() < start + THREAD_STRETCH:
            pass
        stretch.extend([start, time.monotonic()])

    tick = threading.Thread(target=ticker)
    tick.start()
    worker = threading.Thread(target=long_task)
    worker.start()
    try:
        join_threads([worker], LONG)
    finally:
        stop.set()
        join_threads([tick], LONG)
    during = ticks_within(ticks, stretch)
    claim_measurement("thread ticks during the long thread's stretch", len(during), "ticks")
    # The runtime preempts the long thread (or runs both at once): the ticker keeps ticking. On a
    # quiet machine that is dozens of ticks; a loaded one still gives it a few.
    assert len(during) >= 3, f"{len(during)} ticks in {THREAD_STRETCH} s"

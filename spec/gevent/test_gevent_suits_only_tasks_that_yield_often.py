"""Every greenlet waits as long as the longest stretch another greenlet runs without yielding, whereas OS threads are preempted: whether that is acceptable is a judgement."""
import threading
import time

from claimspec import LONG, Claim, requires_module

NEEDS_GEVENT = "gevent is a third-party library; these claims are about it"
pytestmark = requires_module("gevent", why=NEEDS_GEVENT)

CLAIM = Claim(
    section="gevent",
    notes="gevent should not be used when we are not sure how long a task will run.",
    verdict="opinion",
    truth=(
        "Measurable part: a greenlet runs until it yields, so the other greenlets' latency is at least "
        "the longest stretch any greenlet runs without a cooperative call; with OS threads the "
        "runtime preempts the long task (under the GIL every switch interval, 5 ms by default) and "
        "the others keep their latency. Whether that rules gevent out is a judgement."
    ),
)

STRETCH = 0.1  # how long the long task runs without yielding


def longest_gap(ticks):
    return max(b - a for a, b in zip(ticks, ticks[1:]))


def test_a_ticking_greenlet_waits_out_a_long_stretch_of_another(gevent_hub, claim_measurement):
    gevent = gevent_hub
    ticks = []

    def ticker():
        while True:
            ticks.append(time.monotonic())
            gevent.sleep(0.001)

    def long_task():
        gevent.sleep(0.005)
        end = time.monotonic() + STRETCH
        while time.monotonic() < end:
            pass

    tick = gevent.spawn(ticker)
    gevent.spawn(long_task).join()
    gevent.sleep(0.005)
    tick.kill()
    gap = longest_gap(ticks)
    claim_measurement("ticker's longest gap / the long task's stretch", round(gap / STRETCH, 2), "x")
    assert gap >= 0.9 * STRETCH, gap


def test_a_ticking_thread_keeps_ticking_beside_a_long_cpu_thread(claim_measurement):
    def attempt():
        ticks = []
        stop = threading.Event()

        def ticker():
            while not stop.is_set():
                ticks.append(time.monotonic())
                time.sleep(0.001)

        def long_task():
            end = time.monotonic() + STRETCH
            while time.monotonic() < end:
                pass

        tick = threading.Thread(target=ticker)
        tick.start()
        worker = threading.Thread(target=long_task)
        worker.start()
        worker.join(LONG)
        stop.set()
        tick.join(LONG)
        return longest_gap(ticks)

    gap = attempt()
    for _ in range(2):  # a loaded machine can delay a thread now and then: keep the best
        if gap < STRETCH / 2:
            break
        gap = min(gap, attempt())
    claim_measurement("thread ticker's longest gap / the long task's stretch", round(gap / STRETCH, 2), "x")
    assert gap < STRETCH / 2, gap

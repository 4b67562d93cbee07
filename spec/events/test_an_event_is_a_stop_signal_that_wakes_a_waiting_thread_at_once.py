"""An Event makes a good stop signal because a worker can pace itself with wait() instead of sleep(): set() ends the wait at once."""
import threading
import time

from claimspec import LONG, SHORT, Claim, finish, start_call, wait_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes="Events are the better way to cancel threads.",
    verdict="opinion",
    truth=(
        "measured: a worker that paces itself with stop.wait(interval) instead of time.sleep(interval) "
        "is woken by stop.set() at once, however long the interval, and wait() tells it which of the two "
        "happened (True: stop; False: time for the next round). A plain boolean variable works as a stop "
        "flag too, but a sleeping worker sees it only when its sleep ends. The advice stops holding for a "
        "thread that never checks (blocked in a socket read, a long C call): no Event can cancel it, and "
        "what 'better' means depends on what the thread waits for (a queue.Queue sentinel suits a consumer)."
    ),
    line=561,
)


def test_a_worker_pacing_itself_with_the_event_stops_long_before_its_interval_ends():
    """A worker pacing itself with `stop.wait(LONG)` returns within `SHORT` of `stop.set()`

    Red on an Event whose wait() did not wake on set() (the worker would wait the whole LONG interval)."""
    stop = threading.Event()
    rounds = []

    def worker():
        rounds.append(time.monotonic())
        while not stop.wait(LONG):  # one round of work per LONG interval
            rounds.append(time.monotonic())
        return len(rounds)

    pending = start_call(worker, name="worker")
    wait_until(lambda: rounds, message="the worker did its first round")
    asked = time.monotonic()
    stop.set()
    assert finish(pending, timeout=SHORT) == 1
    assert time.monotonic() - asked < SHORT  # far less than the LONG interval


def test_the_wait_result_tells_the_worker_whether_to_stop_or_work_again():
    """`Event.wait(timeout)` returns False when the time ran out and True once the event is set

    Red on an Event whose wait() returned None, as it did before Python 2.7."""
    stop = threading.Event()
    assert stop.wait(0.01) is False, "time ran out: do the next round"
    stop.set()
    assert stop.wait(0.01) is True, "asked to stop"

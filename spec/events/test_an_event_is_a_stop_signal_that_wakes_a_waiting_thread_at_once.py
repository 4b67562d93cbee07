"""An Event is a good stop signal because a thread can wait on it instead of sleeping: set() ends the wait at once."""
import threading
import time

from claimspec import LONG, SHORT, Claim, finish, start_call, wait_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes="Events are the better way to cancel threads.",
    verdict="opinion",
    truth=(
        "measurable: a worker that paces itself with stop.wait(interval) instead of time.sleep(interval) "
        "is woken by stop.set() at once, however long the interval, and wait() tells it which of the two "
        "happened (True: stop; False: time for the next round). A plain boolean flag works too, but is "
        "only seen after the current sleep ends; neither can stop a thread that never checks."
    ),
)


def test_a_worker_pacing_itself_with_the_event_stops_long_before_its_interval_ends():
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
    stop = threading.Event()
    assert stop.wait(0.01) is False, "time ran out: do the next round"
    stop.set()
    assert stop.wait(0.01) is True, "asked to stop"

"""The notes' hand-made thread group (join with a short timeout, rotate a deque) reports threads in the order they finish."""
import threading
from collections import deque

from claimspec import LONG, SHORT, Claim, finish, start_call, wait_until

CLAIM = Claim(
    section="Thread group",
    notes=(
        "When we cannot know which thread ends first, a loop over a deque of threads that joins the "
        "first with a short timeout, drops it if it ended and rotates otherwise, waits for the whole "
        "group and reports each thread as it completes (the shorter 'testfn' before 'foo')."
    ),
    verdict="holds",
)

POLL = 0.01  # the join timeout of one round-robin step, as the notes' 0.1 s, smaller


def _round_robin(threads, report):
    """Our own rendering of the notes' loop, bounded by a deadline."""
    pending = deque(threads)
    deadline = threading.Event()
    timer = threading.Timer(LONG, deadline.set)
    timer.start()
    try:
        while pending and not deadline.is_set():
            t = pending[0]
            t.join(POLL)
            if not t.is_alive():
                pending.popleft()
                report.append(t.name)
            else:
                pending.rotate(-1)
    finally:
        timer.cancel()
        timer.join(SHORT)
    return list(pending)


def test_threads_are_reported_in_the_order_they_finish_not_the_order_they_started():
    gates = {name: threading.Event() for name in ("first", "second", "third")}
    threads = [threading.Thread(target=gate.wait, args=(LONG,), name=name) for name, gate in gates.items()]
    for t in threads:
        t.start()
    reported = []
    group = start_call(lambda: _round_robin(threads, reported), name="round-robin")
    try:
        for expected, name in enumerate(("third", "first", "second"), start=1):
            gates[name].set()
            wait_until(lambda: len(reported) >= expected, message=f"the loop reported {name}")
        assert finish(group) == [], "threads left unjoined"
    finally:
        for gate in gates.values():
            gate.set()
        for t in threads:
            t.join(SHORT)
        finish(group)
    assert reported == ["third", "first", "second"]


def test_the_shorter_counter_completes_first_as_in_the_notes_transcript():
    """foo counts 15 steps, testfn 10, in lockstep: testfn is reported completed while foo still counts."""
    steps = {"foo": 15, "testfn": 10}
    ticks = {name: threading.Semaphore(0) for name in steps}
    counted = {name: 0 for name in steps}

    def count(name):
        for _ in range(steps[name]):
            assert ticks[name].acquire(timeout=LONG)
            counted[name] += 1

    threads = [threading.Thread(target=count, args=(name,), name=name) for name in steps]
    for t in threads:
        t.start()
    assert repr(threads[0]).startswith("<Thread(foo, started ")
    reported = []
    group = start_call(lambda: _round_robin(threads, reported), name="round-robin")
    try:
        for _ in range(10):  # ten steps for both
            ticks["foo"].release()
            ticks["testfn"].release()
        wait_until(lambda: reported, message="the loop reported the first thread to complete")
        assert reported == ["testfn"] and threads[0].is_alive()
        for _ in range(5):  # foo's last five steps
            ticks["foo"].release()
        assert finish(group) == []
    finally:
        for name in steps:
            for _ in range(steps[name]):
                ticks[name].release()
        for t in threads:
            t.join(SHORT)
        finish(group)
    assert reported == ["testfn", "foo"]
    assert counted == steps

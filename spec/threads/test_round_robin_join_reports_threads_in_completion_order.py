"""The notes' hand-made thread group (join with a short timeout, rotate a deque) reports threads in the order they finish."""
import threading
from collections import deque

from claimspec import LONG, SHORT, Claim, finish, join_threads, start_call, wait_until

CLAIM = Claim(
    section="Thread group",
    notes=(
        "When we cannot know which thread ends first, a loop over a deque of threads that joins the "
        "first with a short timeout, drops it if it ended and rotates otherwise, waits for the whole "
        "group and reports each thread as it completes (the shorter 'testfn' before 'foo')."
    ),
    verdict="holds",
    truth=(
        "the program runs as written on every runtime and prints what the notes show, give or take "
        "the interleaving: the threads are named explicitly ('foo', 'testfn'), so no version adds "
        "the target to their names; each repr reads '<Thread(foo, started IDENT)>' with the "
        "thread's ident (10072 in the notes, a Windows-sized number; on Linux a large pthread "
        "address); testfn (10 steps) is reported completed before foo (15 steps)."
    ),
    line=423,
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
    """The join-rotate loop reports threads in the order they finish, not the order they started"""
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
        assert finish(group, SHORT) == [], "threads left unjoined"
    finally:
        # every thread released, all end at once: SHORT, shared, bounds the joins (LONG ran out
        # under a runtime whose thread bodies ran in forked children, out of the gates' reach)
        for gate in gates.values():
            gate.set()
        join_threads(threads, SHORT)
        finish(group, SHORT)
    assert reported == ["third", "first", "second"]


def test_the_shorter_counter_completes_first_as_in_the_notes_transcript():
    """testfn (10 steps) is reported completed while foo (15 steps) still counts, as in the transcript

    The two count in lockstep; each repr reads '<Thread(foo, started IDENT)>'. A loop that
    reported threads in start order would report foo first and go red.
    """
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
    assert [repr(t) for t in threads] == [f"<Thread({t.name}, started {t.ident})>" for t in threads]
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
        assert finish(group, SHORT) == []
    finally:
        for name in steps:
            for _ in range(steps[name]):
                ticks[name].release()
        join_threads(threads, SHORT)
        finish(group, SHORT)
    assert reported == ["testfn", "foo"]
    assert counted == steps

"""A Barrier(n) holds every thread at wait() until the n-th arrives, then releases them all.

The notes' example starts ten threads that each print that they started, sleep a random 5 to 19
seconds, print that they woke up, wait at a Barrier(10) and print that they continue. It runs as
written and ends by itself after the longest sleep: all ten "started" lines come first, the
"woke up" lines follow in the order the sleeps end, and the ten "continuing" lines come only after
the last "woke up". The names it prints are `Thread-N` on 3.9 and `Thread-N (foo)` from 3.10, where
a thread's default name carries its target's name. Here the same program runs with events in
place of the random sleeps, waking the threads in a random order.
"""
import random
import re
import sys
import threading

from claimspec import LONG, SETTLE, SHORT, Claim, finish, join_threads, wait_until
from spec.barriers.barrier_probes import waiting_at

CLAIM = Claim(
    section="ThreadSync: Barriers",
    notes=(
        "A Barrier is a method of flow-control synchronisation: a checkpoint that makes sure all "
        "the threads have reached it before any moves ahead; in the example ten threads arrive "
        "at random times and only then all continue."
    ),
    verdict="holds",
    truth=(
        "Also: each released thread gets a distinct index from 0 to n-1 from wait(), and an "
        "optional action runs once, in one thread, after the last arrival and before any release. "
        "The example runs as written and ends once the longest sleep is over."
    ),
    line=1097,
)

FOO = re.compile(r"Thread-\d+ \(foo\)")


def test_the_first_arrivals_stay_blocked_until_the_last_party_arrives():
    """Two threads at a `Barrier(3)` stay blocked until a third calls `wait()`"""
    # Red if wait() returned before the n-th party arrived.
    b = threading.Barrier(3, timeout=LONG)
    early = waiting_at(b, 2, name="early")
    assert not any(p.finished.wait(SETTLE) for p in early), "a thread passed before all arrived"
    last = b.wait(SHORT)
    assert sorted([finish(p, SHORT) for p in early] + [last]) == [0, 1, 2]


def _run_checkpoint(parties, action=None):
    """The notes' example, with events instead of random sleeps: threads log that they started,
    wake in a random order, log it, wait at the barrier, log that they go on. Returns the log and
    wait()'s results."""
    log = []
    log_lock = threading.Lock()

    def note(entry):
        with log_lock:
            log.append(entry)

    def logged(kind):
        with log_lock:
            return sum(entry[0] == kind for entry in log)

    b = threading.Barrier(parties, action=(lambda: note(("action",))) if action else None, timeout=LONG)
    wake = [threading.Event() for _ in range(parties)]
    indices = [None] * parties

    def worker(i):
        note(("started", i))
        assert wake[i].wait(SHORT)
        note(("woke", i))
        indices[i] = b.wait()
        note(("continues", i))

    threads = [threading.Thread(target=worker, args=(i,), name=f"worker-{i}") for i in range(parties)]
    for t in threads:
        t.start()
    order = list(range(parties))
    random.shuffle(order)
    try:
        wait_until(lambda: logged("started") == parties, message="every thread has started")
        for arrived, i in enumerate(order, 1):
            wake[i].set()
            if arrived < parties:
                wait_until(lambda: b.n_waiting == arrived, message=f"{arrived} threads at the barrier")
        join_threads(threads, SHORT)
    finally:
        if any(t.is_alive() for t in threads):
            # a failed run (a barrier that let threads through early) leaves no thread waiting
            # out LONG at it: they are released with BrokenBarrierError
            for event in wake:
                event.set()
            b.abort()
            join_threads(threads, SHORT)
    return log, indices, order


def test_every_thread_reaches_the_checkpoint_before_any_goes_on():
    """In the rebuilt example all 10 threads log `woke` before any logs `continues`, and all end"""
    # Red if a thread passed the Barrier before the tenth arrived.
    log, _, order = _run_checkpoint(10)
    kinds = [entry[0] for entry in log]
    assert kinds == ["started"] * 10 + ["woke"] * 10 + ["continues"] * 10, log
    assert [i for kind, *rest in log if kind == "woke" for i in rest] == order


def test_each_released_thread_gets_a_distinct_index():
    """`Barrier.wait()` gives the 10 released threads the indices 0 to 9, one each"""
    _, indices, _ = _run_checkpoint(10)
    assert sorted(indices) == list(range(10))


def test_the_action_runs_once_after_the_last_arrival_and_before_anyone_goes_on():
    """A `Barrier` action runs once, after the fifth arrival and before any of the five continues"""
    log, _, _ = _run_checkpoint(5, action=True)
    kinds = [entry[0] for entry in log]
    assert kinds == ["started"] * 5 + ["woke"] * 5 + ["action"] + ["continues"] * 5, log


def foo():
    """A target named as in the notes' example."""


def test_the_example_prints_thread_names_with_the_target_from_3_10():
    """A `Thread(target=foo)` is named `Thread-N (foo)` from 3.10 and `Thread-N` on 3.9"""
    # Red if the default name format were not the one of this version.
    name = threading.Thread(target=foo).name
    if sys.version_info >= (3, 10):
        assert FOO.fullmatch(name), name
    else:
        assert re.fullmatch(r"Thread-\d+", name), name

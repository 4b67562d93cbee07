"""A Barrier(n) holds every thread at wait() until the n-th arrives, then releases them all."""
import random
import threading

from claimspec import LONG, SETTLE, SHORT, Claim, finish, join_threads, start_call, wait_until

CLAIM = Claim(
    section="ThreadSync: Barriers",
    notes=(
        "A Barrier is flow-control synchronisation: a checkpoint where each thread waits until all "
        "the threads (the number given to Barrier) have reached it before any of them goes on; in "
        "the example ten threads arrive at random times and only then all continue."
    ),
    verdict="holds",
    truth=(
        "Also: each released thread gets a distinct index from 0 to n-1 from wait(), and an "
        "optional action runs once, in one thread, after the last arrival and before any release."
    ),
)


def test_the_first_arrivals_stay_blocked_until_the_last_party_arrives():
    b = threading.Barrier(3, timeout=LONG)
    early = [start_call(b.wait, name=f"early-{i}") for i in range(2)]
    wait_until(lambda: b.n_waiting == 2, message="two threads wait at the barrier")
    assert not any(p.finished.wait(SETTLE) for p in early), "a thread passed before all arrived"
    last = b.wait(SHORT)
    assert sorted([finish(p) for p in early] + [last]) == [0, 1, 2]


def _run_checkpoint(parties, action=None):
    """The notes' example, with events instead of random sleeps: threads wake in a random order,
    log it, wait at the barrier, log that they go on. Returns the log and wait()'s results."""
    log = []
    log_lock = threading.Lock()

    def note(entry):
        with log_lock:
            log.append(entry)

    b = threading.Barrier(parties, action=(lambda: note(("action",))) if action else None, timeout=LONG)
    wake = [threading.Event() for _ in range(parties)]
    indices = [None] * parties

    def worker(i):
        assert wake[i].wait(SHORT)
        note(("woke", i))
        indices[i] = b.wait()
        note(("continues", i))

    threads = [threading.Thread(target=worker, args=(i,), name=f"worker-{i}") for i in range(parties)]
    for t in threads:
        t.start()
    order = list(range(parties))
    random.shuffle(order)
    for arrived, i in enumerate(order, 1):
        wake[i].set()
        if arrived < parties:
            wait_until(lambda: b.n_waiting == arrived, message=f"{arrived} threads at the barrier")
    join_threads(threads, SHORT)
    return log, indices


def test_every_thread_reaches_the_checkpoint_before_any_goes_on():
    log, _ = _run_checkpoint(10)
    kinds = [entry[0] for entry in log]
    assert kinds == ["woke"] * 10 + ["continues"] * 10, log


def test_each_released_thread_gets_a_distinct_index():
    _, indices = _run_checkpoint(10)
    assert sorted(indices) == list(range(10))


def test_the_action_runs_once_after_the_last_arrival_and_before_anyone_goes_on():
    log, _ = _run_checkpoint(5, action=True)
    kinds = [entry[0] for entry in log]
    assert kinds == ["woke"] * 5 + ["action"] + ["continues"] * 5, log

"""A Barrier counts its parties per round: it re-arms itself, and a thread beyond the count waits for the next round."""
import threading

import pytest

from claimspec import LONG, SETTLE, SHORT, Claim, finish, join_threads, start_call, wait_until

CLAIM = Claim(
    section="ThreadSync: Barriers",
    notes="The number given to Barrier is how many threads it waits for.",
    verdict="holds",
    truth=(
        "It is the number per round: once that many have arrived the barrier releases them and "
        "re-arms for the next round, so it can be used again and again; a thread that arrives "
        "beyond the count waits for the next round's parties."
    ),
)

PARTIES, ROUNDS = 3, 5


def test_the_same_barrier_serves_round_after_round():
    b = threading.Barrier(PARTIES, timeout=LONG)
    arrivals = []
    indices = {r: [] for r in range(ROUNDS)}
    lock = threading.Lock()

    def worker():
        for r in range(ROUNDS):
            with lock:
                arrivals.append(r)
            index = b.wait()
            with lock:
                indices[r].append(index)

    threads = [threading.Thread(target=worker) for _ in range(PARTIES)]
    for t in threads:
        t.start()
    join_threads(threads, SHORT)
    # no thread arrives for round r+1 before every thread has arrived for round r
    assert arrivals == sorted(arrivals)
    assert all(sorted(indices[r]) == list(range(PARTIES)) for r in range(ROUNDS))


def test_the_action_runs_once_per_round():
    rounds_done = []
    b = threading.Barrier(PARTIES, action=lambda: rounds_done.append(1), timeout=LONG)

    def worker():
        for _ in range(ROUNDS):
            b.wait()

    threads = [threading.Thread(target=worker) for _ in range(PARTIES)]
    for t in threads:
        t.start()
    join_threads(threads, SHORT)
    assert len(rounds_done) == ROUNDS


def test_a_thread_beyond_the_count_waits_for_the_next_round():
    b = threading.Barrier(2, timeout=LONG)
    first = [start_call(b.wait, name=f"first-{i}") for i in range(2)]
    assert sorted(finish(p, timeout=SHORT) for p in first) == [0, 1]
    extra = start_call(b.wait, name="extra")
    wait_until(lambda: b.n_waiting == 1, message="the extra thread waits")
    assert not extra.finished.wait(SETTLE), "a lone thread passed a barrier of two"
    b.wait(SHORT)  # the next round's second party
    assert finish(extra) in (0, 1)


def test_it_reports_its_parties_and_how_many_are_waiting():
    b = threading.Barrier(3, timeout=LONG)
    assert (b.parties, b.n_waiting, b.broken) == (3, 0, False)
    waiter = start_call(b.wait, name="waiter")
    wait_until(lambda: b.n_waiting == 1, message="one thread waits")
    b.abort()
    with pytest.raises(threading.BrokenBarrierError):
        finish(waiter)
    assert (b.n_waiting, b.broken) == (0, True)

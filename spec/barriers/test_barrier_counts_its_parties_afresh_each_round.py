"""A Barrier counts its parties per round: it re-arms itself, and a thread beyond the count waits for the next round."""
import threading

import pytest

from claimspec import SETTLE, SHORT, Claim, finish, start_call
from spec.barriers.barrier_probes import run_parties, waiting_at

CLAIM = Claim(
    section="ThreadSync: Barriers",
    notes="The number given to Barrier (10 in the example) is how many threads it waits for.",
    verdict="holds",
    truth=(
        "It is the number per round: once that many have arrived the barrier releases them and "
        "re-arms for the next round, so it can be used again and again; a thread that arrives "
        "beyond the count waits for the next round's parties."
    ),
    line=1114,
)

PARTIES, ROUNDS = 3, 5


def test_the_same_barrier_serves_round_after_round():
    """Three threads pass one `Barrier(3)` five times, no thread arriving for a round before all finished the last"""
    # Red if the Barrier did not re-arm (round two would never release) or mixed rounds.
    b = threading.Barrier(PARTIES, timeout=SHORT)
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

    run_parties(worker, PARTIES)
    assert arrivals == sorted(arrivals)
    assert all(sorted(indices[r]) == list(range(PARTIES)) for r in range(ROUNDS))


def test_the_action_runs_once_per_round():
    """A `Barrier` action runs once per round: five times in five rounds"""
    rounds_done = []
    b = threading.Barrier(PARTIES, action=lambda: rounds_done.append(1), timeout=SHORT)

    def worker():
        for _ in range(ROUNDS):
            b.wait()

    run_parties(worker, PARTIES)
    assert len(rounds_done) == ROUNDS


def test_a_thread_beyond_the_count_waits_for_the_next_round():
    """A third thread at a `Barrier(2)` after two passed waits for the next round's second party"""
    # Red if the Barrier stayed open after its first round.
    b = threading.Barrier(2, timeout=SHORT)
    first = [start_call(b.wait, name=f"first-{i}") for i in range(2)]
    assert sorted(finish(p, timeout=SHORT) for p in first) == [0, 1]
    (extra,) = waiting_at(b, 1, name="extra")
    assert not extra.finished.wait(SETTLE), "a lone thread passed a barrier of two"
    b.wait(SHORT)  # the next round's second party
    assert finish(extra, SHORT) in (0, 1)


def test_a_barrier_reports_its_parties_and_how_many_are_waiting():
    """A `Barrier(3)` reports `parties` 3 and `n_waiting` 1 with one waiter, 0 after `abort()`"""
    b = threading.Barrier(3, timeout=SHORT)
    assert (b.parties, b.n_waiting, b.broken) == (3, 0, False)
    (waiter,) = waiting_at(b, 1)
    b.abort()
    with pytest.raises(threading.BrokenBarrierError):
        finish(waiter, SHORT)
    assert (b.n_waiting, b.broken) == (0, True)

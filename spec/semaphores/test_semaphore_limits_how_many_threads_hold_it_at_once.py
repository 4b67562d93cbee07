"""A Semaphore(k) lets at most k threads hold it at once; it bounds how many, not how often.

The notes call a Semaphore a tool for bandwidth management, bandwidth meaning a limit on a
resource or on access to it. A `Semaphore(k)` does limit how many threads hold it at the same
time, and the others wait until one releases it. It does not limit a rate: a thread that releases
it can take it again at once, any number of times a second.
"""
import threading

from claimspec import LONG, SETTLE, SHORT, Claim, join_threads, wait_until
from spec.locks.lock_probes import frequent_switches

CLAIM = Claim(
    section="ThreadSync: Semaphore",
    notes=(
        "A Semaphore is used for bandwidth management, the bandwidth being a resource limit or a "
        "limit on access to a resource."
    ),
    verdict="partly",
    truth=(
        "A Semaphore(k) caps how many threads hold it at once at k; the others wait until one "
        "releases it. It is bandwidth only in that sense: it bounds concurrency, not a rate, since "
        "a holder that releases it can take it again at once, without limit. And it is not only "
        "for limits: a Semaphore(0) is a counter of events, as the notes' own queue uses it."
    ),
    line=1206,
)

K, THREADS = 2, 5


def test_only_k_threads_get_in_and_each_release_lets_one_more_in():
    """Of five threads only two get into a `Semaphore(2)`; each release lets exactly one more in"""
    # Red if the Semaphore let a third thread in, or a release let in more than one.
    sem = threading.Semaphore(K)
    leave = threading.Semaphore(0)
    lock = threading.Lock()
    state = {"inside": 0, "entered": 0}

    def use_resource():
        with sem:
            with lock:
                state["inside"] += 1
                state["entered"] += 1
            assert leave.acquire(timeout=LONG)
            with lock:
                state["inside"] -= 1

    def seen():
        with lock:
            return dict(state)

    threads = [threading.Thread(target=use_resource) for _ in range(THREADS)]
    for t in threads:
        t.start()
    try:
        # ">=": on a Semaphore that lets everyone in, "== K" might never be seen (the count
        # jumps past it) and the wait would last its whole timeout; the asserts judge it at once
        wait_until(lambda: seen()["entered"] >= K, message=f"{K} threads get in")
        settled = threading.Event()
        settled.wait(SETTLE)  # watch that nobody else gets in
        assert seen() == {"inside": K, "entered": K}
        leave.release()
        wait_until(lambda: seen()["entered"] >= K + 1, message="one more thread gets in")
        assert seen()["inside"] == K
    finally:
        leave.release(THREADS)
    join_threads(threads, SHORT)
    assert seen() == {"inside": 0, "entered": THREADS}


def test_under_contention_no_more_than_k_threads_ever_hold_it():
    """Six threads hammering a `Semaphore(2)` never have more than two inside at once"""
    sem = threading.Semaphore(K)
    lock = threading.Lock()
    state = {"inside": 0, "peak": 0}

    def hammer():
        for _ in range(300):
            with sem:
                with lock:
                    state["inside"] += 1
                    state["peak"] = max(state["peak"], state["inside"])
                with lock:
                    state["inside"] -= 1

    with frequent_switches():
        threads = [threading.Thread(target=hammer) for _ in range(6)]
        for t in threads:
            t.start()
        join_threads(threads, SHORT)
    assert 1 <= state["peak"] <= K


def test_a_semaphore_bounds_how_many_hold_it_at_once_not_how_often_it_is_taken():
    """One thread can take and give back a `Semaphore(1)` 10000 times in a row without ever waiting"""
    # Red on a rate-limiting semaphore (a token bucket), where a quick re-acquire would be refused.
    sem = threading.Semaphore(1)
    taken = 0
    for _ in range(10_000):
        if sem.acquire(blocking=False):
            taken += 1
            sem.release()
    assert taken == 10_000

"""A Semaphore(k) lets at most k threads hold it at once; the others wait until one releases it."""
import sys
import threading

from claimspec import LONG, SETTLE, SHORT, Claim, join_threads, wait_until

CLAIM = Claim(
    section="ThreadSync: Semaphore",
    notes=(
        "A Semaphore manages bandwidth: it limits how many threads may use a resource, or access "
        "it, at the same time."
    ),
    verdict="holds",
)

K, THREADS = 2, 5


def test_only_k_threads_get_in_and_each_release_lets_one_more_in():
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
        wait_until(lambda: seen()["entered"] == K, message=f"{K} threads get in")
        settled = threading.Event()
        settled.wait(SETTLE)  # watch that nobody else gets in
        assert seen() == {"inside": K, "entered": K}
        leave.release()
        wait_until(lambda: seen()["entered"] == K + 1, message="one more thread gets in")
        assert seen()["inside"] == K
    finally:
        leave.release(THREADS)
    join_threads(threads, SHORT)
    assert seen() == {"inside": 0, "entered": THREADS}


def test_under_contention_no_more_than_k_threads_ever_hold_it():
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

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=hammer) for _ in range(6)]
        for t in threads:
            t.start()
        join_threads(threads, SHORT)
    finally:
        sys.setswitchinterval(old)
    assert 1 <= state["peak"] <= K

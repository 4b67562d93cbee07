"""Printing the deque unguarded while threads change it, as the notes' main loop does, is safe on CPython with a GIL but raises RuntimeError on PyPy."""
import collections
import threading

from claimspec import SHORT, Claim, cpython_only, join_threads, pypy_only, requires_gil, wait_until
from spec.locks.lock_probes import frequent_switches

CLAIM = Claim(
    section="ThreadSync: Semaphore",
    notes=(
        "The semaphore producer-consumer example's main thread prints the queue's deque every "
        "half second, without any lock, while the producer and consumer threads change it (the "
        "Lock the class creates is never used)."
    ),
    verdict="runtime-dependent",
    depends_on=(
        "the runtime. On CPython with a GIL (3.9-3.13) str(deque) copies the deque in C without "
        "letting another thread run, so it never fails. On PyPy 3.9 another thread can change the "
        "deque during the copy, and str() raises RuntimeError('deque mutated during iteration'), "
        "which would end the notes' main loop. Not established on free-threaded CPython."
    ),
    line=1277,
)

ROUNDS = 20


def show_while_changing(notes_simple_queue, each=1000):
    """Run 2 producers and 2 consumers on the notes' queue while this thread prints it.

    Returns (how many prints succeeded, how many raised RuntimeError)."""
    q = notes_simple_queue(3)
    shown = failed = 0

    def produce(p):
        for i in range(each):
            q.put((p, i))

    def consume():
        for _ in range(each):
            q.get()

    threads = [threading.Thread(target=produce, args=(p,)) for p in range(2)]
    threads += [threading.Thread(target=consume) for _ in range(2)]
    with frequent_switches():
        for t in threads:
            t.start()

        def show_until_done():
            nonlocal shown, failed
            try:
                str(q.queue)
                shown += 1
            except RuntimeError:
                failed += 1
            return not any(t.is_alive() for t in threads)

        wait_until(show_until_done, timeout=SHORT, interval=0, message="producers and consumers finish")
    return shown, failed


@cpython_only
@requires_gil
def test_on_cpython_with_a_gil_printing_the_changing_deque_never_fails(notes_simple_queue):
    """On CPython with the GIL, `str()` of the deque never fails while threads change it"""
    for _ in range(3):
        shown, failed = show_while_changing(notes_simple_queue)
        assert shown > 0 and failed == 0


@pypy_only
def test_on_pypy_printing_the_changing_deque_is_seen_to_raise_runtime_error(notes_simple_queue):
    """On PyPy, `str()` of the deque is seen to raise `RuntimeError` while threads change it"""
    for _ in range(ROUNDS):
        _, failed = show_while_changing(notes_simple_queue)
        if failed:
            break
    assert failed, f"no print of the changing deque failed in {ROUNDS} rounds"


def test_a_plain_deque_printed_under_the_same_lock_as_its_changes_never_fails():
    """A deque printed under the same `Lock` as its changes never fails"""
    d = collections.deque()
    lock = threading.Lock()
    stop = threading.Event()
    failed = []

    def churn():
        while not stop.is_set():
            with lock:
                d.append(1)
            with lock:
                d.popleft()

    threads = [threading.Thread(target=churn) for _ in range(2)]
    with frequent_switches():
        try:
            for t in threads:
                t.start()
            for _ in range(5000):
                try:
                    with lock:
                        str(d)
                except RuntimeError as exc:
                    failed.append(exc)
        finally:
            stop.set()
    join_threads(threads, SHORT)
    assert not failed

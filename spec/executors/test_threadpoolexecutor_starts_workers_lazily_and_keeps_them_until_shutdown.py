"""`ThreadPoolExecutor` starts worker threads only as jobs arrive, reuses an idle one first, never exceeds max_workers (by default min(32, CPUs + 4)), and keeps its threads until shutdown or until the executor itself is collected."""
import gc
import os
import queue
import threading
from concurrent.futures import ThreadPoolExecutor

from claimspec import SETTLE, SHORT, Claim, join_threads, shut_down, wait_until

CLAIM = Claim(
    section="ThreadPoolExecutor",
    notes="A ThreadPoolExecutor creates its threads lazily, as jobs are submitted, and never removes one it has created.",
    verdict="holds",
    truth=(
        "No thread exists before the first submit. Since 3.8 a submit reuses an idle worker "
        "before starting a new one, so sequential jobs share one thread; new threads start only "
        "while every existing one is busy, up to max_workers (default min(32, os.cpu_count() + 4) "
        "since 3.8; os.process_cpu_count() instead of os.cpu_count() since 3.13). An idle worker "
        "waits for its next job with no timeout, so the executor never retires one while it is "
        "in use; shutdown() ends them all, and so does dropping the executor without shutdown(): "
        "once it is garbage-collected, a weakref callback wakes its idle workers and they exit "
        "(3 workers, 0 left after `del` and gc.collect() on CPython 3.8-3.13; on PyPy 3.9 a "
        "second gc.collect() was needed in 2 of 30 trials)."
    ),
    line=1395,
)


class Pool:
    """A ThreadPoolExecutor whose worker threads we can count, by their name prefix."""

    count = 0

    def __init__(self, max_workers=None):
        Pool.count += 1
        self.prefix = f"spec-lazy-pool-{Pool.count}"
        self.executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=self.prefix)
        self.gate = threading.Event()
        self.started = 0
        self._lock = threading.Lock()

    def workers(self):
        return [t for t in threading.enumerate() if t.name.startswith(self.prefix)]

    def blocked_job(self):
        with self._lock:
            self.started += 1
        self.gate.wait(SHORT)  # opened right after the test's check: SHORT is only reached on failure
        return threading.current_thread().name

    def submit_blocked(self, n):
        return [self.executor.submit(self.blocked_job) for _ in range(n)]

    def close(self):
        self.gate.set()
        shut_down(self.executor, SHORT)  # the jobs end once the gate is open: SHORT is only reached on failure


def default_max_workers():
    cpus = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    return min(32, cpus + 4)


def test_a_new_executor_has_no_worker_threads():
    """A new `ThreadPoolExecutor` has no worker thread before the first submit"""
    # Red on a pool that started its threads eagerly (checked by submitting in the constructor).
    pool = Pool(max_workers=4)
    try:
        assert pool.workers() == []
    finally:
        pool.close()


def test_the_first_submit_starts_exactly_one_worker_thread():
    """The first `submit` starts exactly one worker thread"""
    pool = Pool(max_workers=4)
    try:
        pool.submit_blocked(1)
        wait_until(lambda: pool.started == 1, message="the job started")
        assert len(pool.workers()) == 1
    finally:
        pool.close()


def test_jobs_submitted_one_after_another_reuse_an_idle_worker():
    """Twenty jobs submitted one after another, each awaited, run on at most five threads (idle reuse, 3.8+)"""
    pool = Pool(max_workers=20)
    pool.gate.set()
    try:
        names = [pool.executor.submit(pool.blocked_job).result(timeout=SHORT) for _ in range(20)]
        # Before 3.8 every submit below max_workers started a thread: 20 here. A worker
        # marks itself idle just after finishing its job, so on a loaded machine a submit
        # can occasionally still arrive first; hence a loose bound, not exactly one.
        assert len(pool.workers()) <= 5, f"{len(pool.workers())} threads for 20 sequential jobs"
        assert len(set(names)) <= 5
    finally:
        pool.close()


def test_busy_workers_make_the_executor_start_more_threads_up_to_max_workers_and_no_more():
    """Six blocked jobs on `max_workers=4` start four threads, and two jobs wait in the queue"""
    pool = Pool(max_workers=4)
    try:
        futures = pool.submit_blocked(6)
        wait_until(lambda: pool.started == 4, message="four jobs running")
        assert len(pool.workers()) == 4
        assert not any(f.running() for f in futures[4:]), "a fifth job is running on four workers"
        assert [f.done() for f in futures] == [False] * 6
    finally:
        pool.close()


class WatchedWorkQueue(queue.SimpleQueue):
    """The executor's work queue, recording each worker's blocking get: (block, timeout) while it
    waits, and whether the wait has ended."""

    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()
        self.waiting = {}  # worker thread name -> (block, timeout) of the get it is in

    def get(self, block=True, timeout=None):
        name = threading.current_thread().name
        with self.lock:
            self.waiting[name] = (block, timeout)
        try:
            return super().get(block, timeout)
        finally:
            with self.lock:
                self.waiting.pop(name, None)

    def waits(self):
        with self.lock:
            return dict(self.waiting)


def test_idle_worker_threads_wait_for_work_without_a_timeout_until_shutdown_ends_them_all():
    """An idle worker waits for its next job with no timeout, so it stays until `shutdown()`, which ends them all"""
    # Red on a pool that retired idle threads: a worker that exits when its job ends (then no
    # worker is alive and waiting) or that waits for work with a timeout (as Java's keep-alive
    # does), checked with a scratch worker calling get(timeout=60). Watching the threads for a
    # while could not tell a keep-alive longer than the watch; the wait itself can.
    pool = Pool(max_workers=3)
    assert hasattr(pool.executor, "_work_queue"), "this runtime's ThreadPoolExecutor has no _work_queue"
    pool.executor._work_queue = watched = WatchedWorkQueue()  # before the first submit starts a worker
    try:
        futures = pool.submit_blocked(3)
        wait_until(lambda: pool.started == 3, message="three jobs running")
        pool.gate.set()
        for f in futures:
            f.result(timeout=SHORT)
        workers = pool.workers()
        assert len(workers) == 3
        idle = wait_until(lambda: len(watched.waits()) == 3 and watched.waits(), message="three idle workers waiting")
        assert idle == {t.name: (True, None) for t in workers}, "an idle worker waits with a timeout"
        assert all(t.is_alive() for t in workers)
    finally:
        pool.close()
    assert not any(t.is_alive() for t in workers)


def gated_job(gate, started):
    """A job that knows nothing of its executor (so it keeps no reference to it)."""
    started.release()
    gate.wait(SHORT)  # opened right after the test's check: SHORT is only reached on failure


def test_dropping_the_executor_without_shutdown_ends_its_idle_workers_too():
    """An executor dropped without `shutdown()` ends its idle workers once it is collected (`del`, `gc.collect()`)"""
    # Red on a runtime whose idle workers outlived their executor, blocked for ever (checked with a
    # scratch executor whose weakref to itself had no callback: the join below times out).
    Pool.count += 1
    prefix = f"spec-dropped-pool-{Pool.count}"
    executor = ThreadPoolExecutor(max_workers=3, thread_name_prefix=prefix)
    gate, started = threading.Event(), threading.Semaphore(0)
    futures = [executor.submit(gated_job, gate, started) for _ in range(3)]
    for _ in range(3):
        assert started.acquire(timeout=SHORT)
    gate.set()
    for f in futures:
        f.result(timeout=SHORT)
    workers = [t for t in threading.enumerate() if t.name.startswith(prefix)]
    assert len(workers) == 3 and all(t.is_alive() for t in workers)
    del executor, futures, f

    def collected_and_ended():
        gc.collect()
        return not any(t.is_alive() for t in workers)
    # collected again until they end, within SHORT: on PyPy 3.9 the executor's weakref callback,
    # which wakes the workers, ran only after a second gc.collect() in 2 of 30 trials
    wait_until(collected_and_ended, timeout=SHORT, message="the dropped executor's idle workers ended")
    join_threads(workers, SHORT)


def test_without_max_workers_the_executor_runs_cpu_count_plus_four_jobs_at_once_capped_at_32():
    """Without `max_workers` it runs `min(32, CPUs + 4)` jobs at once (`os.process_cpu_count()` from 3.13)"""
    expected = default_max_workers()
    pool = Pool()
    try:
        pool.submit_blocked(expected + 3)
        wait_until(lambda: pool.started == expected, message=f"{expected} jobs running")
        assert not wait_until_quietly(lambda: pool.started > expected), "more jobs ran than the default size"
        assert len(pool.workers()) == expected
    finally:
        pool.close()


def wait_until_quietly(predicate):
    """True if predicate() becomes true within SETTLE; False if it stays false."""
    try:
        return wait_until(predicate, timeout=SETTLE)
    except AssertionError:
        return False

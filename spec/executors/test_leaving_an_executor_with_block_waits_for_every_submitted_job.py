"""Leaving a `with` block over a `ThreadPoolExecutor` or `ProcessPoolExecutor` waits until every job submitted to it has finished, queued ones included."""
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from claimspec import LONG, SHORT, Claim, finish, shut_down, stays_blocked, wait_until
from spec.executors.pool_probes import gated_square, install_gate

CLAIM = Claim(
    section="ThreadPoolExecutor",
    notes="Used in a `with` statement, an executor exits the block only when all the jobs submitted to it have finished.",
    verdict="holds",
    truth=(
        "Leaving the block calls shutdown(wait=True): it blocks until every submitted job has "
        "run, including jobs still queued behind busy workers (they are not cancelled), for "
        "thread and process pools alike; afterwards every future is done. shutdown(wait=False) "
        "is the call that does not wait (and, from 3.9, shutdown(cancel_futures=True) drops the "
        "queued jobs)."
    ),
    line=1396,
)

def leave_with_block(executor):
    """What the end of `with executor:` does, run where the test can watch it."""
    with executor:
        pass


def test_leaving_the_block_of_a_thread_pool_waits_for_running_and_queued_jobs():
    """Leaving `with ThreadPoolExecutor(...)` waits for its two running jobs and the three queued ones"""
    # Red on an __exit__ that called shutdown(wait=False) (checked by patching it in).
    gate = threading.Event()
    started = []
    stuck = []

    def job(x):
        started.append(x)
        # opened right after the test's check: SHORT is only reached on failure, and once one
        # job has waited it out, the others do not wait again
        if not stuck and not gate.wait(SHORT):
            stuck.append(x)
        return x * x

    def run_block():
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(job, x) for x in range(5)]  # three wait in the queue
        return futures

    try:
        pending = stays_blocked(run_block)
        wait_until(lambda: len(started) == 2, message="two jobs running on the two workers")
    finally:
        gate.set()
    futures = finish(pending)
    assert [f.done() for f in futures] == [True] * 5
    assert [f.result() for f in futures] == [0, 1, 4, 9, 16]
    assert not stuck, f"jobs {stuck} never saw the gate open"


def test_shutdown_without_waiting_returns_while_jobs_still_run():
    """A `shutdown(wait=False)` returns while a job still runs"""
    gate = threading.Event()
    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(gate.wait, LONG)
    try:
        pool.shutdown(wait=False)  # returns at once: would hang the test thread otherwise
        assert not future.done()
    finally:
        gate.set()
        assert future.result(timeout=SHORT) is True
        shut_down(pool, SHORT)


def test_leaving_the_block_of_a_process_pool_waits_for_every_job(pool_context):
    """Leaving `with ProcessPoolExecutor(...)` waits until all four submitted jobs have finished"""
    gate = pool_context.Event()
    pool = ProcessPoolExecutor(max_workers=2, mp_context=pool_context, initializer=install_gate, initargs=(gate,))
    try:
        futures = [pool.submit(gated_square, x) for x in range(4)]
        pending = stays_blocked(lambda: leave_with_block(pool))
        assert not any(f.done() for f in futures)
    finally:
        gate.set()
    finish(pending)
    assert [f.done() for f in futures] == [True] * 4
    assert [f.result() for f in futures] == [0, 1, 4, 9]

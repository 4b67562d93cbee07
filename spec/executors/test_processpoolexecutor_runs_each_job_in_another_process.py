"""ProcessPoolExecutor has the ThreadPoolExecutor interface but runs the jobs in separate worker processes, several at once."""
import os
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from claimspec import LONG, Claim

CLAIM = Claim(
    section="ProcessPoolExecutor",
    notes="ProcessPoolExecutor is like ThreadPoolExecutor, except that it runs the jobs in separate processes.",
    verdict="holds",
    truth=(
        "Same interface (submit, map, result, done, with); each job runs in a worker process "
        "whose pid is not the caller's, and two jobs can run at the same time in two different "
        "processes; a thread pool runs them in the caller's own process."
    ),
)

BARRIER = None  # in a worker: a barrier shared with the other worker (set by the initializer)


def install_barrier(barrier):
    global BARRIER
    BARRIER = barrier


def where_am_i(meet):
    """Meet the other job at the barrier if asked (so both run at once), then say where we ran."""
    if meet:
        BARRIER.wait(LONG)
    return os.getpid(), threading.current_thread() is threading.main_thread()


def test_two_jobs_run_at_once_in_two_worker_processes_that_are_not_the_caller(pool_context):
    barrier = pool_context.Barrier(2)
    with ProcessPoolExecutor(
        max_workers=2, mp_context=pool_context, initializer=install_barrier, initargs=(barrier,)
    ) as pool:
        placed = list(pool.map(where_am_i, [True, True], timeout=LONG))
        single = pool.submit(where_am_i, False)
    pids = {pid for pid, _ in placed}
    assert len(pids) == 2, "the two jobs did not run in two processes"
    assert os.getpid() not in pids
    assert all(on_main_thread for _, on_main_thread in placed), "a worker process runs jobs on its main thread"
    assert single.done() and single.result()[0] in pids


def test_a_thread_pool_runs_the_same_jobs_inside_the_callers_process():
    global BARRIER
    BARRIER = threading.Barrier(2)
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            placed = list(pool.map(where_am_i, [True, True], timeout=LONG))
    finally:
        BARRIER = None
    assert placed == [(os.getpid(), False), (os.getpid(), False)]

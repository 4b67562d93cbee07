"""`ProcessPoolExecutor` has the `ThreadPoolExecutor` interface and runs each job in another process, but only jobs, arguments and results that pickle: a lambda, a local function or a lock fails in `result()`."""
import multiprocessing
import os
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from claimspec import LONG, SHORT, Claim, bounded_exit
from spec.executors import pool_probes

CLAIM = Claim(
    section="ProcessPoolExecutor",
    notes="ProcessPoolExecutor is similar to ThreadPoolExecutor; it just uses different processes instead of threads.",
    verdict="partly",
    truth=(
        "Same interface (submit, map, result, done, with), and each job runs on the main thread "
        "of a worker process that is not the caller, several at once. But it is no drop-in: "
        "everything sent to a worker is pickled, the function by its importable name, the "
        "arguments and the result by value, whatever the start method, fork included. A lambda or "
        "a function defined inside another function cannot be pickled (CPython 3.9-3.13: "
        "PicklingError naming the <lambda>, AttributeError naming the <locals> function; PyPy "
        "3.9: PicklingError for both), nor can a lock, as argument or as result (TypeError "
        "'cannot pickle', PicklingError on PyPy). submit() still returns a future; the error is "
        "raised by its result(), and the pool stays usable. A thread pool runs all of these in "
        "the caller's own process. Nor does it start its workers as a thread pool does: under "
        "spawn and forkserver it starts one only for a job that finds none idle (from 3.9), but "
        "under fork it starts all max_workers at the first submit (gh-90622: forking on demand, "
        "from a process whose manager thread already runs, could deadlock; in 3.11, backported "
        "to 3.9 and 3.10 in 2022, and in PyPy 3.9). Scripts also need the main guard under spawn "
        "and forkserver: see test_a_process_pool_script_needs_the_main_guard_unless_it_forks."
    ),
    line=1399,
)

SQUARE = lambda x: x * x  # noqa: E731 - a module-level lambda, as a user would write it


def where_am_i(meet):
    """Meet the other job at the barrier if asked (so both run at once), then say where we ran."""
    if meet:
        pool_probes.meet()
    return os.getpid(), threading.current_thread() is threading.main_thread()


def is_locked(lock):
    return lock.locked()


def give_a_lock():
    return threading.Lock()


def jobs():
    """(what, function, arguments, the error types allowed, text the message must hold)."""

    def local_square(x):
        return x * x

    return [
        ("a lambda", SQUARE, (3,), (pickle.PicklingError,), "<lambda>"),
        ("a local function", local_square, (3,), (pickle.PicklingError, AttributeError), "<locals>"),
        ("a lock as argument", is_locked, (threading.Lock(),), (TypeError, pickle.PicklingError), "pickle"),
        ("a lock as result", give_a_lock, (), (TypeError, pickle.PicklingError), "pickle"),
    ]


def test_two_jobs_run_at_once_in_two_worker_processes_that_are_not_the_caller(pool_context):
    """Two jobs meet at a `multiprocessing.Barrier` from two worker processes, neither of them the caller"""
    # Red on a ProcessPoolExecutor that ran jobs in threads of the caller, or one job at a time
    # (the barrier would time out).
    barrier = pool_context.Barrier(2)
    with bounded_exit(ProcessPoolExecutor(
        max_workers=2, mp_context=pool_context, initializer=pool_probes.install_barrier, initargs=(barrier,)
    )) as pool:
        placed = list(pool.map(where_am_i, [True, True], timeout=LONG))
        single = pool.submit(where_am_i, False)
    pids = {pid for pid, _ in placed}
    assert len(pids) == 2, "the two jobs did not run in two processes"
    assert os.getpid() not in pids
    assert all(on_main_thread for _, on_main_thread in placed), "a worker process runs jobs on its main thread"
    assert single.done() and single.result()[0] in pids


def test_a_thread_pool_runs_the_same_jobs_inside_the_callers_process():
    """A `ThreadPoolExecutor` runs the same two jobs in the caller's process, on threads other than the main one"""
    pool_probes.install_barrier(threading.Barrier(2))
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            placed = list(pool.map(where_am_i, [True, True], timeout=LONG))
    finally:
        pool_probes.install_barrier(None)
    assert placed == [(os.getpid(), False), (os.getpid(), False)]


def test_unpicklable_jobs_and_data_fail_in_result_and_leave_the_pool_usable(pool_context):
    """A lambda, a local function, a `threading.Lock` argument or result each fail in `result()`, even under fork"""
    # Red on a ProcessPoolExecutor that ran jobs without pickling them (as a thread pool does).
    with bounded_exit(ProcessPoolExecutor(max_workers=1, mp_context=pool_context)) as pool:
        for what, function, args, errors, text in jobs():
            future = pool.submit(function, *args)  # no error yet
            with pytest.raises(errors) as raised:
                future.result(timeout=LONG)
            assert text.lower() in str(raised.value).lower(), f"{what}: {raised.value!r}"
        assert pool.submit(abs, -3).result(timeout=LONG) == 3


def test_a_thread_pool_runs_the_same_jobs_since_nothing_is_pickled():
    """A `ThreadPoolExecutor` runs the lambda, the local function and the `threading.Lock` jobs"""
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = [pool.submit(function, *args).result(timeout=SHORT) for _, function, args, _, _ in jobs()]
    assert results[:3] == [9, 9, False]
    assert hasattr(results[3], "acquire")


def test_under_fork_the_first_submit_starts_every_worker_under_spawn_and_forkserver_only_one(pool_context):
    """The first submit to `ProcessPoolExecutor(max_workers=3)` starts all three workers under fork, one under spawn and forkserver"""
    # Red on a fork pool that started workers on demand as before gh-90622 (one), or a spawn pool
    # that started them all at once as 3.8 did (three).
    before = set(multiprocessing.active_children())
    with bounded_exit(ProcessPoolExecutor(max_workers=3, mp_context=pool_context)) as pool:
        assert pool.submit(abs, -1).result(timeout=LONG) == 1
        started = [p for p in multiprocessing.active_children() if p not in before]
    expected = 3 if pool_context.get_start_method() == "fork" else 1
    assert len(started) == expected, f"{len(started)} worker processes after the first job"

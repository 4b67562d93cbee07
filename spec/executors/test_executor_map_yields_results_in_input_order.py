"""`Executor.map` applies the function to every input on at most `max_workers` workers (not a thread per input) and yields the results in input order."""
import inspect
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from claimspec import SHORT, Claim, cpython_only, runtime, wait_until

CLAIM = Claim(
    section="ThreadPoolExecutor",
    notes=(
        "workers.map(square, listofargs) creates threads (or processes) and applies the worker "
        "function to each element of listofargs; the example maps square over "
        "[10, 2, 4, 67, 3, 5] and keeps a commented-out variant that raises ValueError above 10."
    ),
    verdict="partly",
    truth=(
        "It does apply the function to each element, but it does not create a thread or process "
        "per element: the jobs run on the pool's workers, at most max_workers at once, started "
        "lazily and reused. map reads the whole input at the call and submits every element at "
        "once (3.14 adds buffersize= to bound that); it yields results in input order, as the "
        "builtin map does, even when later inputs finish first; an exception raised by a job is "
        "raised in the caller when iteration reaches that input, after the results before it."
    ),
    line=1440,
)

DATA = [10, 2, 4, 67, 3, 5]


def square(x):
    return x * x


def square_small(x):
    if x > 10:
        raise ValueError("large value...")
    return x * x


def test_the_notes_data_gives_the_same_list_as_the_builtin_map():
    """The call `workers.map(square, [10, 2, 4, 67, 3, 5])` gives the same list as the builtin `map`"""
    with ThreadPoolExecutor(max_workers=10) as workers:
        result = list(workers.map(square, DATA))
    assert result == list(map(square, DATA)) == [100, 4, 16, 4489, 9, 25]


def test_results_come_in_input_order_even_when_later_inputs_finish_first():
    """Results come in input order even when the last input finishes first"""
    # Red on a map that yielded results as they completed (as_completed order).
    releases = [threading.Event() for _ in range(4)]
    finished = []

    def job(i):
        releases[i].wait(SHORT)  # opened right after the test's check: SHORT is only reached on failure
        finished.append(i)
        return i * 10

    with ThreadPoolExecutor(max_workers=4) as workers:
        try:
            results = workers.map(job, range(4))
            for i in reversed(range(4)):  # let the last input finish first, then the one before ...
                releases[i].set()
                wait_until(lambda: len(finished) == 4 - i, message=f"job {i} finished")
        finally:
            for event in releases:
                event.set()
        assert list(results) == [0, 10, 20, 30]
    assert finished == [3, 2, 1, 0]


def test_map_runs_at_most_max_workers_jobs_at_once_and_starts_no_thread_per_element():
    """Ten inputs on `max_workers=3` run three at a time on three threads, not a thread per input"""
    # Red on a map that started a thread per element (ten threads, ten jobs running).
    gate = threading.Event()
    running = []
    stuck = []
    prefix = "spec-map-pool"

    def job(x):
        running.append(x)
        # opened right after the test's check: SHORT is only reached on failure, and once one
        # job has waited it out, the others do not wait again
        if not stuck and not gate.wait(SHORT):
            stuck.append(x)
        return x

    with ThreadPoolExecutor(max_workers=3, thread_name_prefix=prefix) as workers:
        try:
            results = workers.map(job, range(10))
            wait_until(lambda: len(running) == 3, message="three jobs running")
            assert len([t for t in threading.enumerate() if t.name.startswith(prefix)]) == 3
        finally:
            gate.set()
        assert list(results) == list(range(10))
    assert not stuck, f"jobs {stuck} never saw the gate open"


def test_a_jobs_exception_is_raised_when_iteration_reaches_its_input():
    """With the commented-out check, the `ValueError` for 67 is raised after the results for 10, 2 and 4"""
    with ThreadPoolExecutor(max_workers=10) as workers:
        results = workers.map(square_small, DATA)
        assert [next(results), next(results), next(results)] == [100, 4, 16]
        with pytest.raises(ValueError, match="large value"):
            next(results)


def test_collecting_the_whole_map_into_a_list_raises_the_jobs_exception():
    """Collecting `list(workers.map(...))`, as the example does, raises the job's `ValueError`"""
    with ThreadPoolExecutor(max_workers=10) as workers:
        with pytest.raises(ValueError, match="large value"):
            list(workers.map(square_small, DATA))


def recorded(read):
    """DATA, one item at a time, noting in ``read`` each item as it is taken."""
    for x in DATA:
        read.append(x)
        yield x


def test_map_reads_every_input_before_the_first_result_is_asked_for():
    """`Executor.map` reads its whole input at the call, where the builtin `map` reads it lazily"""
    # Red on a map that read its input lazily, as the builtin map does.
    read = []

    with ThreadPoolExecutor(max_workers=2) as workers:
        results = workers.map(square, recorded(read))
        assert read == DATA
        assert list(results) == [100, 4, 16, 4489, 9, 25]
    lazy = map(square, recorded(read))
    assert len(read) == len(DATA)
    assert next(lazy) == 100 and len(read) == len(DATA) + 1


@cpython_only
def test_map_takes_a_buffersize_from_3_14_on():
    """On CPython `Executor.map` takes `buffersize=` from 3.14 on, and not before"""
    # Red on a CPython whose map signature disagrees with What's New in 3.14.
    has_it = "buffersize" in inspect.signature(ThreadPoolExecutor.map).parameters
    assert has_it == (sys.version_info >= (3, 14))


@pytest.mark.skipif(sys.version_info < (3, 14), reason="Executor.map(buffersize=...) came in 3.14 (" + runtime.on_cpython(14) + ")")
def test_from_3_14_a_buffersize_bounds_how_many_inputs_are_read_ahead():
    """From 3.14 `map(..., buffersize=2)` reads only two inputs before the first result is asked for"""
    # Red on a map that ignored buffersize and read its whole input at the call.
    read = []

    with ThreadPoolExecutor(max_workers=2) as workers:
        results = workers.map(square, recorded(read), buffersize=2)
        assert len(read) == 2
        assert list(results) == [100, 4, 16, 4489, 9, 25]

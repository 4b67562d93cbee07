"""Executor.map yields results in the order of its inputs, whatever order the jobs finish in, runs them on at most max_workers workers, and raises a job's exception when iteration reaches that input."""
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from claimspec import LONG, Claim, wait_until

CLAIM = Claim(
    section="ThreadPoolExecutor",
    notes=(
        "workers.map(square, listofargs) creates threads (or processes) and applies the function "
        "to each element of the list; the example maps square over [10, 2, 4, 67, 3, 5] and keeps "
        "a commented-out variant that raises ValueError for inputs above 10."
    ),
    verdict="holds",
    truth=(
        "map submits every input at once but runs them on at most max_workers threads (not one "
        "thread per element); it yields results in input order, as the builtin map does, even "
        "when later inputs finish first; an exception raised by a job is raised in the caller "
        "when iteration reaches that input, after the results before it were yielded."
    ),
)

DATA = [10, 2, 4, 67, 3, 5]


def square(x):
    return x * x


def square_small(x):
    if x > 10:
        raise ValueError("large value...")
    return x * x


def test_the_notes_data_gives_the_same_list_as_the_builtin_map():
    with ThreadPoolExecutor(max_workers=10) as workers:
        result = list(workers.map(square, DATA))
    assert result == list(map(square, DATA)) == [100, 4, 16, 4489, 9, 25]


def test_results_come_in_input_order_even_when_later_inputs_finish_first():
    releases = [threading.Event() for _ in range(4)]
    finished = []

    def job(i):
        releases[i].wait(LONG)
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
    gate = threading.Event()
    running = []
    prefix = "spec-map-pool"

    def job(x):
        running.append(x)
        gate.wait(LONG)
        return x

    with ThreadPoolExecutor(max_workers=3, thread_name_prefix=prefix) as workers:
        try:
            results = workers.map(job, range(10))
            wait_until(lambda: len(running) == 3, message="three jobs running")
            assert len([t for t in threading.enumerate() if t.name.startswith(prefix)]) == 3
        finally:
            gate.set()
        assert list(results) == list(range(10))


def test_a_jobs_exception_is_raised_when_iteration_reaches_its_input():
    with ThreadPoolExecutor(max_workers=10) as workers:
        results = workers.map(square_small, DATA)
        assert [next(results), next(results), next(results)] == [100, 4, 16]
        with pytest.raises(ValueError, match="large value"):
            next(results)


def test_collecting_the_whole_map_into_a_list_raises_the_jobs_exception():
    with ThreadPoolExecutor(max_workers=10) as workers:
        with pytest.raises(ValueError, match="large value"):
            list(workers.map(square_small, DATA))


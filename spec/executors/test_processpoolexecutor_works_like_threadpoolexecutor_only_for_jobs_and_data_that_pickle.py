"""Swapping ThreadPoolExecutor for ProcessPoolExecutor works only for jobs, arguments and results that can be pickled: a lambda, a local function or a lock fails, with the error raised by result()."""
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from claimspec import LONG, SHORT, Claim

CLAIM = Claim(
    section="ProcessPoolExecutor",
    notes=(
        "ProcessPoolExecutor is ThreadPoolExecutor with processes: the example switches between "
        "them by changing only the import line."
    ),
    verdict="notes-wrong",
    truth=(
        "Everything sent to a worker process is pickled: the function by its importable name, the "
        "arguments and the result by value. A lambda or a function defined inside another "
        "function cannot be pickled (CPython 3.9-3.13: PicklingError naming the <lambda>, "
        "AttributeError naming the <locals> function; PyPy 3.9: PicklingError for both), nor can a lock, as argument or as "
        "result (TypeError 'cannot pickle', PicklingError on PyPy). submit() still returns a "
        "future; the error is raised by its result(), and the pool stays usable. A thread pool "
        "runs all of these. The swap works for the notes' example only because its jobs are "
        "module-level functions without arguments."
    ),
)

SQUARE = lambda x: x * x  # noqa: E731 - a module-level lambda, as a user would write it


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


def test_unpicklable_jobs_and_data_fail_in_result_and_leave_the_pool_usable(pool_context):
    with ProcessPoolExecutor(max_workers=1, mp_context=pool_context) as pool:
        for what, function, args, errors, text in jobs():
            future = pool.submit(function, *args)  # no error yet
            with pytest.raises(errors) as raised:
                future.result(timeout=LONG)
            assert text.lower() in str(raised.value).lower(), f"{what}: {raised.value!r}"
        assert pool.submit(abs, -3).result(timeout=LONG) == 3


def test_a_thread_pool_runs_the_same_jobs_since_nothing_is_pickled():
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = [pool.submit(function, *args).result(timeout=SHORT) for _, function, args, _, _ in jobs()]
    assert results[:3] == [9, 9, False]
    assert hasattr(results[3], "acquire")

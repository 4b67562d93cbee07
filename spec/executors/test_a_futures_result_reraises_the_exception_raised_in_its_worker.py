"""An exception raised by a job in a thread or process pool is kept in its future and raised again in the caller by result(); nothing is printed if nobody asks."""
import traceback
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from claimspec import LONG, SHORT, Claim, bounded_exit, run_python

CLAIM = Claim(
    section="ProcessPoolExecutor",
    notes="concurrent.futures can carry an exception from the thread (or process) that raised it to another one.",
    verdict="holds",
    truth=(
        "A job's exception is stored in its future: result() raises it in the caller (from a "
        "thread pool the very same object, its traceback reaching into the job; from a process "
        "pool a pickled copy whose __cause__ carries the worker's traceback as text), and "
        "exception() returns it. The worker survives and runs later jobs. An exception nobody "
        "asks for is never reported: the program prints nothing and exits normally."
    ),
    line=1403,
)


class JobFailed(ValueError):
    pass


def failing_job(x):
    raise JobFailed(f"large value... {x}")


def test_result_raises_the_very_exception_object_the_thread_job_raised():
    """From a `ThreadPoolExecutor`, `result()` raises the very exception object the job raised"""
    # Red on a pool whose worker swallowed the exception (result() None) or died with its job.
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(failing_job, 67)
        error = future.exception(timeout=SHORT)
        with pytest.raises(JobFailed) as raised:
            future.result(timeout=SHORT)
        assert raised.value is error
        assert "failing_job" in "".join(traceback.format_tb(error.__traceback__))
        assert pool.submit(abs, -3).result(timeout=SHORT) == 3, "the worker died with its job"


def test_result_raises_a_copy_of_the_exception_raised_in_a_worker_process(pool_context):
    """From a `ProcessPoolExecutor`, `result()` raises a copy whose `__cause__` holds the worker's traceback"""
    with bounded_exit(ProcessPoolExecutor(max_workers=1, mp_context=pool_context)) as pool:
        future = pool.submit(failing_job, 67)
        with pytest.raises(JobFailed, match="large value... 67") as raised:
            future.result(timeout=LONG)
        remote = raised.value.__cause__
        assert remote is not None and "failing_job" in str(remote), "no worker traceback attached"
        assert pool.submit(abs, -3).result(timeout=LONG) == 3, "the worker process died with its job"


@pytest.mark.parametrize("executor", ["ThreadPoolExecutor", "ProcessPoolExecutor"])
def test_an_exception_nobody_asks_for_is_never_reported(executor):
    """A job's exception that nobody asks for is never printed: exit code 0, empty stderr"""
    ran = run_python(
        f"""
        from concurrent.futures import {executor} as Executor, wait

        def fail():
            raise ValueError("lost")

        if __name__ == "__main__":
            with Executor(max_workers=1) as pool:
                future = pool.submit(fail)
                wait([future])
            print("done:", future.done())
        """
    )
    ran.assert_ok()
    assert ran.stdout == "done: True\n"

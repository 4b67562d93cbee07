"""A `ProcessPoolExecutor` job works on a copy of its arguments, so its changes never reach the caller's objects; a thread-pool job changes the caller's objects directly."""
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from claimspec import LONG, SHORT, Claim, bounded_exit

CLAIM = Claim(
    section="ProcessPoolExecutor",
    notes=(
        "Use a process pool for independent operations run in parallel; avoid it when the jobs "
        "must share data, and use a thread pool instead."
    ),
    verdict="opinion",
    truth=(
        "Advice, but its premise is measurable: a process-pool job receives a pickled copy of "
        "its arguments, so appending to a list it was given leaves the caller's list unchanged "
        "and only the return value comes back; a thread-pool job appends to the caller's very "
        "list. (That independent CPU-bound jobs run faster in processes is a speed claim, "
        "measured under spec/speed.) The advice stops holding where data is shared on purpose "
        "between processes (multiprocessing.Value, a Manager, shared_memory) or where the jobs "
        "are CPU-bound Python, which threads do not run in parallel under a GIL."
    ),
    line=1400,
)


def append_and_return(shared, item):
    shared.append(item)
    return shared


def test_a_process_pool_job_changes_only_its_own_copy_of_the_argument(pool_context):
    """A `ProcessPoolExecutor` job that appends to its list argument leaves the caller's list unchanged"""
    # Red on a process pool that shared the caller's objects (as a thread pool does).
    shared = ["from the caller"]
    with bounded_exit(ProcessPoolExecutor(max_workers=1, mp_context=pool_context)) as pool:
        returned = pool.submit(append_and_return, shared, "from the job").result(timeout=LONG)
    assert shared == ["from the caller"], "the job's change reached the caller's list"
    assert returned == ["from the caller", "from the job"] and returned is not shared


def test_a_thread_pool_job_changes_the_callers_own_object():
    """A `ThreadPoolExecutor` job appends to the caller's very list"""
    shared = ["from the caller"]
    with ThreadPoolExecutor(max_workers=1) as pool:
        returned = pool.submit(append_and_return, shared, "from the job").result(timeout=SHORT)
    assert shared == ["from the caller", "from the job"]
    assert returned is shared

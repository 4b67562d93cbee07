"""Each `ProcessPoolExecutor` worker has its own module-level variables: its changes stay in that worker, and what it starts with depends on the start method."""
import os
from concurrent.futures import ProcessPoolExecutor

from claimspec import LONG, Claim, bounded_exit, run_python
from claimspec.runtime import documented_default_start_method
from spec.executors import pool_probes

CLAIM = Claim(
    section="ProcessPoolExecutor",
    notes="Each process of a ProcessPoolExecutor gets its own copy of the global data.",
    verdict="runtime-dependent",
    depends_on=(
        "the start method, which decides what the copy holds. On every start method each worker "
        "has its own module-level variables: changes made in a worker are seen neither by the "
        "caller nor by other workers, but persist in that worker across jobs. Under fork a worker "
        "starts from a copy of the parent's module-level variables as they were when it was "
        "started; under spawn and forkserver it re-imports the module and starts from their "
        "import-time values, so changes the parent made after import are not there. The default "
        "on Linux is fork up to 3.13 and forkserver from 3.14 (spawn on macOS and Windows), so "
        "the same unmodified program sees the parent's changes on 3.13 and not on 3.14."
    ),
    line=1401,
)

MARK = "value at import"
COUNTER = 0


def count_a_job(meet):
    global COUNTER
    COUNTER += 1
    if meet:
        pool_probes.meet()  # both first jobs run at once, so in two different workers
    return os.getpid(), COUNTER, MARK


def test_workers_count_separately_and_start_from_what_the_start_method_gives(pool_context):
    """Each worker counts in its own module-level variable; only fork workers see the parent's later change"""
    # Red on workers sharing one copy (counts 1, 2), or on a fork that re-imported the module.
    global MARK
    MARK = "changed by the parent after import"
    barrier = pool_context.Barrier(2)
    try:
        with bounded_exit(ProcessPoolExecutor(
            max_workers=2, mp_context=pool_context, initializer=pool_probes.install_barrier, initargs=(barrier,)
        )) as pool:
            first = list(pool.map(count_a_job, [True, True], timeout=LONG))
            later = pool.submit(count_a_job, False).result(timeout=LONG)
    finally:
        MARK = "value at import"
    assert len({pid for pid, _, _ in first}) == 2
    assert [count for _, count, _ in first] == [1, 1], "the two workers share a counter"
    assert later[1] == 2, "a worker forgot its own module-level variable between jobs"
    assert COUNTER == 0, "the caller sees a worker's change"
    expected = "changed by the parent after import" if pool_context.get_start_method() == "fork" else "value at import"
    assert {mark for _, _, mark in first} == {expected}


DEFAULT_POOL = """
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

MARK = "value at import"

def read_mark():
    return MARK

if __name__ == "__main__":
    MARK = "changed by the parent after import"
    with ProcessPoolExecutor(max_workers=1) as pool:
        print(multiprocessing.get_start_method(), pool.submit(read_mark).result(timeout=60), sep=": ")
"""


def test_with_the_default_start_method_of_this_version_workers_see_what_the_docs_say():
    """Without `mp_context` the default start method is fork on Linux up to 3.13, forkserver from 3.14"""
    # Red on a runtime whose default start method is not the documented one for its version
    # (checked by expecting fork on a pretend 3.14).
    method = documented_default_start_method()
    ran = run_python(DEFAULT_POOL)
    if method != "fork" and pool_probes.pool_submit_broken_without_fork():
        assert "_adjust_process_count" in ran.stderr, ran.describe()
        return
    ran.assert_ok()
    seen = "changed by the parent after import" if method == "fork" else "value at import"
    assert ran.stdout == f"{method}: {seen}\n"

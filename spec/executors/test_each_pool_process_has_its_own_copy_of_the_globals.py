"""Each ProcessPoolExecutor worker has its own module globals: its changes stay in that worker, and what it starts with depends on the start method."""
import os
from concurrent.futures import ProcessPoolExecutor

from claimspec import LONG, Claim

CLAIM = Claim(
    section="ProcessPoolExecutor",
    notes="Each process of a ProcessPoolExecutor gets its own copy of the global data.",
    verdict="runtime-dependent",
    depends_on=(
        "the start method: every worker has its own globals (changes made in a worker are seen "
        "neither by the caller nor by other workers, but persist in that worker across jobs); "
        "under fork a worker starts from a copy of the parent's globals as they were when it was "
        "started, under spawn and forkserver it re-imports the module and starts from their "
        "import-time values, so changes the parent made after import are not there."
    ),
)

MARK = "value at import"
COUNTER = 0
BARRIER = None


def install_barrier(barrier):
    global BARRIER
    BARRIER = barrier


def count_a_job(meet):
    global COUNTER
    COUNTER += 1
    if meet:
        BARRIER.wait(LONG)  # both first jobs run at once, so in two different workers
    return os.getpid(), COUNTER, MARK


def test_workers_count_separately_and_start_from_what_the_start_method_gives(pool_context):
    global MARK
    MARK = "changed by the parent after import"
    barrier = pool_context.Barrier(2)
    try:
        with ProcessPoolExecutor(
            max_workers=2, mp_context=pool_context, initializer=install_barrier, initargs=(barrier,)
        ) as pool:
            first = list(pool.map(count_a_job, [True, True], timeout=LONG))
            later = pool.submit(count_a_job, False).result(timeout=LONG)
    finally:
        MARK = "value at import"
    assert len({pid for pid, _, _ in first}) == 2
    assert [count for _, count, _ in first] == [1, 1], "the two workers share a counter"
    assert later[1] == 2, "a worker forgot its own global between jobs"
    assert COUNTER == 0, "the caller sees a worker's change"
    expected = "changed by the parent after import" if pool_context.get_start_method() == "fork" else "value at import"
    assert {mark for _, _, mark in first} == {expected}

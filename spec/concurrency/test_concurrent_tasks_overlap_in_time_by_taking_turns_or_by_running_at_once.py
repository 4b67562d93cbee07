"""Concurrent tasks are tasks whose lifetimes overlap: taking turns on one CPU (time sharing) is one way, running at the same instant on several cores is another, so concurrency is not only time sharing."""
from claimspec import Claim, requires_cores, requires_free_threading, requires_gil
from spec.concurrency.overlap import EVIDENCE, WINDOW, accumulate_overlap, intersection, interleaved, spin_threads
from spec.generators.notes_programs import round_robin

CLAIM = Claim(
    section="Parellelism vs Concurrency",
    notes="Concurrency is time-sharing based execution (set against parallelism, parallel execution).",
    verdict="partly",
    line=36,
    truth=(
        "Time sharing is one way to run tasks concurrently, not what concurrency is. Concurrent tasks are "
        "tasks whose lifetimes overlap: each starts before the other has finished, and both make progress. "
        "Generators stepped in turn and CPU-bound threads under a GIL get there by taking turns on one CPU, "
        "never running at the same instant; processes on two cores, and threads on a free-threaded build, "
        "are concurrent and also run at the same instant. Parallelism is a kind of concurrent execution, "
        "not its opposite: Python's library documentation files threading, multiprocessing and "
        "concurrent.futures together under 'Concurrent Execution', calling them thread-based and "
        "process-based parallelism."
    ),
    extra={
        "parallel processes": "spec/concurrency/test_parallelism_runs_work_at_the_same_instant.py shows two "
        "concurrent processes running at the same instant on two cores",
        "threads taking turns": "spec/threads/test_threads_interleave_even_inside_one_print.py shows two busy "
        "threads interleaving by preemption alone",
    },
)


def recording_task(name, steps, record):
    for step in range(steps):
        record.append(name)
        yield


def test_two_generators_stepped_in_turn_on_one_thread_are_both_in_progress_before_either_ends():
    """Two generators stepped in turn on one thread each take a step before the other finishes

    Red on a runtime where next() ran a generator to its end instead of up to the next yield
    (checked: with a scratch task that does all its steps before its first yield, the order is
    a x 20 then b x 20).
    """
    record = []
    round_robin([recording_task("a", 20, record), recording_task("b", 20, record)])
    assert record == ["a", "b"] * 20
    last_a = max(i for i, name in enumerate(record) if name == "a")
    last_b = max(i for i, name in enumerate(record) if name == "b")
    assert record.index("b") < last_a and record.index("a") < last_b


@requires_gil
def test_under_a_gil_two_cpu_bound_threads_take_turns_and_never_run_at_the_same_instant():
    """Under a GIL two CPU-bound threads run in turns, each before the other ends, never at the same instant

    Concurrency by time sharing. Red on a runtime whose threads run Python at once (checked: with
    the two spinners in processes on two cores instead of threads, they overlap for over 100 ms), and
    on one whose threads run one after the other (checked: with each thread joined before the next
    starts, no turns are seen).
    """
    runs_a, runs_b = spin_threads()
    assert interleaved(runs_a, runs_b), (
        f"no turns: {len(runs_a)} and {len(runs_b)} runs, first ends {runs_a[0][1]:.4f} / {runs_b[0][1]:.4f}"
    )
    both = intersection(runs_a, runs_b)
    assert both < EVIDENCE, f"the threads ran at the same instant for {both * 1000:.2f} ms"


@requires_free_threading
@requires_cores(2)
def test_on_a_free_threaded_build_two_cpu_bound_threads_run_at_the_same_instant(claim_measurement):
    """On a free-threaded build two CPU-bound threads run at the same instant: concurrent and parallel

    Red on a build whose GIL is in fact on (they then only take turns, as the test above shows).
    """
    both, windows = accumulate_overlap(spin_threads)
    claim_measurement("time both threads ran at once, per window", round(both / windows / WINDOW, 3), "x")
    assert both >= EVIDENCE, (
        f"in {windows} windows of {WINDOW} s the two threads ran at once for only {both * 1000:.2f} ms"
    )

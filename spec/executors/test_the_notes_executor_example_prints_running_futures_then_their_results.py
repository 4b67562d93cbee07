"""The notes' `ThreadPoolExecutor` example prints its transcript: futures running and not done inside the `with` block, their results and done() True after it."""
import threading
from concurrent.futures import ThreadPoolExecutor

from claimspec import LONG, SHORT, Claim, run_python
from spec.executors import pool_probes

CLAIM = Claim(
    section="ThreadPoolExecutor",
    notes=(
        "The example submits foo (sleeps 5 s) and bar (sleeps 60 s) to a ten-worker "
        "ThreadPoolExecutor under the main guard, prints both futures (state=running), prints "
        "done() as False False, and after the with block prints both results and True True."
    ),
    verdict="holds",
    truth=(
        "It runs as written (in about 60 s, bar's sleep) and prints the transcript, the futures' "
        "addresses aside. Reproduced with jobs that wait on an event instead of sleeping. Its "
        "'state=running' relies on the workers having picked the jobs up by the time print runs: "
        "a future prints state=pending while its job waits in the pool's queue. The two workers' "
        "prints and the main thread's may interleave, text and newline being separate writes; "
        "the transcript shows it (bar's newline lands after the first future). The swap to "
        "ProcessPoolExecutor in the commented-out import is judged in "
        "test_swapping_in_processpoolexecutor_works_in_a_script_but_in_a_notebook_only_under_fork."
    ),
    line=1406,
)


def test_the_example_prints_the_notes_transcript():
    """With a `ThreadPoolExecutor` it prints two running futures, False False, the two results, True True"""
    # Red on futures that printed pending while running, or results that were ready before the
    # `with` block ended (checked by editing the expected states).
    ran = run_python(pool_probes.NOTES_EXECUTOR_EXAMPLE, "ThreadPoolExecutor", "default", str(LONG), str(SHORT))
    ran.assert_ok()
    problem = pool_probes.transcript_problems(ran.stdout)
    assert not problem, problem + "\n" + ran.describe()


def test_a_future_prints_pending_while_queued_running_while_its_job_runs_then_finished():
    """A future prints `state=pending` while queued, `state=running` while its job runs, then `state=finished`"""
    gate, started = threading.Event(), threading.Event()

    def job():
        started.set()
        gate.wait(SHORT)  # opened right after the test's check: SHORT is only reached on failure
        return "result"

    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            first = pool.submit(job)
            queued = pool.submit(str, "queued")  # one worker, busy with the first job
            assert started.wait(SHORT)
            assert "state=running" in repr(first) and first.running() and not first.done()
            assert "state=pending" in repr(queued) and not queued.running() and not queued.done()
        finally:
            gate.set()
    assert "state=finished returned str" in repr(first) and first.done()
    assert first.result() == "result" and queued.result() == "queued"

"""The notes' executor example, run with either pool: futures print as running and not done while their jobs run, and after the `with` block their results and done() True."""
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from claimspec import LONG, SHORT, Claim, run_python

CLAIM = Claim(
    section="ThreadPoolExecutor",
    notes=(
        "The example submits foo and bar to a ten-worker pool (thread pool, or process pool by "
        "swapping the import), prints both futures (state=running), prints done() as False False, "
        "and after the with block prints both results and True True."
    ),
    verdict="holds",
    truth=(
        "Reproduced with either pool, jobs that wait on an event instead of sleeping: once a "
        "worker has picked a job up its future prints as state=running and done() is False; "
        "after the with block result() returns each job's value and done() is True. A future "
        "prints state=pending while its job waits in the pool's queue, so the notes' "
        "'running' relies on the workers having started (a process pool marks a job running "
        "when it hands it to its call queue, before a worker takes it). The two workers' prints "
        "may interleave, text and newline being separate writes, as the notes' transcript shows."
    ),
)

EXAMPLE = r"""
import multiprocessing
import sys
import threading

kind, LONG = sys.argv[1], float(sys.argv[2])
if kind == "ThreadPoolExecutor":
    from concurrent.futures import ThreadPoolExecutor as Executor
    Event = threading.Event
else:
    from concurrent.futures import ProcessPoolExecutor as Executor
    Event = multiprocessing.get_context().Event

def install(events):
    global STARTED_FOO, STARTED_BAR, GATE
    STARTED_FOO, STARTED_BAR, GATE = events

def foo():
    print("foo(): invoked...")
    sys.stdout.flush()
    STARTED_FOO.set()
    GATE.wait(LONG)
    return "Hello world - from foo..."

def bar():
    print("bar(): invoked....")
    sys.stdout.flush()
    STARTED_BAR.set()
    GATE.wait(LONG)
    return 100

if __name__ == '__main__':
    events = (Event(), Event(), Event())
    with Executor(max_workers=10, initializer=install, initargs=(events,)) as workers:
        f1 = workers.submit(foo)
        f2 = workers.submit(bar)
        assert events[0].wait(LONG) and events[1].wait(LONG)
        print(f1, f2)
        print(f1.done(), f2.done())
        events[2].set()
    print(f1.result(), f2.result())
    print(f1.done(), f2.done())
"""


def interleavings(first, second):
    """Every text the two sequences of writes can produce when interleaved."""
    if not first or not second:
        return {"".join(first + second)}
    return {first[0] + rest for rest in interleavings(first[1:], second)} | {
        second[0] + rest for rest in interleavings(first, second[1:])
    }


@pytest.mark.parametrize("executor", ["ThreadPoolExecutor", "ProcessPoolExecutor"])
def test_the_example_prints_the_notes_transcript(executor):
    ran = run_python(EXAMPLE, executor, str(LONG))
    ran.assert_ok()
    workers_said, _, rest = ran.stdout.partition("<Future")
    # Two workers print at once, and print() writes its text and its newline separately:
    # their output may interleave (the notes' transcript shows it), but no text is split.
    assert workers_said in interleavings(["foo(): invoked...", "\n"], ["bar(): invoked....", "\n"]), ran.describe()
    lines = ("<Future" + rest).splitlines()
    assert len(lines) == 4, ran.describe()
    assert re.fullmatch(r"<Future at 0x[0-9a-f]+ state=running> <Future at 0x[0-9a-f]+ state=running>", lines[0]), lines[0]
    assert lines[1:] == ["False False", "Hello world - from foo... 100", "True True"]


def test_a_future_prints_pending_while_queued_running_while_its_job_runs_then_finished():
    gate, started = threading.Event(), threading.Event()

    def job():
        started.set()
        gate.wait(LONG)
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

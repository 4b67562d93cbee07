"""Helpers shared by the executor specs.

Functions a process-pool worker calls live here, in an importable module, so that
workers started by spawn or forkserver find them by name.
"""

from claimspec import LONG

BARRIER = None  # in a worker: a barrier shared with the other workers (set by install_barrier)
GATE = None  # in a worker: the event jobs wait on (set by install_gate)


def install_barrier(barrier):
    """Pool initializer: keep the barrier the jobs meet at."""
    global BARRIER
    BARRIER = barrier


def meet():
    """Wait at the installed barrier: two jobs that both meet are running at the same time."""
    BARRIER.wait(LONG)


def install_gate(gate):
    """Pool initializer: keep the event the jobs wait on."""
    global GATE
    GATE = gate


def gated_square(x):
    """x * x, once the installed gate opens."""
    if not GATE.wait(LONG):
        raise TimeoutError("the test never opened the gate")
    return x * x


def pool_submit_broken_without_fork():
    """True on a runtime whose ProcessPoolExecutor.submit fails under spawn and forkserver
    (PyPy 3.9 7.3.10-7.3.11 calls a missing _adjust_process_count, pypy/pypy#3873)."""
    from concurrent.futures import ProcessPoolExecutor

    return not hasattr(ProcessPoolExecutor, "_adjust_process_count")


# Our own program with the structure of the notes' executor example (two jobs submitted to a
# ten-worker pool, the futures and done() printed inside the `with` block, the results and
# done() after it). The jobs wait on an event the main thread sets once it has printed, instead
# of sleeping 5 and 60 seconds. argv: the pool class name, the start method ("default" for
# none), the LONG timeout.
NOTES_EXECUTOR_EXAMPLE = r"""
import multiprocessing
import sys
import threading

kind, method, LONG, SHORT = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
options = {}
if kind == "ThreadPoolExecutor":
    from concurrent.futures import ThreadPoolExecutor as Executor
    Event = threading.Event
else:
    from concurrent.futures import ProcessPoolExecutor as Executor
    context = multiprocessing.get_context(None if method == "default" else method)
    Event = context.Event
    options["mp_context"] = context

def install(events):
    global STARTED_FOO, STARTED_BAR, GATE
    STARTED_FOO, STARTED_BAR, GATE = events

def foo():
    print("foo(): invoked...")
    sys.stdout.flush()
    STARTED_FOO.set()
    GATE.wait(SHORT)  # opened once main has printed both futures: SHORT is reached only on failure
    return "Hello world - from foo..."

def bar():
    print("bar(): invoked....")
    sys.stdout.flush()
    STARTED_BAR.set()
    GATE.wait(SHORT)  # opened once main has printed both futures: SHORT is reached only on failure
    return 100

if __name__ == '__main__':
    events = (Event(), Event(), Event())
    with Executor(max_workers=10, initializer=install, initargs=(events,), **options) as workers:
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


def transcript_problems(stdout):
    """What differs between ``stdout`` and the notes' transcript (addresses aside); empty if nothing."""
    import re

    workers_said, _, rest = stdout.partition("<Future")
    # Two workers print at once, and print() writes its text and its newline separately:
    # their output may interleave (the notes' transcript shows it), but no text is split.
    if workers_said not in interleavings(["foo(): invoked...", "\n"], ["bar(): invoked....", "\n"]):
        return f"the workers printed {workers_said!r}"
    lines = ("<Future" + rest).splitlines()
    if len(lines) != 4:
        return f"{len(lines)} lines after the workers' prints, not 4"
    futures = r"<Future at 0x[0-9a-f]+ state=running> <Future at 0x[0-9a-f]+ state=running>"
    if not re.fullmatch(futures, lines[0]):
        return f"the futures printed as {lines[0]!r}"
    if lines[1:] != ["False False", "Hello world - from foo... 100", "True True"]:
        return f"then {lines[1:]!r}"
    return ""

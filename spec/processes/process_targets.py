"""Functions that the spec's child processes run (spec/processes).

They live in a plain module, importable by name, so that spawn and forkserver
children can unpickle them without importing pytest or the test modules (which
keeps each child cheap). Nothing here imports claimspec: every wait is bounded
by a timeout that the test passes in.
"""
import os
import sys

#: A module global; tests change it in the parent and ask children what they see.
GLOBAL = "as the module defines it"


class PlainBox:
    """An ordinary object with a ``value`` (the notes' home-made Value class)."""

    def __init__(self, value):
        self.value = value


def write_box(box, value, written, report, read_first=None, timeout=None):
    """Report what the box holds, set it, report again, then signal.

    With ``read_first``, wait (bounded) until the reader has taken its first look.
    """
    if read_first is not None and not read_first.wait(timeout):
        raise RuntimeError("the reader never took its first look")
    report.put(("writer before", box.value))
    box.value = value
    report.put(("writer after", box.value))
    written.set()


def read_box_after(box, written, report, timeout, read_first=None):
    """Report what the box holds before and after another process wrote to it."""
    report.put(("reader before", box.value))
    if read_first is not None:
        read_first.set()
    report.put(("writer signalled", written.wait(timeout)))
    report.put(("reader after", box.value))


def report_global(report):
    report.put(("child sees", GLOBAL))


def set_global_and_report(value, written, report):
    global GLOBAL
    GLOBAL = value
    report.put(("writer after", GLOBAL))
    written.set()


def read_global_after(written, report, timeout):
    report.put(("writer signalled", written.wait(timeout)))
    report.put(("reader after", GLOBAL))


def report_interpreter(report, new_limit):
    """Report this interpreter's pid and recursion limit, then change the limit."""
    report.put(("pid", os.getpid()))
    report.put(("recursion limit at start", sys.getrecursionlimit()))
    sys.setrecursionlimit(new_limit)
    report.put(("recursion limit after change", sys.getrecursionlimit()))


def call_it(func, report):
    report.put(("called", func()))


def hold_lock(lock, holding, release, report, timeout):
    """Acquire the lock, say so, hold it until told to release it."""
    report.put(("child acquired", lock.acquire(timeout=timeout)))
    holding.set()
    report.put(("told to release", release.wait(timeout)))
    lock.release()


def put_item(q, item):
    q.put(item)


def echo_doubled(inbox, outbox, timeout):
    outbox.put(inbox.get(timeout=timeout) * 2)


# --- used by the tests (parent side) ----------------------------------------------


def drain(report, count, timeout):
    """The next ``count`` reports from a queue, as a dict (bounded waits)."""
    return dict(report.get(timeout=timeout) for _ in range(count))


def run_to_end(processes, timeout):
    """Start the processes, join each (bounded), and give back their exit codes.

    A process still running after ``timeout`` is killed and the call fails, so
    no child outlives its test.
    """
    for p in processes:
        p.start()
    return join_all(processes, timeout)


def join_all(processes, timeout):
    stuck = []
    for p in processes:
        p.join(timeout)
        if p.is_alive():
            stuck.append(p)
            p.kill()
            p.join(timeout)
    assert not stuck, f"child processes did not finish within {timeout:.0f} s: {stuck}"
    return [p.exitcode for p in processes]


def try_lock(lock, report, timeout):
    report.put(("child acquired", lock.acquire(timeout=timeout)))

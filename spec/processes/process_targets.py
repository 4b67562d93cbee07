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


# --- the notes' foo/bar programs ----------------------------------------------------
# The notes show one program three times (threads with a home-made Value class,
# processes with that class, processes with multiprocessing.Value): foo reads the
# value, then sets it to 1234; bar reads it before and after. This is our own program
# of that structure, with events in place of the notes' sleeps so that the lines come
# in the notes' order: foo reads, bar reads, foo writes, bar reads again, main reads.
# Run it with run_python(program, start_method or "default", limit).

_FOO_BAR_IMPORTS = {
    "threads": "from threading import Thread, current_thread, Event",
    "processes": (
        "from multiprocessing import Process as Thread, current_process as current_thread, Event"
    ),
    "multiprocessing.Value": (
        "from multiprocessing import Process as Thread, current_process as current_thread, Event, Value"
    ),
}

_HOME_MADE_VALUE = '''
class Value:
    def __init__(self, ctype, value):
        self.value = value
'''

_FOO_BAR_BODY = '''
def foo(val, foo_read, bar_read, written, limit):
    t = current_thread()
    print(f"In foo[{t.name}]: value = {val.value}", flush=True)
    foo_read.set()
    bar_read.wait(limit)
    val.value = 1234
    print(f"In foo[{t.name}]: value is set to {val.value}", flush=True)
    written.set()

def bar(val, foo_read, bar_read, written, limit):
    t = current_thread()
    foo_read.wait(limit)
    print(f"In bar[{t.name}]: value = {val.value}", flush=True)
    bar_read.set()
    written.wait(limit)
    print(f"In bar[{t.name}]: value = {val.value}", flush=True)

if __name__ == "__main__":
    if sys.argv[1] != "default":
        multiprocessing.set_start_method(sys.argv[1])
    limit = float(sys.argv[2])
    value = Value("i", 100)
    events = [Event() for _ in range(3)]
    t1 = Thread(target=foo, args=(value, *events, limit))
    t2 = Thread(target=bar, args=(value, *events, limit))
    t1.start()
    t2.start()
    t1.join(limit)
    t2.join(limit)
    print("In main: value =", value.value)
'''


def notes_foo_bar_program(kind):
    """The notes' foo/bar program for ``kind``: "threads", "processes" or "multiprocessing.Value"."""
    value_class = "" if kind == "multiprocessing.Value" else _HOME_MADE_VALUE
    return "import multiprocessing, sys\n" + _FOO_BAR_IMPORTS[kind] + "\n" + value_class + _FOO_BAR_BODY

"""A change one thread makes to shared data is seen by the other threads of its process and by the main thread."""
import queue
import re
import sys
import threading

from claimspec import LONG, SHORT, Claim, join_threads, run_python
from claimspec.notebook import notebook_test
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="Process vs Thread",
    notes=(
        "Global data structures are visible to all threads: in the notes' thread example bar "
        "reads 100, foo sets the shared object's value to 1234, bar then reads 1234 and so does "
        "the main thread."
    ),
    verdict="holds",
    truth=(
        "Threads of one process share every object, module-level variables included: a write by "
        "one thread is seen by the others. The notes' thread program, run on its own, prints the "
        "transcript's values; only the thread names differ: Thread-1 and Thread-2 in a fresh "
        "interpreter, followed by the target's name from 3.10 on ('Thread-1 (foo)'); the "
        "transcript's Thread-6 and Thread-7 come from a notebook that had already started threads. "
        "Seen in a notebook: a fresh kernel already runs threads of its own, so the cell's program "
        "prints the same values with threads numbered above 1."
    ),
    line=1471,
)


def test_a_write_by_one_thread_is_seen_by_a_sibling_thread_and_the_main_thread():
    """A write by one thread to a shared object is seen by a sibling thread and the main thread"""
    # Red on a runtime that gave each thread its own copy of its arguments.
    box = targets.PlainBox(100)
    written, read_first = threading.Event(), threading.Event()
    report = queue.Queue()
    reader = threading.Thread(target=targets.read_box_after, args=(box, written, report, SHORT, read_first))
    writer = threading.Thread(target=targets.write_box, args=(box, 1234, written, report, read_first, SHORT))
    reader.start()
    writer.start()
    join_threads([writer, reader], SHORT)
    seen = targets.drain(report, 5, SHORT)
    assert seen == {
        "reader before": 100,
        "writer before": 100,
        "writer after": 1234,
        "writer signalled": True,
        "reader after": 1234,
    }
    assert box.value == 1234


def test_a_module_global_rebound_by_a_thread_is_seen_by_the_main_thread_and_a_sibling():
    """A module-level variable rebound by one thread is seen by a sibling thread and the main thread"""
    # Red on a runtime with thread-local module globals.
    written = threading.Event()
    report = queue.Queue()
    before = targets.GLOBAL
    try:
        writer = threading.Thread(target=targets.set_global_and_report, args=("set by a thread", written, report))
        reader = threading.Thread(target=targets.read_global_after, args=(written, report, SHORT))
        reader.start()
        writer.start()
        join_threads([writer, reader], SHORT)
        seen = targets.drain(report, 3, SHORT)
        assert seen["reader after"] == "set by a thread"
        assert targets.GLOBAL == "set by a thread"
    finally:
        targets.GLOBAL = before


def test_the_notes_thread_program_prints_the_transcript_values_with_fresh_thread_names():
    """The notes' thread program prints 100, 100, 1234, 1234, 1234; from 3.10 a thread's name adds its target"""
    # Red if bar or main missed foo's write (threads with copied data), or if the names
    # were not the version's default names.
    # its threads' waits are for each other, normally over at once: bounded by SHORT (reached only
    # on failure, e.g. thread bodies run in copies of the program, where each would wait it out)
    ran = run_python(targets.notes_foo_bar_program("threads"), "default", str(SHORT)).assert_ok()
    foo, bar = ("Thread-1 (foo)", "Thread-2 (bar)") if sys.version_info >= (3, 10) else ("Thread-1", "Thread-2")
    assert ran.stdout.splitlines() == [
        f"In foo[{foo}]: value = 100",
        f"In bar[{bar}]: value = 100",
        f"In foo[{foo}]: value is set to 1234",
        f"In bar[{bar}]: value = 1234",
        "In main: value = 1234",
    ], ran.describe()


@notebook_test
def test_in_a_notebook_the_thread_program_prints_the_same_values_with_threads_numbered_above_one(kernel):
    """In a fresh notebook kernel the thread program prints the same values, its threads numbered above 1"""
    # Red on a kernel that gave each thread copies (values differ) or started no threads of its
    # own before the cell (names Thread-1 and Thread-2, as in a script).
    program = targets.notes_foo_bar_program("threads")
    cell = kernel.run(program.replace("sys.argv[1]", "'default'").replace("sys.argv[2]", repr(str(LONG / 2))))
    assert cell.error is None, cell.describe()
    lines = cell.stdout.splitlines()
    numbers = [int(n) for n in re.findall(r"\[Thread-(\d+)", cell.stdout)]
    assert len(numbers) == 4 and min(numbers) > 1, cell.describe()
    values = [line.split("]: ", 1)[-1] if "]: " in line else line for line in lines]
    assert values == ["value = 100", "value = 100", "value is set to 1234", "value = 1234",
                      "In main: value = 1234"], cell.describe()

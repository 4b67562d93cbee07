"""A change one thread makes to shared data is seen by the other threads and the main thread."""
import queue
import threading

from claimspec import SHORT, Claim, join_threads
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="Process vs Thread",
    notes=(
        "Global data is visible to every thread: in the notes' thread example, bar reads 100, "
        "foo sets the shared object's value to 1234, bar then reads 1234 and so does the main thread."
    ),
    verdict="holds",
)


def test_a_write_by_one_thread_is_seen_by_a_sibling_thread_and_the_main_thread():
    # The notes' program, with events in place of its sleeps: foo writes, bar reads after.
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

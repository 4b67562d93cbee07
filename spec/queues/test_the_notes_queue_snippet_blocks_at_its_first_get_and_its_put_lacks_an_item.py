"""The notes' list of queue.Queue calls names the real API, but run as a program it waits forever at its first get() and its put() without an item is a TypeError."""
import queue

import pytest

from claimspec import SETTLE, SHORT, Claim, finish, start_call, stays_blocked

CLAIM = Claim(
    section="Inbuilt- Queue",
    notes=(
        "A cell lists the queue.Queue calls: make a Queue, get(), put(), get(timeout=10) or "
        "get(block=False), join() and task_done()."
    ),
    verdict="notes-wrong",
    truth=(
        "Run as written, the cell fails: it hangs at its first call, and the put() after it is a "
        "TypeError. (The rule for a code cell, here and for every cell of the notes, such as the "
        "Lock cell: it is judged as written; a cell that, run as written, fails to compile, "
        "raises or hangs is notes-wrong, whatever the parts of it that are right.) Every call named exists with that meaning on Python 3 (`from queue import Queue` is the "
        "Python 3 module name). Top to bottom, it never gets past its first call: get() "
        "on an empty Queue without a timeout waits forever. Had it got past it, put() without an "
        "item raises TypeError, get(timeout=10) on the empty queue raises queue.Empty after ten "
        "seconds, get(block=False) raises queue.Empty at once, and task_done() with no unfinished "
        "item raises ValueError. What join() and task_done() mean is judged in "
        "test_queue_join_waits_for_task_done_calls_not_for_gets."
    ),
    line=1286,
)


def test_the_first_get_on_an_empty_queue_waits_until_another_thread_puts_an_item():
    """On an empty `queue.Queue` `get()` with no timeout stays blocked until another thread puts an item"""
    # Red on a runtime whose get() returned None or raised queue.Empty on an empty queue.
    q = queue.Queue()
    pending = stays_blocked(q.get)  # nothing would ever put: the cell waits here forever
    q.put("unblock")
    assert finish(pending, SHORT) == "unblock"


def test_put_without_an_item_is_a_type_error():
    """A `put()` without an item raises `TypeError` and leaves the `queue.Queue` empty"""
    q = queue.Queue()
    with pytest.raises(TypeError):
        q.put()
    assert q.qsize() == 0


def test_the_two_get_variants_of_the_cell_raise_queue_empty_on_an_empty_queue():
    """On an empty `queue.Queue` `get(timeout=...)` and `get(block=False)` raise `queue.Empty`"""
    q = queue.Queue()
    for call in (lambda: q.get(timeout=SETTLE), lambda: q.get(block=False)):
        pending = start_call(call)
        with pytest.raises(queue.Empty):
            finish(pending, SHORT)


def test_the_cells_last_call_task_done_raises_value_error_with_no_unfinished_item():
    """On a `queue.Queue` with no unfinished item `task_done()` raises `ValueError`"""
    with pytest.raises(ValueError, match="too many times"):
        queue.Queue().task_done()

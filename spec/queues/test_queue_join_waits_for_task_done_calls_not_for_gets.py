"""`Queue.join` returns once `task_done()` has been called once for every item put, whether or not the items were taken."""
import queue
import sys

import pytest

from claimspec import SETTLE, SHORT, Claim, cpython_only, finish, runtime, start_call, stays_blocked

CLAIM = Claim(
    section="Inbuilt- Queue",
    notes=(
        "Code comments: join() waits for an element to be picked up, and a consumer calls "
        "task_done() to tell a producer waiting for this value that it has been consumed."
    ),
    verdict="notes-wrong",
    truth=(
        "join() waits for a count, not for a pick-up: it returns when task_done() has been called "
        "once for every item ever put. Taking items with get() does not release it; task_done() is "
        "not tied to any particular item (a producer cannot wait for its own value this way); "
        "one task_done() too many raises ValueError. From 3.13, Queue.shutdown(immediate=True) "
        "also ends the wait: it drops the items still queued and counts each as done (3.9-3.12 "
        "have no shutdown)."
    ),
    line=1299,
)

SHUTDOWN_CAME_IN_3_13 = "queue.Queue.shutdown came in 3.13 (" + runtime.on_cpython(13) + ")"


def test_join_on_a_queue_that_never_held_an_item_returns_at_once():
    """On a `queue.Queue` that never held an item `join()` returns at once"""
    q = queue.Queue()
    assert finish(start_call(q.join), timeout=SHORT) is None  # no unfinished tasks: returns at once


def test_join_still_blocks_after_every_item_has_been_taken():
    """After every item was taken with `get()`, `join()` blocks until `task_done()` is called for each"""
    # Red on a join() that waited for the queue to be empty (checked by patching join to wait on empty()).
    q = queue.Queue()
    for item in ("a", "b"):
        q.put(item)
    assert [q.get(timeout=SHORT), q.get(timeout=SHORT)] == ["a", "b"]
    assert q.empty()
    pending = stays_blocked(q.join)  # everything was picked up, yet join waits
    q.task_done()
    q.task_done()
    finish(pending)


def test_join_returns_only_after_one_task_done_for_each_item_put():
    """With two items put, one `task_done()` leaves `join()` blocked; the second releases it"""
    q = queue.Queue()
    for item in ("a", "b"):
        q.put(item)
    q.get(timeout=SHORT)
    q.get(timeout=SHORT)
    pending = stays_blocked(q.join)
    q.task_done()
    assert not pending.finished.wait(SETTLE), "join returned with one item still unfinished"
    q.task_done()
    finish(pending)


def test_task_done_counts_items_without_knowing_which_one_was_consumed():
    """A `task_done()` releases `join()` though no item was taken: it counts, it knows no item"""
    q = queue.Queue()
    q.put("never taken")
    q.task_done()  # nobody called get(): join is released all the same
    assert finish(start_call(q.join), timeout=SHORT) is None
    assert q.qsize() == 1


def test_one_task_done_too_many_raises_value_error():
    """One `task_done()` more than items put raises `ValueError`"""
    q = queue.Queue()
    q.put("a")
    q.get(timeout=SHORT)
    q.task_done()
    with pytest.raises(ValueError, match="too many times"):
        q.task_done()


def test_task_done_on_a_queue_that_never_held_an_item_raises_value_error():
    """On a `queue.Queue` that never held an item `task_done()` raises `ValueError`"""
    with pytest.raises(ValueError):
        queue.Queue().task_done()


@cpython_only
def test_queue_shutdown_exists_from_3_13_on():
    """On CPython `queue.Queue.shutdown` and `queue.ShutDown` exist from 3.13 on, and not before"""
    # Red on a CPython whose version and queue API disagree with What's New in 3.13.
    has_it = hasattr(queue.Queue, "shutdown") and hasattr(queue, "ShutDown")
    assert has_it == (sys.version_info >= (3, 13))


@pytest.mark.skipif(not hasattr(queue.Queue, "shutdown"), reason=SHUTDOWN_CAME_IN_3_13)
def test_an_immediate_shutdown_counts_the_dropped_items_as_done_and_releases_join():
    """From 3.13 `shutdown(immediate=True)` drops the queued items, counts them done and releases `join()`"""
    # Red on a shutdown that left the dropped items unfinished (join would stay blocked).
    q = queue.Queue()
    for item in ("a", "b", "c"):
        q.put(item)
    assert q.get(timeout=SHORT) == "a"
    q.task_done()
    pending = stays_blocked(q.join)
    q.shutdown(immediate=True)
    assert finish(pending, SHORT) is None
    assert q.qsize() == 0 and q.unfinished_tasks == 0
    with pytest.raises(queue.ShutDown):
        q.get(block=False)
    with pytest.raises(queue.ShutDown):
        q.put("d")


@pytest.mark.skipif(not hasattr(queue.Queue, "shutdown"), reason=SHUTDOWN_CAME_IN_3_13)
def test_an_immediate_shutdown_leaves_join_waiting_for_an_item_taken_but_not_done():
    """From 3.13 `join()` still waits after `shutdown(immediate=True)` for an item taken but not marked done"""
    q = queue.Queue()
    q.put("a")
    q.put("b")
    assert q.get(timeout=SHORT) == "a"  # taken, no task_done() yet
    q.shutdown(immediate=True)
    assert q.unfinished_tasks == 1
    pending = stays_blocked(q.join)
    q.task_done()
    assert finish(pending, SHORT) is None

"""Queue.join returns once task_done() has been called once for every item put, whether or not the items were taken."""
import queue

import pytest

from claimspec import SETTLE, SHORT, Claim, finish, start_call, stays_blocked

CLAIM = Claim(
    section="Inbuilt- Queue",
    notes=(
        "join() waits for an element to be picked up, and a consumer calls task_done() to tell a "
        "producer waiting on join() that its value has been consumed."
    ),
    verdict="notes-wrong",
    truth=(
        "join() waits for a count, not for a pick-up: it returns when task_done() has been called "
        "once for every item ever put. Taking items with get() does not release it; task_done() is "
        "not tied to any particular item (a producer cannot wait for its own value this way); "
        "one task_done() too many raises ValueError."
    ),
)


def test_join_on_a_queue_that_never_held_an_item_returns_at_once():
    q = queue.Queue()
    assert finish(start_call(q.join), timeout=SHORT) is None  # no unfinished tasks: returns at once


def test_join_still_blocks_after_every_item_has_been_taken():
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
    q = queue.Queue()
    q.put("never taken")
    q.task_done()  # nobody called get(): join is released all the same
    assert finish(start_call(q.join), timeout=SHORT) is None
    assert q.qsize() == 1


def test_one_task_done_too_many_raises_value_error():
    q = queue.Queue()
    q.put("a")
    q.get(timeout=SHORT)
    q.task_done()
    with pytest.raises(ValueError, match="too many times"):
        q.task_done()


def test_task_done_on_a_queue_that_never_held_an_item_raises_value_error():
    with pytest.raises(ValueError):
        queue.Queue().task_done()

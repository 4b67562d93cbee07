"""A PriorityQueue works with any objects that can be ordered against each other; putting an object that cannot be compared with those already queued raises TypeError."""
import functools
import queue

import pytest

from claimspec import Claim

CLAIM = Claim(
    section="Builtin: PriorityQueue",
    notes="A PriorityQueue can hold any Python object that can be compared.",
    verdict="holds",
    truth=(
        "Items must support < against each other (any class defining the ordering works). The "
        "TypeError comes from the put that first has to compare two unorderable items, not from the "
        "first put; and that failed put leaves its item inside the queue (qsize counts it) while "
        "the unfinished-task count behind join() does not (CPython 3.9-3.13 and PyPy 3.9)."
    ),
)


@functools.total_ordering
class Job:
    def __init__(self, cost):
        self.cost = cost

    def __eq__(self, other):
        return self.cost == other.cost

    def __lt__(self, other):
        return self.cost < other.cost


def test_objects_of_a_class_that_defines_an_ordering_come_out_sorted():
    q = queue.PriorityQueue()
    for cost in (3, 1, 2):
        q.put(Job(cost))
    assert [q.get_nowait().cost for _ in range(3)] == [1, 2, 3]


def test_a_single_uncomparable_item_is_accepted_because_nothing_is_compared_yet():
    q = queue.PriorityQueue()
    alone = object()
    q.put(alone)
    assert q.get_nowait() is alone


def test_a_second_item_that_cannot_be_ordered_makes_its_put_raise_type_error():
    q = queue.PriorityQueue()
    q.put(object())
    with pytest.raises(TypeError, match="'<' not supported"):
        q.put(object())


def test_items_of_unrelated_types_cannot_share_a_priority_queue():
    q = queue.PriorityQueue()
    q.put(1)
    with pytest.raises(TypeError):
        q.put("1")


def test_a_put_that_raised_type_error_still_left_its_item_in_the_queue():
    q = queue.PriorityQueue()
    q.put(object())
    with pytest.raises(TypeError):
        q.put(object())
    assert q.qsize() == 2, "the failed put was rolled back"
    assert q.unfinished_tasks == 1, "join() counts only the put that succeeded"

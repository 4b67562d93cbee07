"""A `queue.PriorityQueue` takes any objects that can be ordered against each other; a put that has to compare two that cannot raises `TypeError` and still leaves its item queued."""
import functools
import queue

import pytest

from claimspec import Claim

CLAIM = Claim(
    section="Builtin: PriorityQueue",
    notes="A PriorityQueue can hold any Python object that can be compared.",
    verdict="partly",
    truth=(
        "Right as far as it goes, but comparable means comparable with each other: 1 and '1' "
        "are each comparable, yet cannot share a queue. Items must support < against each other "
        "(any class defining the ordering works). The "
        "TypeError comes from the put that first has to compare two unorderable items, not from the "
        "first put; and that failed put leaves its item inside the queue (qsize counts it) while "
        "the unfinished-task count behind join() does not (CPython 3.9-3.13 and PyPy 3.9)."
    ),
    line=1349,
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
    """Objects of a class that defines `__lt__` come out of a `queue.PriorityQueue` in their order"""
    q = queue.PriorityQueue()
    for cost in (3, 1, 2):
        q.put(Job(cost))
    assert [q.get_nowait().cost for _ in range(3)] == [1, 2, 3]


def test_a_single_uncomparable_item_is_accepted_because_nothing_is_compared_yet():
    """A lone `object()` is accepted, because a first put compares nothing"""
    q = queue.PriorityQueue()
    alone = object()
    q.put(alone)
    assert q.get_nowait() is alone


def test_a_second_item_that_cannot_be_ordered_makes_its_put_raise_type_error():
    """A second `object()` makes its put raise `TypeError`: '<' not supported"""
    q = queue.PriorityQueue()
    q.put(object())
    with pytest.raises(TypeError, match="'<' not supported"):
        q.put(object())


def test_items_of_unrelated_types_cannot_share_a_priority_queue():
    """Each of 1 and '1' is comparable, but a put of '1' after 1 raises `TypeError`"""
    q = queue.PriorityQueue()
    q.put(1)
    with pytest.raises(TypeError):
        q.put("1")


def test_a_put_that_raised_type_error_still_left_its_item_in_the_queue():
    """A put that raised `TypeError` left its item in the queue (`qsize` 2) but not in `unfinished_tasks`"""
    q = queue.PriorityQueue()
    q.put(object())
    with pytest.raises(TypeError):
        q.put(object())
    assert q.qsize() == 2, "the failed put was rolled back"
    assert q.unfinished_tasks == 1, "join() counts only the put that succeeded"

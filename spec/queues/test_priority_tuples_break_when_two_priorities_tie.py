"""Wrapping items as `(priority, item)` orders uncomparable items only while priorities differ: a tie compares the items and raises TypeError; a tie-breaking counter or a dataclass that leaves the item out of comparison fixes it."""
import itertools
import queue
from dataclasses import dataclass, field
from typing import Any

import pytest

from claimspec import Claim
from spec.queues.queue_probes import drain

CLAIM = Claim(
    section="Builtin: PriorityQueue",
    notes="To queue an object that cannot be compared, wrap it in a tuple with a priority value: (1, object).",
    verdict="partly",
    truth=(
        "It works while the priorities differ: (priority, object) tuples then come out by "
        "priority and the objects are never compared. But tuples compare element by element, so "
        "when two priorities are equal the objects themselves are compared and the put raises "
        "TypeError: the notes' single (1, object) is fine alone, and fails as soon as a second "
        "item has priority 1. Even with comparable objects, ties come out in the objects' order, "
        "not arrival order. The standard fixes work: (priority, counter, item) with an "
        "increasing counter (ties in arrival order), or a dataclass(order=True) whose item field "
        "has compare=False, as the queue module docs show; the dataclass alone gives equal "
        "priorities in no particular order (the heap's, not arrival order: eight ties put as "
        "0..7 came out as 0, 2, 6, 5, 7, 4, 1, 3 on CPython 3.11 and PyPy 3.9), so only the "
        "counter keeps them first in, first out."
    ),
    line=1350,
)


class Payload:
    """An object without an ordering, like the notes' `object`."""

    def __init__(self, name):
        self.name = name


def test_distinct_priorities_order_uncomparable_items_by_priority():
    """With distinct priorities, `(priority, item)` tuples of uncomparable items come out by priority"""
    q = queue.PriorityQueue()
    for priority in (3, 1, 2):
        q.put((priority, Payload(f"p{priority}")))
    assert [item.name for _, item in drain(q)] == ["p1", "p2", "p3"]


def test_two_equal_priorities_compare_the_items_and_raise_type_error():
    """Two items wrapped as `(1, item)`, as in the notes, make the second put raise `TypeError`"""
    # Red on a tuple comparison that stopped at the first element, or a PriorityQueue that compared nothing.
    q = queue.PriorityQueue()
    q.put((1, Payload("a")))
    with pytest.raises(TypeError, match="'<' not supported"):
        q.put((1, Payload("b")))


def test_equal_priorities_with_comparable_items_come_out_in_item_order_not_arrival_order():
    """Ties between comparable items come out in the items' order, not in arrival order"""
    q = queue.PriorityQueue()
    for name in ("b", "c", "a"):
        q.put((1, name))
    assert [name for _, name in drain(q)] == ["a", "b", "c"]


def test_a_counter_between_priority_and_item_breaks_ties_in_arrival_order():
    """`(priority, next(counter), item)` accepts ties and gives them in arrival order"""
    q = queue.PriorityQueue()
    counter = itertools.count()
    for priority, name in ((2, "x"), (1, "first one"), (1, "second one"), (1, "third one")):
        q.put((priority, next(counter), Payload(name)))
    assert [item.name for _, _, item in drain(q)] == ["first one", "second one", "third one", "x"]


@dataclass(order=True)
class Prioritized:
    priority: int
    item: Any = field(compare=False)


def test_a_dataclass_that_leaves_the_item_out_of_comparison_accepts_ties():
    """A `dataclass(order=True)` whose item field has `compare=False` accepts ties"""
    q = queue.PriorityQueue()
    for priority, name in ((2, "x"), (1, "a"), (1, "b"), (0, "z")):
        q.put(Prioritized(priority, Payload(name)))
    out = drain(q)
    assert [entry.priority for entry in out] == [0, 1, 1, 2]
    assert {entry.item.name for entry in out[1:3]} == {"a", "b"}
    assert (out[0].item.name, out[3].item.name) == ("z", "x")


def test_with_the_dataclass_alone_equal_priorities_come_out_in_no_particular_order():
    """Eight equal-priority `dataclass(order=True)` items, put in arrival order, all come out, but not in arrival order"""
    # The heap gives no order among ties. Red on a PriorityQueue that kept ties first in, first
    # out (a stable priority queue), which would make the counter needless.
    q = queue.PriorityQueue()
    arrival = list(range(8))
    for n in arrival:
        q.put(Prioritized(1, n))
    out = [entry.item for entry in drain(q)]
    assert sorted(out) == arrival
    assert out != arrival, "ties came out first in, first out"

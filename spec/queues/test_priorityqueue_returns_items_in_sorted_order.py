"""`queue.PriorityQueue` hands out items in sorted order, whatever order they were put in: each get returns the smallest item present."""
import heapq
import queue

from hypothesis import given, settings
from hypothesis import strategies as st

from claimspec import Claim
from spec.queues.queue_probes import drain

CLAIM = Claim(
    section="Builtin: PriorityQueue",
    notes="Elements can be pushed into a PriorityQueue in any order, and it returns them in sorted order.",
    verdict="holds",
    truth=(
        "Each get() returns the smallest item in the queue at that moment, so items put before "
        "the gets come out as sorted(items); gets mixed with puts each return the smallest of "
        "what is there then."
    ),
    line=1348,
)

SETTINGS = settings(max_examples=60, deadline=None)

comparable_lists = st.one_of(
    st.lists(st.integers()),
    st.lists(st.floats(allow_nan=False)),
    st.lists(st.text(max_size=5)),
    st.lists(st.tuples(st.integers(0, 3), st.text(max_size=3))),
)


@SETTINGS
@given(comparable_lists)
def test_any_list_of_mutually_comparable_items_comes_out_as_sorted_items(items):
    """Items put into a `queue.PriorityQueue` in any order come out as `sorted(items)`"""
    # Red on a PriorityQueue that behaved as a FIFO queue.Queue (checked by swapping one in).
    q = queue.PriorityQueue()
    for item in items:
        q.put(item)
    assert drain(q) == sorted(items)


@SETTINGS
@given(st.lists(st.one_of(st.integers(-50, 50), st.none()), max_size=40))
def test_each_get_returns_the_smallest_item_present_at_that_moment(operations):
    """With puts and gets mixed, each `get` returns the smallest item in the queue at that moment"""
    # An integer is a put of that integer; None is a get (when the queue is not empty).
    q, model = queue.PriorityQueue(), []
    for op in operations:
        if op is not None:
            q.put(op)
            heapq.heappush(model, op)
        elif model:
            assert q.get_nowait() == heapq.heappop(model)
    assert drain(q) == sorted(model)

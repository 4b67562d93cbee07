"""queue.PriorityQueue hands out items in sorted order, whatever order they were put in; the notes' string inputs come out sorted as strings, exactly as the notes print them."""
import heapq
import queue

from hypothesis import given, settings
from hypothesis import strategies as st

from claimspec import Claim

CLAIM = Claim(
    section="Builtin: PriorityQueue",
    notes=(
        "Items can be pushed into a PriorityQueue in any order and come back sorted; the example "
        "puts ten typed-in values into a PriorityQueue(10) and prints them back in sorted order."
    ),
    verdict="holds",
    truth=(
        "Each get() returns the smallest item in the queue at that moment, so items put before the "
        "gets come out as sorted(items). input() returns strings, which sort character by "
        "character: '2123' before '23', as the notes' transcript shows; the commented-out "
        "(len(value), value) key gives numeric order for those inputs."
    ),
)

# The values typed into the notes' example, in the order typed, and the order it printed.
TYPED = ["10", "23", "124", "434", "123", "2123", "3213", "123", "123", "123"]
PRINTED = ["10", "123", "123", "123", "123", "124", "2123", "23", "3213", "434"]

SETTINGS = settings(max_examples=60, deadline=None)


def drain(q):
    out = []
    while not q.empty():
        out.append(q.get_nowait())
    return out


def test_the_notes_inputs_come_out_in_exactly_the_order_the_notes_print():
    q = queue.PriorityQueue(10)
    for value in TYPED:
        q.put(value)
    assert q.full(), "ten inputs fill a PriorityQueue(10)"
    assert drain(q) == PRINTED


def test_strings_sort_character_by_character_not_by_their_numeric_value():
    assert PRINTED == sorted(TYPED)
    assert PRINTED != sorted(TYPED, key=int)
    assert PRINTED.index("2123") < PRINTED.index("23")


def test_the_commented_out_length_first_key_puts_these_inputs_in_numeric_order():
    q = queue.PriorityQueue(10)
    for value in TYPED:
        q.put((len(value), value))
    assert [value for _, value in drain(q)] == sorted(TYPED, key=int)


comparable_lists = st.one_of(
    st.lists(st.integers()),
    st.lists(st.floats(allow_nan=False)),
    st.lists(st.text(max_size=5)),
    st.lists(st.tuples(st.integers(0, 3), st.text(max_size=3))),
)


@SETTINGS
@given(comparable_lists)
def test_any_list_of_mutually_comparable_items_comes_out_as_sorted_items(items):
    q = queue.PriorityQueue()
    for item in items:
        q.put(item)
    assert drain(q) == sorted(items)


@SETTINGS
@given(st.lists(st.one_of(st.integers(-50, 50), st.none()), max_size=40))
def test_each_get_returns_the_smallest_item_present_at_that_moment(operations):
    # An integer is a put of that integer; None is a get (when the queue is not empty).
    q, model = queue.PriorityQueue(), []
    for op in operations:
        if op is not None:
            q.put(op)
            heapq.heappush(model, op)
        elif model:
            smallest = min(model)
            heapq.heappop(model)
            assert q.get_nowait() == smallest
    assert drain(q) == sorted(model)

"""`queue.LifoQueue` is a stack (the newest item comes out first) whose get and put block and time out like Queue's, which a list used as a stack cannot do."""
import queue

import pytest

from claimspec import SETTLE, Claim, blocks_until

CLAIM = Claim(
    section="Builtin: LifoQueue",
    notes="LifoQueue is a stack that can block; without the need to block, a list serves as a stack.",
    verdict="holds",
    truth=(
        "LifoQueue returns the most recently put item first, in the order list.append/list.pop give; "
        "its get blocks on an empty stack (or raises queue.Empty after a timeout) and a bounded "
        "one blocks put when full, where list.pop() on an empty list raises IndexError at once. (A list needs no lock for one append "
        "or pop at a time, but cannot wait for an item.)"
    ),
    line=1345,
)


def test_a_lifoqueue_returns_the_newest_item_first():
    """A `queue.LifoQueue` hands out the item put last first"""
    # Red on a LifoQueue that behaved as a FIFO queue.Queue (checked by swapping one in).
    stack = queue.LifoQueue()
    for item in range(1, 6):
        stack.put(item)
    assert [stack.get_nowait() for _ in range(5)] == [5, 4, 3, 2, 1]


@pytest.mark.parametrize(
    "operations",
    [["p1", "p2", "g", "p3", "g", "g"], ["p1", "g", "p2", "p3", "p4", "g", "p5", "g", "g", "g"]],
    ids=["short mix", "long mix"],
)
def test_a_lifoqueue_gives_the_same_order_as_a_list_used_as_a_stack(operations):
    """A `queue.LifoQueue` gives items in the order `list.append` and `list.pop` give them"""
    stack, as_list = queue.LifoQueue(), []
    from_stack, from_list = [], []
    for op in operations:
        if op == "g":
            from_stack.append(stack.get_nowait())
            from_list.append(as_list.pop())
        else:
            stack.put(op[1:])
            as_list.append(op[1:])
    assert from_stack == from_list


def test_get_on_an_empty_lifoqueue_blocks_until_an_item_is_put_where_a_list_raises():
    """On an empty `queue.LifoQueue` `get()` blocks until a put, where `list.pop()` raises `IndexError`"""
    stack = queue.LifoQueue()
    assert blocks_until(stack.get, lambda: stack.put("item")) == "item"
    with pytest.raises(IndexError):
        [].pop()


def test_get_with_a_timeout_on_an_empty_lifoqueue_raises_empty():
    """On an empty `queue.LifoQueue` `get(timeout=...)` raises `queue.Empty`"""
    with pytest.raises(queue.Empty):
        queue.LifoQueue().get(timeout=SETTLE)


def test_put_on_a_full_lifoqueue_blocks_until_an_item_is_taken():
    """On a full `queue.LifoQueue(maxsize=2)` `put()` blocks until the top item is taken"""
    stack = queue.LifoQueue(maxsize=2)
    stack.put("bottom")
    stack.put("top")
    taken = []
    blocks_until(lambda: stack.put("new top"), lambda: taken.append(stack.get()))
    assert taken == ["top"]
    assert [stack.get_nowait(), stack.get_nowait()] == ["new top", "bottom"]

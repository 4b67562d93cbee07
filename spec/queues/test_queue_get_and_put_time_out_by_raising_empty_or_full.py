"""`queue.Queue` get and put block, give up after their timeout with `queue.Empty` or `queue.Full`, and fail at once when told not to block."""
import queue
import time

import pytest

from claimspec import LONG, SETTLE, SHORT, Claim, blocks_until, finish, start_call

CLAIM = Claim(
    section="Inbuilt- Queue",
    notes=(
        "queue.Queue methods take timeouts, and running out of time raises an exception: "
        "get(timeout=...) or get(block=False) on an empty queue raise instead of waiting forever."
    ),
    verdict="holds",
    truth=(
        "get(timeout=t) raises queue.Empty no sooner than t seconds; get(block=False) raises it at once; "
        "on a bounded queue that is full, put blocks, put(timeout=t) raises queue.Full after t and "
        "put(block=False) at once; a negative timeout is a ValueError."
    ),
    line=1283,
)


def timed(call):
    """Run call() in a helper thread (a broken timeout cannot hang the test); return (error, seconds)."""

    def measured():
        started = time.monotonic()
        try:
            call()
        except Exception as exc:  # the exception is the outcome under test
            return exc, time.monotonic() - started
        return None, time.monotonic() - started

    return finish(start_call(measured), timeout=SHORT + SETTLE)


def test_get_with_a_timeout_on_an_empty_queue_raises_empty_once_the_timeout_has_passed():
    """On an empty `queue.Queue` `get(timeout=t)` raises `queue.Empty`, no sooner than t seconds"""
    # Red on a runtime whose get ignored the timeout (hangs: the helper call gives up) or returned None.
    q = queue.Queue()
    error, seconds = timed(lambda: q.get(timeout=SETTLE))
    assert isinstance(error, queue.Empty)
    assert SETTLE <= seconds < SETTLE + SHORT


def test_get_without_blocking_on_an_empty_queue_raises_empty_at_once():
    """On an empty `queue.Queue` `get(block=False)`, `get_nowait()` and `get(False, timeout)` raise at once"""
    q = queue.Queue()
    for call in (lambda: q.get(block=False), q.get_nowait, lambda: q.get(False, LONG)):
        error, seconds = timed(call)
        assert isinstance(error, queue.Empty)
        assert seconds < SHORT  # a call that blocked would wait out LONG


def test_get_with_a_timeout_returns_an_item_that_arrives_before_the_timeout():
    """A `get(timeout=...)` returns an item put by another thread before the timeout runs out"""
    q = queue.Queue()
    assert blocks_until(lambda: q.get(timeout=LONG), lambda: q.put("item")) == "item"


def test_get_without_a_timeout_blocks_until_an_item_is_put():
    """A `get()` without a timeout blocks until another thread puts an item"""
    q = queue.Queue()
    assert blocks_until(q.get, lambda: q.put("item")) == "item"


def test_put_on_a_full_bounded_queue_blocks_until_a_consumer_takes_an_item():
    """On a full `queue.Queue(maxsize=1)` `put()` blocks until a consumer takes an item"""
    q = queue.Queue(maxsize=1)
    q.put("first")
    taken = []
    blocks_until(lambda: q.put("second"), lambda: taken.append(q.get()))
    assert taken == ["first"]
    assert q.get_nowait() == "second"


def test_put_with_a_timeout_on_a_full_queue_raises_full_once_the_timeout_has_passed():
    """On a full `queue.Queue` `put(item, timeout=t)` raises `queue.Full` after t seconds, adding nothing"""
    q = queue.Queue(maxsize=1)
    q.put("first")
    error, seconds = timed(lambda: q.put("second", timeout=SETTLE))
    assert isinstance(error, queue.Full)
    assert SETTLE <= seconds < SETTLE + SHORT
    assert q.qsize() == 1


def test_put_without_blocking_on_a_full_queue_raises_full_at_once():
    """On a full `queue.Queue` `put(item, block=False)` and `put_nowait(item)` raise `queue.Full` at once"""
    q = queue.Queue(maxsize=1)
    q.put("first")
    for call in (lambda: q.put("x", block=False), lambda: q.put_nowait("x")):
        error, seconds = timed(call)
        assert isinstance(error, queue.Full)
        assert seconds < SHORT  # a call that blocked would wait out LONG


def test_a_queue_without_a_maxsize_never_blocks_a_put():
    """A `queue.Queue()` without a maxsize takes 10,000 `put_nowait` calls and is never full"""
    q = queue.Queue()
    for i in range(10_000):
        q.put_nowait(i)
    assert q.qsize() == 10_000 and not q.full()


@pytest.mark.parametrize("method", ["get", "put"])
def test_a_negative_timeout_is_a_value_error(method):
    """A negative timeout given to get or put raises `ValueError`"""
    q = queue.Queue(maxsize=1)
    q.put("first")
    call = q.get if method == "get" else (lambda timeout: q.put("second", timeout=timeout))
    with pytest.raises(ValueError, match="non-negative"):
        call(timeout=-1)

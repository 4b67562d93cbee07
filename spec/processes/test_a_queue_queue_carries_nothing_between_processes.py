"""A queue.Queue carries nothing between processes; a multiprocessing.Queue does."""
import multiprocessing
import pickle
import queue

import pytest

from claimspec import LONG, SETTLE, Claim, requires_start_method
from claimspec.runtime import IS_PYPY
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="Data sharing between process: Value",
    notes=(
        "Between processes, pass data through the queues of the multiprocessing module, "
        "not through the thread-safe queue of the threading world (queue.Queue)."
    ),
    verdict="holds",
    truth=(
        "How a queue.Queue fails depends on the start method: spawn and forkserver refuse to send "
        "it (its locks cannot be pickled: TypeError on CPython, PicklingError on PyPy); under fork the child puts on its own copy and "
        "the parent never receives the item. A multiprocessing.Queue carries items both ways under "
        "every start method."
    ),
)


@pytest.mark.parametrize(
    "start_method",
    [pytest.param(m, id=m, marks=requires_start_method(m)) for m in ("spawn", "forkserver")],
)
def test_a_queue_queue_cannot_be_sent_to_a_spawn_or_forkserver_child(start_method):
    ctx = multiprocessing.get_context(start_method)
    child = ctx.Process(target=targets.put_item, args=(queue.Queue(), "hello"))
    # CPython refuses with TypeError; PyPy 3.9 with pickle.PicklingError.
    with pytest.raises(pickle.PicklingError if IS_PYPY else TypeError):
        child.start()
    assert not child.is_alive()


@requires_start_method("fork")
def test_an_item_a_fork_child_puts_on_a_queue_queue_never_reaches_the_parent():
    ctx = multiprocessing.get_context("fork")
    q = queue.Queue()
    child = ctx.Process(target=targets.put_item, args=(q, "hello"))
    assert targets.run_to_end([child], LONG) == [0]
    with pytest.raises(queue.Empty):
        q.get(timeout=SETTLE)


def test_a_multiprocessing_queue_carries_items_to_a_child_and_back(mp_context):
    inbox, outbox = mp_context.Queue(), mp_context.Queue()
    child = mp_context.Process(target=targets.echo_doubled, args=(inbox, outbox, LONG))
    child.start()
    try:
        inbox.put(21)
        assert outbox.get(timeout=LONG) == 42
    finally:
        assert targets.join_all([child], LONG) == [0]
        inbox.close()  # stops the parent's feeder thread now, not when the queue is collected
        inbox.join_thread()

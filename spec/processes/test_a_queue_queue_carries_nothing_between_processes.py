"""A queue.Queue carries nothing between processes; a multiprocessing.Queue carries items both ways under every start method."""
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
        "Between processes use the queues of the multiprocessing module, not those of the "
        "threading module."
    ),
    verdict="holds",
    truth=(
        "The threads' queue is queue.Queue (module queue; threading has none), and it carries "
        "nothing between processes. Spawn and forkserver refuse to send it (its locks cannot be "
        "pickled: TypeError on CPython, PicklingError on PyPy); under fork the child puts on its "
        "own copy and the parent never receives the item. A multiprocessing.Queue carries items "
        "both ways under every start method. (The sync half of the same sentence: "
        "test_a_threading_lock_excludes_nothing_between_processes.)"
    ),
    line=1556,
)


@pytest.mark.parametrize(
    "start_method",
    [pytest.param(m, id=m, marks=requires_start_method(m)) for m in ("spawn", "forkserver")],
)
def test_a_queue_queue_cannot_be_sent_to_a_spawn_or_forkserver_child(start_method):
    """A `queue.Queue` given to a spawn or forkserver child makes start() raise"""
    # Red if a queue.Queue could be pickled (and so seem to travel).
    ctx = multiprocessing.get_context(start_method)
    child = ctx.Process(target=targets.put_item, args=(queue.Queue(), "hello"))
    # CPython refuses with TypeError; PyPy 3.9 with pickle.PicklingError.
    with pytest.raises(pickle.PicklingError if IS_PYPY else TypeError):
        child.start()
    assert not child.is_alive()


@requires_start_method("fork")
def test_an_item_a_fork_child_puts_on_a_queue_queue_never_reaches_the_parent():
    """An item a fork child puts on a `queue.Queue` never reaches the parent"""
    # Red if a queue.Queue carried items between processes.
    ctx = multiprocessing.get_context("fork")
    q = queue.Queue()
    child = ctx.Process(target=targets.put_item, args=(q, "hello"))
    assert targets.run_to_end([child], LONG) == [0]
    with pytest.raises(queue.Empty):
        q.get(timeout=SETTLE)


def test_a_multiprocessing_queue_carries_items_to_a_child_and_back(mp_context):
    """A `multiprocessing.Queue` carries an item to a child and the child's answer back"""
    # Red with a multiprocessing.Queue that stayed in one process (the queue.Queue behaviour).
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

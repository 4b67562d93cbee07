"""A threading.Lock gives no exclusion between processes; a multiprocessing.Lock does."""
import multiprocessing
import pickle
import threading

import pytest

from claimspec import LONG, SETTLE, SHORT, Claim, requires_start_method
from claimspec.runtime import IS_PYPY
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="Data sharing between process: Value",
    notes=(
        "Between processes, synchronise with the locks of the multiprocessing module, "
        "not with those of threading."
    ),
    verdict="holds",
    truth=(
        "How a threading.Lock fails depends on the start method: spawn and forkserver refuse to "
        "send it to the child (it cannot be pickled: TypeError on CPython, PicklingError on PyPy); fork copies it silently, so each "
        "process locks its own copy and nothing is excluded, and a lock held at fork time stays "
        "held in the child for good. A multiprocessing.Lock excludes across processes under every "
        "start method."
    ),
)

_SPAWN_LIKE = [pytest.param(m, id=m, marks=requires_start_method(m)) for m in ("spawn", "forkserver")]


@pytest.mark.parametrize("start_method", _SPAWN_LIKE)
def test_a_threading_lock_cannot_be_sent_to_a_spawn_or_forkserver_child(start_method):
    ctx = multiprocessing.get_context(start_method)
    child = ctx.Process(target=targets.try_lock, args=(threading.Lock(), ctx.Queue(), SETTLE))
    # CPython refuses with TypeError; PyPy 3.9 with pickle.PicklingError.
    with pytest.raises(pickle.PicklingError if IS_PYPY else TypeError):
        child.start()
    assert not child.is_alive()


@requires_start_method("fork")
def test_a_threading_lock_held_by_a_fork_child_does_not_stop_the_parent():
    ctx = multiprocessing.get_context("fork")
    lock = threading.Lock()
    holding, release, report = ctx.Event(), ctx.Event(), ctx.Queue()
    child = ctx.Process(target=targets.hold_lock, args=(lock, holding, release, report, LONG))
    child.start()
    try:
        assert holding.wait(LONG), "the child never took the lock"
        assert lock.acquire(blocking=False), "the parent was excluded by the child's lock"
        lock.release()
    finally:
        release.set()
        assert targets.join_all([child], LONG) == [0]
    assert targets.drain(report, 2, SHORT) == {"child acquired": True, "told to release": True}


@requires_start_method("fork")
def test_a_threading_lock_held_at_fork_time_stays_held_in_the_child():
    ctx = multiprocessing.get_context("fork")
    lock = threading.Lock()
    report = ctx.Queue()
    child = ctx.Process(target=targets.try_lock, args=(lock, report, SETTLE))
    with lock:
        child.start()
    # The parent has released its lock; the child's copy was taken while it was held.
    assert targets.join_all([child], LONG) == [0]
    assert targets.drain(report, 1, SHORT) == {"child acquired": False}


def test_a_multiprocessing_lock_held_by_a_child_excludes_the_parent(mp_context):
    ctx = mp_context
    lock = ctx.Lock()
    holding, release, report = ctx.Event(), ctx.Event(), ctx.Queue()
    child = ctx.Process(target=targets.hold_lock, args=(lock, holding, release, report, LONG))
    child.start()
    try:
        assert holding.wait(LONG), "the child never took the lock"
        assert lock.acquire(timeout=SETTLE) is False, "the parent took a lock the child holds"
        release.set()
        assert lock.acquire(timeout=LONG), "the parent could not take the lock the child released"
        lock.release()
    finally:
        release.set()
        assert targets.join_all([child], LONG) == [0]
    assert targets.drain(report, 2, SHORT) == {"child acquired": True, "told to release": True}

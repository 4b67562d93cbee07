"""A threading.Lock excludes nothing between processes; a multiprocessing.Lock excludes under every start method."""
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
        "For synchronisation between processes use the sync mechanisms of the multiprocessing "
        "module, not those of the threading module."
    ),
    verdict="holds",
    truth=(
        "A threading.Lock cannot do the job under any start method. Spawn and forkserver refuse "
        "to send it to the child (it cannot be pickled: TypeError on CPython, PicklingError on "
        "PyPy); fork copies it silently, so each process locks its own copy and nothing is "
        "excluded, and a lock held at fork time stays held in the child for good. A "
        "multiprocessing.Lock excludes across processes under every start method. (The queue half "
        "of the same sentence: test_a_queue_queue_carries_nothing_between_processes.)"
    ),
    line=1556,
)

_SPAWN_LIKE = [pytest.param(m, id=m, marks=requires_start_method(m)) for m in ("spawn", "forkserver")]


@pytest.mark.parametrize("start_method", _SPAWN_LIKE)
def test_a_threading_lock_cannot_be_sent_to_a_spawn_or_forkserver_child(start_method):
    """A `threading.Lock` given to a spawn or forkserver child makes start() raise"""
    # Red if a threading.Lock could be pickled (and so seem to travel).
    ctx = multiprocessing.get_context(start_method)
    child = ctx.Process(target=targets.try_lock, args=(threading.Lock(), ctx.Queue(), SETTLE))
    # CPython refuses with TypeError; PyPy 3.9 with pickle.PicklingError.
    with pytest.raises(pickle.PicklingError if IS_PYPY else TypeError):
        child.start()
    assert not child.is_alive()


@requires_start_method("fork")
def test_a_threading_lock_held_by_a_fork_child_does_not_stop_the_parent():
    """A `threading.Lock` a fork child holds does not stop the parent from taking it"""
    # Red if a threading.Lock were a process-shared lock (as a multiprocessing.Lock is).
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
    """A `threading.Lock` held when the parent forks stays held in the child after the parent releases it"""
    # Red if fork reset copied locks (as CPython does only for its own internal ones).
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
    """A `multiprocessing.Lock` a child holds keeps the parent out until the child releases it"""
    # Red with a multiprocessing.Lock that is a per-process copy (the threading.Lock behaviour).
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

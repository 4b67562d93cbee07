"""`with lock:` holds the lock inside the block and releases it on the way out, even on an exception."""
import threading

import pytest

from claimspec import Claim
from spec.locks.lock_probes import free_for_another_thread

CLAIM = Claim(
    section="ThreadSync: Mutex",
    notes=(
        "Prefer `with lock:` to calling acquire() and release() by hand, because the with "
        "statement releases the lock even when the protected code raises."
    ),
    verdict="holds",
)

KINDS = pytest.mark.parametrize("make_lock", [threading.Lock, threading.RLock], ids=["Lock", "RLock"])


class Boom(Exception):
    pass


@KINDS
def test_another_thread_cannot_take_the_lock_inside_the_with_block(make_lock):
    lock = make_lock()
    with lock:
        assert free_for_another_thread(lock) is False
    assert free_for_another_thread(lock) is True


@KINDS
def test_the_lock_is_free_again_after_an_exception_leaves_the_block(make_lock):
    lock = make_lock()
    with pytest.raises(Boom):
        with lock:
            raise Boom()
    assert free_for_another_thread(lock) is True


@KINDS
def test_the_exception_still_propagates_out_of_the_with_block_unchanged(make_lock):
    lock = make_lock()
    error = Boom("from the critical section")
    with pytest.raises(Boom) as caught:
        with lock:
            raise error
    assert caught.value is error

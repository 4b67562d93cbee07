"""Importing BoundedSemaphore as Semaphore, as the notes suggest, breaks their own producer-consumer queue at the first put."""
import threading

import pytest

from claimspec import SETTLE, SHORT, Claim, call_within

CLAIM = Claim(
    section="ThreadSync: Semaphore",
    notes=(
        "A code cell imports Semaphore, then `from threading import BoundedSemaphore as "
        "Semaphore`, as the way to switch code to the bounded kind; the next cell builds a "
        "producer-consumer queue on Semaphore(0) and Semaphore(size)."
    ),
    verdict="notes-wrong",
    truth=(
        "The swap does not work as a way to switch this code to the bounded kind. The cell itself "
        "runs (it only imports, and binds the name Semaphore to BoundedSemaphore), but in the "
        "notebook the next cell imports Semaphore again and undoes the swap; and if the swap did "
        "reach the queue, it breaks it at the first put: the item counter starts at 0 and must "
        "rise, so as a BoundedSemaphore(0) its first release raises ValueError. The first put "
        "fails after it has taken a slot and appended its item, and no consumer can ever be told "
        "about that item. Bounding suits only the slot counter, whose count never rises above its "
        "start."
    ),
    line=1215,
)


def test_the_import_cell_runs_and_the_next_cells_import_undoes_the_swap():
    """The import cell binds `Semaphore` to `BoundedSemaphore`; the queue cell's own import binds it back"""
    # Red on a runtime whose BoundedSemaphore were Semaphore itself (the swap would change
    # nothing) or missing (the cell would raise ImportError).
    names = {}
    exec("from threading import Semaphore\nfrom threading import BoundedSemaphore as Semaphore", names)
    assert names["Semaphore"] is threading.BoundedSemaphore
    assert names["Semaphore"] is not threading.Semaphore
    exec("from threading import Thread, Semaphore, Lock", names)
    assert names["Semaphore"] is threading.Semaphore


def test_the_first_put_raises_value_error(notes_simple_queue):
    """With `BoundedSemaphore` as `Semaphore`, the queue's first put raises `ValueError`"""
    q = notes_simple_queue(3, Semaphore=threading.BoundedSemaphore)
    with pytest.raises(ValueError):
        q.put("first")


def test_the_failed_put_leaves_its_item_where_no_consumer_can_be_told_of_it(notes_simple_queue):
    """The failed put leaves its item in the deque, and no thread can ever signal it to a consumer"""
    q = notes_simple_queue(3, Semaphore=threading.BoundedSemaphore)
    with pytest.raises(ValueError):
        q.put("first")
    assert list(q.queue) == ["first"]
    assert q.reader.acquire(timeout=SETTLE) is False  # a get would wait for ever
    with pytest.raises(ValueError):
        q.reader.release()  # and no thread can ever signal it


def test_bounding_only_the_slot_counter_keeps_the_queue_working(notes_simple_queue):
    """With only the slot counter a `BoundedSemaphore`, the queue works and catches a stray release"""
    q = notes_simple_queue(2)
    q.writer = threading.BoundedSemaphore(2)

    def three_rounds():  # two puts then two gets, three times; none ever waits on a working queue
        got = []
        for round_ in range(3):
            q.put(round_)
            q.put(round_ + 10)
            got.append([q.get(), q.get()])
        return got
    # in a helper thread, bounded: a slot counter that admitted one holder would block the second
    # put for ever (red here, within SHORT)
    assert call_within(three_rounds, SHORT) == [[r, r + 10] for r in range(3)]
    with pytest.raises(ValueError):
        q.writer.release()  # a stray extra release is caught: that is what bounding buys

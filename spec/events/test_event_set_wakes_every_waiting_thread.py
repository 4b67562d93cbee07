"""One set() wakes every thread waiting on the Event, as all the notes' readers run after one update."""
import threading

from claimspec import LONG, SETTLE, SHORT, Claim, finish, start_call, wait_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes="In the example, five readers wait on one Event; each set() by the updater releases all five.",
    verdict="holds",
)

READERS = 5


def _waiting_inside(event):
    """How many threads sit inside event.wait(): the stdlib Event keeps them in its Condition."""
    cond = getattr(event, "_cond", None)
    return len(getattr(cond, "_waiters", ()))


def _blocked_readers(event):
    pending = [start_call(lambda: event.wait(LONG), name=f"reader-{i}") for i in range(READERS)]
    if hasattr(getattr(event, "_cond", None), "_waiters"):
        wait_until(lambda: _waiting_inside(event) == READERS, message="every reader waits inside the Event")
    assert not pending[-1].finished.wait(SETTLE), "a reader returned before set()"
    assert not any(p.finished.is_set() for p in pending), "a reader returned before set()"
    return pending


def test_one_set_wakes_all_the_waiters():
    e = threading.Event()
    pending = _blocked_readers(e)
    e.set()
    assert [finish(p, timeout=SHORT) for p in pending] == [True] * READERS


def test_a_set_then_clear_still_wakes_the_threads_that_were_waiting():
    e = threading.Event()
    pending = _blocked_readers(e)
    e.set()
    e.clear()
    assert [finish(p, timeout=SHORT) for p in pending] == [True] * READERS
    assert not e.is_set()

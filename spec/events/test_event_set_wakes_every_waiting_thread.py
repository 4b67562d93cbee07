"""One set() wakes every thread waiting on the Event, as each update of the notes' example releases all five readers."""
import threading

from claimspec import LONG, SETTLE, SHORT, Claim, finish, start_call, wait_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes="In the example five readers wait on one Event (updated.wait()); each set() by the updater releases all five.",
    verdict="holds",
    truth=(
        "set() wakes every thread then waiting, not one of them; a clear() right after set() does not put "
        "the woken threads back to sleep: each of their wait() calls returns True."
    ),
    line=596,
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
    """One `set()` makes all five blocked `wait()` calls return True

    Red on an Event whose set() woke one waiter, like Condition.notify()."""
    e = threading.Event()
    pending = _blocked_readers(e)
    e.set()
    assert [finish(p, timeout=SHORT) for p in pending] == [True] * READERS


def test_a_set_then_clear_still_wakes_the_threads_that_were_waiting():
    """A `set()` followed at once by `clear()` still wakes all five waiting threads

    Red on an Event whose waiters re-read the flag after waking (they would miss the pulse)."""
    e = threading.Event()
    pending = _blocked_readers(e)
    e.set()
    e.clear()
    assert [finish(p, timeout=SHORT) for p in pending] == [True] * READERS
    assert not e.is_set()

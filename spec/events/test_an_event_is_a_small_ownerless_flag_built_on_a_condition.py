"""An Event is a one-way signal with four operations and no owner; in the stdlib it is built from a Condition and a Lock."""
import threading

from claimspec import SHORT, Claim, start_call, finish

CLAIM = Claim(
    section="ThreadSync: Events",
    notes="The Event is the simplest synchronisation mechanism.",
    verdict="opinion",
    truth=(
        "measurable: an Event has four operations (set, clear, is_set, wait; isSet is an old alias), "
        "holds no count and has no owner: any thread may set or clear it, and nothing must be released. "
        "It is not the most primitive object, though: the standard library builds it from a Condition "
        "over a Lock, and a Lock (acquire, release, locked) is smaller still."
    ),
)


def test_an_event_offers_only_set_clear_is_set_and_wait():
    api = {name for name in dir(threading.Event) if not name.startswith("_")}
    assert api - {"isSet"} == {"set", "clear", "is_set", "wait"}, api


def test_any_thread_may_set_or_clear_an_event():
    e = threading.Event()
    finish(start_call(e.set), timeout=SHORT)
    assert e.is_set()
    finish(start_call(e.clear), timeout=SHORT)
    assert not e.is_set()


def test_the_stdlib_event_is_built_on_a_condition():
    e = threading.Event()
    parts = [v for v in vars(e).values() if isinstance(v, threading.Condition)]
    assert len(parts) == 1, vars(e)

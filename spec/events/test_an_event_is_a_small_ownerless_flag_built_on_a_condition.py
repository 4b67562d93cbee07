"""An Event is a small ownerless flag with four operations, but not the simplest primitive: the stdlib builds it from a Condition over a Lock."""
import threading

from claimspec import SHORT, Claim, finish, start_call

CLAIM = Claim(
    section="ThreadSync: Events",
    notes="The Event object is the simplest synchronisation mechanism.",
    verdict="opinion",
    truth=(
        "measured: an Event has four operations (set, clear, is_set, wait; isSet is an old alias), "
        "holds no count and has no owner: any thread may set or clear it, and nothing must be released. "
        "It is not the most primitive object, though: the standard library builds it from a Condition "
        "over a Lock, and a Lock (acquire, release, locked) is smaller still. 'Simplest' is a judgement "
        "about ease of use, not a property the runtime has."
    ),
    line=562,
)


def test_an_event_offers_only_set_clear_is_set_and_wait():
    """`threading.Event` has exactly `set`, `clear`, `is_set` and `wait` (plus the old alias `isSet`)

    Red on an Event with more public operations (a counter's, an owner's release)."""
    api = {name for name in dir(threading.Event) if not name.startswith("_")}
    assert api - {"isSet"} == {"set", "clear", "is_set", "wait"}, api


def test_any_thread_may_set_or_clear_an_event():
    """A thread other than the creator may `set()` and `clear()` an `Event`: it has no owner

    Red on an Event that, like an RLock, let only its owner change it (the helper's call would raise)."""
    e = threading.Event()
    finish(start_call(e.set), timeout=SHORT)
    assert e.is_set()
    finish(start_call(e.clear), timeout=SHORT)
    assert not e.is_set()


def test_the_stdlib_event_is_built_on_a_condition():
    """The standard library's `Event` holds one `threading.Condition`, which holds a `Lock`

    Red on a runtime with a native Event that has no Condition inside."""
    e = threading.Event()
    parts = [v for v in vars(e).values() if isinstance(v, threading.Condition)]
    assert len(parts) == 1, vars(e)
    inner = parts[0]._lock if hasattr(parts[0], "_lock") else None
    assert inner is not None and hasattr(inner, "acquire") and hasattr(inner, "release"), vars(parts[0])

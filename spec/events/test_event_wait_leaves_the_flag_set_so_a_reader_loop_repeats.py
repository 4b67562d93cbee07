"""wait() does not clear the flag, so a reader looping on wait() keeps going round while the flag stays set."""
import threading

from claimspec import LONG, SETTLE, SHORT, Claim, finish, start_call, wait_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes=(
        "The example's readers loop on updated.wait() and print the data each time round; its "
        "transcript shows the readers printing the same top-5 and bottom-5 lines over and over."
    ),
    verdict="holds",
    truth=(
        "that is what the program does, though the notes do not say why: wait() does not clear the flag, "
        "so while it stays set (the updater's pause of 1 to 5 s after set()) every reader spins, re-reading "
        "and re-printing the same update. Every top-5 and bottom-5 line of the transcript shows the same "
        "two lists: all of it was printed during one update. A reader that should read each update once "
        "must clear the flag itself (one reader) or use a Condition or a queue.Queue per reader."
    ),
    line=618,
)


def test_a_reader_rereads_the_same_update_until_the_flag_is_cleared():
    """A reader looping on `wait()` reads one update three times or more while the flag stays set

    Red on an auto-reset Event whose wait() cleared the flag (the reader would read once and block)."""
    updated = threading.Event()
    stop = threading.Event()
    data = {"version": 0}
    reads = []

    def reader():
        while not stop.is_set():
            if updated.wait(LONG):
                reads.append(data["version"])
        return len(reads)

    pending = start_call(reader, name="reader")
    try:
        data["version"] = 1
        updated.set()
        wait_until(lambda: len(reads) >= 3, message="the reader went round again on the same update")
        updated.clear()
        seen = len(reads)
        assert set(reads) == {1}
    finally:
        stop.set()
        updated.set()
        finish(pending, timeout=SHORT)
    assert seen >= 3


def test_clearing_the_flag_makes_the_reader_wait_again():
    """After the reader's own `clear()` its next `wait()` blocks until the next `set()`

    Red on an Event whose clear() did not reset the flag."""
    updated = threading.Event()
    reads = []
    may_go_on = threading.Event()

    def reader():
        for _ in range(2):
            assert updated.wait(LONG)
            reads.append("read")
            updated.clear()  # an auto-reset by hand: now one read per set()
            may_go_on.set()
        return reads

    pending = start_call(reader, name="reader")
    updated.set()
    assert may_go_on.wait(SHORT)
    assert not pending.finished.wait(SETTLE), "the reader went on without a new set()"
    assert reads == ["read"]
    updated.set()
    assert finish(pending, timeout=SHORT) == ["read", "read"]

"""wait() does not clear the flag, so a reader looping on wait() keeps going round while the flag stays set."""
import threading

from claimspec import LONG, SETTLE, SHORT, Claim, finish, start_call, wait_until

CLAIM = Claim(
    section="ThreadSync: Events",
    notes=(
        "The example's readers loop on updated.wait() and print the data each time round; its "
        "transcript shows each reader printing the same top-5 and bottom-5 lines over and over."
    ),
    verdict="holds",
    extra={
        "why": "wait() returns at once while the flag is set and nothing resets it until the updater's "
        "clear(): the readers spin, re-reading the same data, for the updater's whole pause after set()"
    },
)


def test_a_reader_rereads_the_same_update_until_the_flag_is_cleared():
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

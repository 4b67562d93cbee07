"""yield returns control to whoever called next(), on the same thread: the generator stops until called again, but the CPU, the thread and the GIL stay with its caller, so a blocking call inside a generator blocks its caller."""
import inspect
import sys
import threading
import time

import pytest

from claimspec import SETTLE, SHORT, Claim, cpython_only, requires_gil, wait_until

CLAIM = Claim(
    section="Generators",
    notes="A generator yields the CPU.",
    verdict="partly",
    line=43,
    truth=(
        "A generator does give up control at each yield: it stops where it is, and nothing of it runs "
        "until the code that called next() or send() calls again; that is what lets a loop step several "
        "generators in turn. But it hands control back to that caller, on the same thread, at once: it "
        "does not give the CPU, the thread or the GIL to anything else, and a time.sleep inside it blocks "
        "its caller for the whole sleep."
    ),
)

STEP = 0.02


def test_the_body_runs_in_the_thread_that_calls_next():
    """The generator's body runs in whichever thread calls next(), one step per call

    Red on a runtime that ran a generator's body in a thread of its own (checked with a scratch
    generator that produces its values in a worker thread: its ident is the worker's).
    """
    def where():
        while True:
            yield threading.get_ident()

    gen = where()
    assert next(gen) == threading.get_ident()
    result = {}

    def consume_elsewhere():
        result["ident"] = next(gen)
        result["caller"] = threading.get_ident()

    worker = threading.Thread(target=consume_elsewhere)
    worker.start()
    worker.join(SHORT)
    assert not worker.is_alive()
    assert result["ident"] == result["caller"] != threading.get_ident()


def test_after_a_yield_the_generator_stays_stopped_until_the_next_call():
    """After a yield nothing of the generator runs, however long its caller waits, until next() is called

    Red on a runtime where a yield let the generator run on ahead of its caller (checked with a
    scratch generator stepped in a worker thread that runs on after each yield: it reaches the
    code after the yield within SETTLE).
    """
    reached = threading.Event()

    def stops_at_yield():
        yield "first"
        reached.set()
        yield "second"

    gen = stops_at_yield()
    assert next(gen) == "first"
    assert not reached.wait(SETTLE), "the code after the yield ran before the next call"
    assert inspect.getgeneratorstate(gen) == inspect.GEN_SUSPENDED
    assert next(gen) == "second" and reached.is_set()


def test_a_sleep_inside_a_generator_blocks_the_next_call_for_the_whole_sleep():
    """A time.sleep between two yields runs inside the caller's next() call, which returns only after it

    Red on a runtime where the sleep ran while the caller was elsewhere (checked with the same
    run-ahead scratch generator: after the caller waits, its next() returns at once).
    """
    slept = threading.Event()

    def slow():
        yield 0
        time.sleep(STEP)
        slept.set()
        yield 1

    gen = slow()
    assert next(gen) == 0
    slept.wait(SETTLE)  # (SETTLE > STEP) a generator that ran on by itself would finish its sleep now
    started = time.monotonic()
    assert next(gen) == 1
    assert time.monotonic() - started >= 0.9 * STEP


def test_a_running_generator_cannot_be_entered_again():
    """A generator that is running cannot be resumed again: next() on it raises ValueError

    Red on a runtime without the gi_running guard (the inner next() would recurse instead).
    """
    def reentrant():
        yield next(gen)  # it tries to resume itself while it is running

    gen = reentrant()
    with pytest.raises(ValueError, match="already executing"):
        next(gen)


@cpython_only
@requires_gil
def test_a_yield_does_not_hand_the_gil_to_a_waiting_thread():
    """A thread waiting for the GIL gets nothing from 20000 yields, but gets in as soon as we sleep

    Red on a runtime where a yield released the GIL (checked with a scratch generator that calls
    time.sleep(0), which releases it, before each yield: the spinner runs during the loop).
    """
    go, stop = threading.Event(), threading.Event()
    spins = [0]

    def spinner():
        go.wait(SHORT)
        while not stop.is_set():
            spins[0] += 1

    def numbers():
        while True:
            yield 1

    old = sys.getswitchinterval()
    thread = threading.Thread(target=spinner)
    try:
        # A long switch interval: the waiting spinner may force the GIL from us only after 0.3 s,
        # so within our loop it can run only if something in the loop releases the GIL.
        sys.setswitchinterval(0.3)
        thread.start()  # it blocks on `go` at once, giving the GIL back
        gen = numbers()
        go.set()  # from here on the spinner wants the GIL
        for _ in range(20000):
            next(gen)
        assert spins[0] == 0, "the spinner ran while we only iterated the generator"
        # A blocking call does release the GIL: wait_until sleeps between its polls.
        wait_until(lambda: spins[0] > 0, message="the spinner never ran, even while we slept")
    finally:
        sys.setswitchinterval(old)
        stop.set()
        go.set()
        thread.join(SHORT)
    assert not thread.is_alive()

"""yield hands control back to whoever called next(), on the same thread; it gives the CPU to no one else, so a blocking call inside a generator blocks its caller."""
import inspect
import sys
import threading
import time

import pytest

from claimspec import SHORT, Claim, cpython_only, requires_gil, wait_until

CLAIM = Claim(
    section="Generators",
    notes="A generator yields the CPU.",
    verdict="notes-wrong",
    truth=(
        "yield suspends the generator and returns control (and a value) to the code that called "
        "next() or send(), on the same thread, at once. It does not hand the CPU, the GIL or the thread "
        "to anything else; a generator runs only inside a next()/send() call, in the calling thread, "
        "and a time.sleep inside it blocks that caller for the whole sleep."
    ),
)

STEP = 0.02


def test_the_body_runs_in_the_thread_that_calls_next():
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


def test_nothing_of_the_generator_runs_between_two_next_calls():
    progress = []

    def busy():
        while True:
            progress.append(len(progress))
            yield

    gen = busy()
    next(gen)
    for _ in range(1000):  # the caller keeps the thread; the suspended generator stays frozen
        assert progress == [0]
    assert inspect.getgeneratorstate(gen) == inspect.GEN_SUSPENDED
    assert gen.gi_running is False
    next(gen)
    assert progress == [0, 1]


def test_a_sleep_inside_a_generator_blocks_its_consumer_for_every_step():
    def slow(count):
        for number in range(count):
            yield number
            time.sleep(STEP)

    started = time.monotonic()
    assert list(slow(5)) == [0, 1, 2, 3, 4]
    assert time.monotonic() - started >= 0.9 * 5 * STEP


def test_a_running_generator_cannot_be_entered_again():
    def reentrant():
        yield next(gen)  # it tries to resume itself while it is running

    gen = reentrant()
    with pytest.raises(ValueError, match="already executing"):
        next(gen)


@cpython_only
@requires_gil
def test_a_yield_does_not_hand_the_gil_to_a_waiting_thread():
    """A thread waiting for the GIL gets nothing from 20000 yields, but gets in as soon as we sleep."""
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

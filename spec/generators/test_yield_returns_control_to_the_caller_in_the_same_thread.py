"""yield hands control back to whoever called next(), on the same thread; it gives the CPU to no one else, so a blocking call inside a generator blocks its caller."""
import inspect
import threading
import time

import pytest

from claimspec import SHORT, Claim

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

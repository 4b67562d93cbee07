"""`v = yield` suspends the generator and takes the value the caller passes to send() (None from next()), not input from a user; `yield t` hands t to the caller as the result of that call."""
import io
import sys

import pytest

from claimspec import Claim
from spec.coroutines.notes_total import total, values_received

CLAIM = Claim(
    section="Co-routine",
    notes=(
        "In total(), a yield on the right of an assignment means: wait for input from the user; "
        "the later `yield t` sends something (the total) to the caller."
    ),
    verdict="partly",
    line=105,
    truth=(
        "`yield t` does hand t to the caller: it is what the send() or next() that resumed the generator "
        "returns. But `v = yield` does not wait for a user: it suspends the generator and hands control "
        "back to its caller at once, and v becomes whatever the caller later passes to send(), or None "
        "when it resumes it with next(). Nothing is read from the keyboard or standard input, nothing "
        "blocks, and a caller that never resumes it leaves it suspended until close() ends it there."
    ),
)


def quiet_total(log):
    return total(say=lambda *words: log.append(words))


def test_the_value_of_the_yield_is_what_send_passes_and_none_from_next():
    """The value of `v = yield` is the argument of the send() that resumes it, and None when next() does

    Red on a runtime whose send() did not deliver its value (checked with a scratch send() that
    resumes with None, like next(): the first send() already fails adding None).
    """
    log = []
    g = quiet_total(log)
    next(g)
    g.send(10)
    next(g)
    with pytest.raises(TypeError):
        next(g)  # resumes `value = yield` with None, which cannot be added
    assert values_received(log) == [10, None]


def test_the_generator_reads_no_input_and_blocks_nothing_while_it_waits(monkeypatch):
    """With input() and sys.stdin both refusing to be read, total() still takes its value from send()

    Red on a runtime where a yield expression read its value from the user (checked with a scratch
    total() whose `v = yield` is followed by input(): it raises at the send()).
    """
    def refuse(*args):
        raise AssertionError("something tried to read input from the user")

    monkeypatch.setattr("builtins.input", refuse)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr(sys.stdin, "read", refuse)
    monkeypatch.setattr(sys.stdin, "readline", refuse)
    log = []
    g = quiet_total(log)
    assert next(g) is None  # back with us at once, suspended at `v = yield`
    assert g.send(7) == 7
    assert values_received(log) == [7]


def test_a_generator_left_waiting_at_the_yield_is_ended_there_by_close():
    """A generator suspended at `v = yield` and never resumed is ended at that yield by close()

    Red on a runtime whose close() left a suspended generator alive (checked with a scratch close()
    that does nothing: the frame stays and next() resumes it).
    """
    log = []
    g = quiet_total(log)
    next(g)
    g.close()
    assert log == [("In total...",), ("total(): waiting for input...",)]
    assert g.gi_frame is None
    with pytest.raises(StopIteration):
        next(g)


def test_yield_t_hands_the_total_to_the_caller_as_the_result_of_send():
    """`yield t` hands the running total to the caller: it is what each send() returns"""
    g = quiet_total([])
    next(g)
    assert g.send(10) == 10
    next(g)
    assert g.send(32) == 42

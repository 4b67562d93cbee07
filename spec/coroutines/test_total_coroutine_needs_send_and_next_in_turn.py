"""The notes' total() alternates an input yield and an output yield, so it must be driven by send() then next() in turn; out of turn a value is lost or the coroutine dies."""
import inspect

import pytest

from claimspec import Claim
from spec.coroutines.notes_total import total, values_received

CLAIM = Claim(
    section="Co-routine",
    notes=(
        "The example drives total() with next() to start, then send(10), then next(): each input "
        "sent is followed by a next() that moves past the output yield."
    ),
    verdict="holds",
    line=117,
    extra={
        "otherwise": "two sends in a row: the second value lands on the output yield and is dropped; "
        "next() at the input yield sends None, and `t += None` raises TypeError, which closes the generator"
    },
)


def test_send_then_next_in_turn_sums_every_value():
    """Driven by send() then next() in turn, total() adds up every value sent"""
    g = total(say=lambda *words: None)
    next(g)
    results = []
    for value in (1, 2, 3):
        results.append(g.send(value))
        next(g)
    assert results == [1, 3, 6]


def test_a_second_send_in_a_row_lands_on_the_output_yield_and_is_lost():
    """A second send() in a row resumes the output yield, so its value is thrown away"""
    log = []
    g = total(say=lambda *words: log.append(words))
    next(g)
    assert g.send(10) == 10
    assert g.send(5) is None  # 5 resumed the output yield, whose value is thrown away
    assert g.send(7) == 17  # 10 + 7: the 5 was never added
    assert values_received(log) == [10, 7]


def test_next_at_the_input_yield_sends_none_and_kills_the_coroutine():
    """next() at the input yield sends None; adding None raises TypeError, which closes the generator"""
    log = []
    g = total(say=lambda *words: log.append(words))
    next(g)
    with pytest.raises(TypeError, match="NoneType"):
        next(g)  # resumes `value = yield` with None, then `running += None`
    assert values_received(log) == [None]
    assert inspect.getgeneratorstate(g) == inspect.GEN_CLOSED
    with pytest.raises(StopIteration):
        g.send(10)

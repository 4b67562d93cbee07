"""A just-started generator must be advanced to its first yield (next() or send(None)) before send() can give it a value."""
import inspect

import pytest

from claimspec import Claim

CLAIM = Claim(
    section="Co-routine",
    notes="The coroutine example calls next(g) once before g.send(10).",
    verdict="holds",
    line=115,
    extra={
        "why": "a value sent in becomes the result of the yield the generator is paused at; a "
        "just-started generator is paused at no yield yet, so only None may be sent"
    },
)


def echo():
    received = []
    while True:
        value = yield received
        received.append(value)


def test_sending_a_value_to_a_just_started_generator_raises_typeerror():
    """send(10) to a just-started generator raises TypeError: it must reach a yield first"""
    g = echo()
    with pytest.raises(TypeError, match="just-started generator"):
        g.send(10)


def test_the_failed_send_leaves_the_generator_unstarted_and_usable():
    """The refused send() leaves the generator in GEN_CREATED, and its value is never received"""
    g = echo()
    with pytest.raises(TypeError):
        g.send(10)
    assert inspect.getgeneratorstate(g) == inspect.GEN_CREATED
    assert next(g) == []
    assert g.send(10) == [10]  # the refused 10 was never received


def test_send_none_primes_a_generator_just_like_next():
    """send(None) primes a just-started generator just as next() does"""
    g = echo()
    assert g.send(None) == []
    assert inspect.getgeneratorstate(g) == inspect.GEN_SUSPENDED
    assert g.send("a") == ["a"]


def test_after_priming_the_sent_value_becomes_the_result_of_the_yield():
    """After priming, each send() value becomes the result of the yield the generator is paused at"""
    g = echo()
    next(g)
    assert g.send(1) == [1]
    assert g.send(2) == [1, 2]

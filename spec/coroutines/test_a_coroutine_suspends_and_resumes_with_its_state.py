"""A coroutine is a routine that suspends in the middle and resumes there later with its locals intact; taking input, processing it and returning output describes every function."""
import asyncio
import inspect

import pytest

from claimspec import Claim

CLAIM = Claim(
    section="Co-routine",
    notes="A co-routine is a method that takes input, processes it and then returns output.",
    verdict="notes-wrong",
    line=96,
    truth=(
        "Every function takes input and returns output. A coroutine is a routine that can suspend in "
        "the middle (at yield, or await in an async def) and be resumed later where it stopped, with "
        "its local state intact, taking new input at each resumption (send()). The notes' kind is a "
        "generator-based coroutine; asyncio's coroutines are a different type (async def) that a "
        "plain generator cannot stand in for."
    ),
)


def averager():
    count, total = 0, 0.0
    average = None
    while True:
        value = yield average
        count += 1
        total += value
        average = total / count


def test_the_coroutine_keeps_its_locals_between_inputs():
    """A generator coroutine keeps its locals while suspended: each send() adds to the running average

    Red on a runtime that rebuilt a generator's frame on each resumption (checked with a scratch
    averager that resets count and total after each yield: it answers 10.0, 20.0, 60.0).
    """
    avg = averager()
    next(avg)
    assert [avg.send(v) for v in (10, 20, 60)] == [10.0, 15.0, 30.0]
    assert avg.gi_frame.f_locals["count"] == 3


def test_two_coroutines_from_one_function_keep_separate_state():
    """Two coroutines made by one generator function each keep locals of their own

    Red on a runtime that shared one frame between the generators of a function (checked with a
    scratch averager keeping count and total at module level: the second one starts from the first's).
    """
    first, second = averager(), averager()
    next(first)
    next(second)
    assert first.send(10) == 10.0 and first.send(20) == 15.0
    assert second.send(100) == 100.0
    assert first.send(60) == 30.0


def test_a_coroutine_resumes_exactly_where_it_was_suspended():
    """A resumed coroutine carries on from the yield it stopped at, and stops at that yield again"""
    avg = averager()
    next(avg)
    line_at_rest = avg.gi_frame.f_lineno
    avg.send(1)
    assert avg.gi_frame.f_lineno == line_at_rest  # paused at the same yield again


def test_a_generator_coroutine_is_not_an_async_def_coroutine():
    """A generator coroutine is not an async def coroutine: inspect.iscoroutine says no and await refuses it"""
    async def native():
        return "done"

    coro = native()
    try:
        assert inspect.iscoroutine(coro)
        assert not inspect.iscoroutine(averager())
    finally:
        coro.close()

    async def awaits_a_generator():
        await averager()

    with pytest.raises(TypeError, match="await"):
        asyncio.run(awaits_a_generator())

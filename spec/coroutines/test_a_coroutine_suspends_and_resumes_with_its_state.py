"""What makes the notes' coroutine a coroutine is that it suspends at each yield and resumes there later with its locals intact; taking input and returning output alone does not."""
import asyncio
import inspect

import pytest

from claimspec import Claim

CLAIM = Claim(
    section="Co-routine",
    notes="A co-routine is a method that takes input, processes it, and returns output.",
    verdict="notes-wrong",
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


def plain_average(value):
    count, total = 0, 0.0  # starts from nothing on every call
    count += 1
    total += value
    return total / count


def test_the_coroutine_keeps_its_locals_between_inputs():
    avg = averager()
    next(avg)
    assert [avg.send(v) for v in (10, 20, 60)] == [10.0, 15.0, 30.0]
    assert avg.gi_frame.f_locals["count"] == 3


def test_a_plain_function_taking_the_same_inputs_remembers_nothing():
    assert [plain_average(v) for v in (10, 20, 60)] == [10.0, 20.0, 60.0]


def test_it_resumes_exactly_where_it_was_suspended():
    avg = averager()
    next(avg)
    line_at_rest = avg.gi_frame.f_lineno
    avg.send(1)
    assert avg.gi_frame.f_lineno == line_at_rest  # paused at the same yield again


def test_a_generator_coroutine_is_not_an_async_def_coroutine():
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

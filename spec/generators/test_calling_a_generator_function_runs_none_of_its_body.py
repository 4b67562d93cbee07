"""Calling a function that contains yield runs none of its body: it returns a generator, which runs the body one step per next(); nothing decorates the function, which stays a plain function the compiler flagged."""
import inspect
import types

import pytest

from claimspec import Claim

CLAIM = Claim(
    section="Generators",
    notes=(
        "Putting a yield in a function turns it into a generator: calling it does not execute it but "
        "returns a generator object, which follows the iterator protocol and can be iterated over. "
        "The notes picture the interpreter decorating the function into a proxy."
    ),
    verdict="partly",
    line=48,
    truth=(
        "The behaviour is right: calling a function that contains yield runs none of its body and returns "
        "a generator, its own iterator, which runs the body up to the next yield on each next(). The "
        "mechanism is not: nothing decorates the function or makes it a proxy, and the function does not "
        "become a generator. It stays a plain function; the compiler flags its code object CO_GENERATOR, "
        "and each call builds a new generator around a fresh, unstarted frame."
    ),
)


def make_traced_generator_function(trace):
    def counting_up():
        trace.append("body started")
        for number in range(3):
            trace.append(f"before yielding {number}")
            yield number
            trace.append(f"after yielding {number}")
        trace.append("body finished")

    return counting_up


def test_calling_a_generator_function_runs_none_of_its_body_and_returns_a_generator():
    """Calling a generator function runs none of its body and returns a generator in state GEN_CREATED"""
    trace = []
    gen = make_traced_generator_function(trace)()
    assert trace == []
    assert isinstance(gen, types.GeneratorType)
    assert inspect.getgeneratorstate(gen) == inspect.GEN_CREATED


def test_each_next_runs_the_body_only_up_to_the_following_yield():
    """Each next() runs the body from where it stopped up to the following yield, and no further"""
    trace = []
    gen = make_traced_generator_function(trace)()
    assert next(gen) == 0
    assert trace == ["body started", "before yielding 0"]
    assert next(gen) == 1
    assert trace[2:] == ["after yielding 0", "before yielding 1"]
    assert inspect.getgeneratorstate(gen) == inspect.GEN_SUSPENDED


def test_the_generator_answers_the_iterator_protocol_as_its_own_iterator():
    """A generator is its own iterator: iter() returns it, and it has __next__"""
    gen = make_traced_generator_function([])()
    assert iter(gen) is gen
    assert callable(gen.__next__)
    assert list(gen) == [0, 1, 2]


def test_an_exhausted_generator_raises_stopiteration_carrying_the_return_value():
    """An exhausted generator raises StopIteration, whose value is the function's return value, then stays closed"""
    def answer():
        yield "only value"
        return 42

    gen = answer()
    assert next(gen) == "only value"
    with pytest.raises(StopIteration) as stop:
        next(gen)
    assert stop.value.value == 42
    assert inspect.getgeneratorstate(gen) == inspect.GEN_CLOSED
    with pytest.raises(StopIteration):
        next(gen)


def test_the_function_is_a_plain_function_flagged_a_generator_at_compile_time():
    """The function stays a plain types.FunctionType, not a wrapper: only its code carries CO_GENERATOR

    Red on a runtime that decorated generator functions into proxies (checked with a scratch
    make_traced_generator_function whose result is wrapped in functools.partial).
    """
    counting_up = make_traced_generator_function([])
    assert type(counting_up) is types.FunctionType
    assert counting_up.__code__.co_flags & inspect.CO_GENERATOR
    assert inspect.isgeneratorfunction(counting_up)


def test_a_yield_that_can_never_run_still_makes_a_generator():
    """A yield the body can never reach still makes calling the function return a generator"""
    def never_yields():
        return "done"
        yield  # unreachable, yet it decides what calling the function returns

    gen = never_yields()
    assert isinstance(gen, types.GeneratorType)
    with pytest.raises(StopIteration) as stop:
        next(gen)
    assert stop.value.value == "done"


def test_each_call_gives_an_independent_generator():
    """Each call of a generator function gives a new generator with a state of its own"""
    counting_up = make_traced_generator_function([])
    first, second = counting_up(), counting_up()
    assert first is not second
    assert next(first) == 0 and next(first) == 1
    assert next(second) == 0

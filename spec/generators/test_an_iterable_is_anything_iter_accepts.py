"""An iterable is anything iter() accepts: an object whose __iter__ returns an iterator, or one with the old __getitem__ sequence protocol; it need not be a collection."""
import collections.abc
import io
import itertools

import pytest

from claimspec import Claim

CLAIM = Claim(
    section="Generators",
    notes=(
        "Under Python's iterable protocol, iterables are collections that return an iterator, which "
        "is iterated by calling next() on it."
    ),
    verdict="partly",
    line=47,
    truth=(
        "Right that an iterable hands out an iterator, which is iterated with next(); wrong that it is a "
        "collection. An iterable is any object iter() accepts: one whose __iter__ returns an iterator "
        "(an object with __next__, whose own __iter__ returns itself), or one with the older sequence "
        "protocol, __getitem__ called with 0, 1, 2 ... until IndexError. It need not be a collection: "
        "generators, files and endless counters are iterables. collections.abc.Iterable does not "
        "recognise the __getitem__ kind, so iter() is the only reliable test."
    ),
)


class Countdown:
    """Not a collection: it computes its items and holds none."""

    def __init__(self, start):
        self.start = start

    def __iter__(self):
        number = self.start
        while number > 0:
            yield number
            number -= 1


class OldStyleSequence:
    """Only __getitem__: iteration asks for 0, 1, 2 ... and stops at IndexError."""

    def __init__(self):
        self.asked = []

    def __getitem__(self, index):
        self.asked.append(index)
        if index >= 3:
            raise IndexError(index)
        return "abc"[index]


def test_an_object_with_iter_returning_an_iterator_is_iterable():
    """An object whose __iter__ returns an iterator is iterable, and the iterator's __iter__ returns itself"""
    assert list(Countdown(3)) == [3, 2, 1]
    iterator = iter(Countdown(2))
    assert iter(iterator) is iterator and next(iterator) == 2


def test_the_old_getitem_protocol_still_makes_an_object_iterable():
    """An object with only __getitem__ is iterable: iter() asks for 0, 1, 2 ... until IndexError"""
    sequence = OldStyleSequence()
    assert list(sequence) == ["a", "b", "c"]
    assert sequence.asked == [0, 1, 2, 3]


def test_the_iterable_abc_misses_the_getitem_kind_but_iter_accepts_it():
    """collections.abc.Iterable does not recognise a __getitem__-only object, though iter() accepts it"""
    sequence = OldStyleSequence()
    assert not isinstance(sequence, collections.abc.Iterable)
    assert next(iter(sequence)) == "a"
    assert isinstance(Countdown(1), collections.abc.Iterable)


def test_an_object_with_neither_method_is_not_iterable():
    """iter() on an object with neither __iter__ nor __getitem__ raises TypeError"""
    with pytest.raises(TypeError, match="not iterable"):
        iter(object())


def test_setting_iter_to_none_opts_out_even_with_getitem():
    """Setting __iter__ to None makes an object not iterable, even with __getitem__"""
    class OptedOut(OldStyleSequence):
        __iter__ = None

    with pytest.raises(TypeError, match="not iterable"):
        iter(OptedOut())


def test_things_that_are_not_collections_are_iterables_too():
    """A file object, an endless itertools.count() and a generator expression are iterables that hold no items"""
    assert list(io.StringIO("first\nsecond\n")) == ["first\n", "second\n"]
    assert list(itertools.islice(itertools.count(), 3)) == [0, 1, 2]  # endless, holds nothing
    assert list(n for n in range(2)) == [0, 1]

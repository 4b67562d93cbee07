"""A for loop takes any iterable, not only an iterator: it calls iter() on it once, then next() on the iterator it got until StopIteration, which it swallows."""
import pytest

from claimspec import Claim

CLAIM = Claim(
    section="Generators",
    notes="A for loop takes an iterator and calls next() on it for us.",
    verdict="partly",
    line=46,
    truth=(
        "Right that for calls next() for us; but it takes any iterable, not only an iterator. It calls iter() on it once, "
        "then next() on the iterator it got, once per item plus one final call that raises "
        "StopIteration; the loop swallows that StopIteration and ends. An iterator works too because "
        "its __iter__ returns itself."
    ),
)


class RecordingIterable:
    """An iterable that is not an iterator, and logs every protocol call."""

    def __init__(self, items, log):
        self.items, self.log = items, log

    def __iter__(self):
        self.log.append("iter")
        return RecordingIterator(self.items, self.log)


class RecordingIterator:
    def __init__(self, items, log):
        self.items, self.log, self.position = list(items), log, 0

    def __iter__(self):
        self.log.append("iter of iterator")
        return self

    def __next__(self):
        self.log.append("next")
        if self.position == len(self.items):
            raise StopIteration
        self.position += 1
        return self.items[self.position - 1]


def test_for_calls_iter_once_and_next_once_per_item_plus_one():
    """A for loop calls iter() once, then next() once per item plus a last call that raises StopIteration"""
    log = []
    seen = []
    for item in RecordingIterable("abc", log):
        seen.append(item)
        log.append(f"body {item}")
    assert seen == ["a", "b", "c"]
    assert log == ["iter", "next", "body a", "next", "body b", "next", "body c", "next"]


def test_for_accepts_an_iterable_that_is_not_an_iterator():
    """A for loop runs over a list, which is an iterable but not an iterator: next() on a list raises TypeError"""
    numbers = [1, 2, 3]
    assert not hasattr(numbers, "__next__")
    with pytest.raises(TypeError):
        next(numbers)
    assert [n for n in numbers] == [1, 2, 3]


def test_for_over_an_iterator_calls_its_iter_which_returns_itself():
    """A for loop over an iterator still calls its __iter__, which returns the iterator itself"""
    log = []
    iterator = RecordingIterator("xy", log)
    assert [item for item in iterator] == ["x", "y"]
    assert log == ["iter of iterator", "next", "next", "next"]


def test_a_second_loop_over_the_same_iterator_finds_it_exhausted():
    """A second loop over the same generator expression gets nothing: an iterator is used up once"""
    squares = (n * n for n in range(4))
    assert [s for s in squares] == [0, 1, 4, 9]
    assert [s for s in squares] == []


def test_the_loop_ends_quietly_on_stopiteration_but_other_errors_escape():
    """A for loop ends quietly on StopIteration, but any other exception from __next__ escapes it"""
    class Broken(RecordingIterator):
        def __next__(self):
            raise LookupError("not a StopIteration")

    ran = []
    for _ in RecordingIterator("", []):
        ran.append("body")
    assert ran == []
    with pytest.raises(LookupError):
        for _ in Broken("abc", []):
            pass

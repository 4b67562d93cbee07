"""The notes' three Fibonacci versions agree on the first ten numbers, and the generator loop prints exactly the notes' output; below two items the list version disagrees."""
from claimspec import Claim
from spec.generators.notes_programs import fib_gen, fib_list

CLAIM = Claim(
    section="Generators",
    notes=(
        "Three Fibonacci versions (printing in a loop, building a list, yielding from a generator) "
        "produce the same series; iterating the generator for n=10 and printing each value prints "
        "0 1 1 2 3 5 8 13 21 34, one per line."
    ),
    verdict="holds",
    extra={
        "finding": "the list version starts from [0, 1] and only appends, so for n < 2 it still "
        "returns two numbers where the generator yields n"
    },
)

# What the notes print for `for i in fib_gen(10): print(i)`.
NOTES_TRANSCRIPT = "0\n1\n1\n2\n3\n5\n8\n13\n21\n34\n"


# Our own equivalent of the notes' printing version (the list and generator ones are in
# notes_programs.py, where `pause` stands for their sleep(0.5)).
def fib_printing(n):
    a, b = 0, 1
    for _ in range(n):
        print(a)
        a, b = b, a + b


def test_the_generator_loop_prints_the_notes_transcript_exactly(capsys):
    for number in fib_gen(10):
        print(number)
    assert capsys.readouterr().out == NOTES_TRANSCRIPT


def test_the_printing_version_prints_the_same_ten_lines(capsys):
    fib_printing(10)
    assert capsys.readouterr().out == NOTES_TRANSCRIPT


def test_the_list_version_loop_prints_the_same_ten_lines(capsys):
    for number in fib_list(10):
        print(number)
    assert capsys.readouterr().out == NOTES_TRANSCRIPT


def test_list_and_generator_agree_for_every_length_from_two():
    for n in range(2, 40):
        assert fib_list(n) == list(fib_gen(n)), n


def test_below_two_items_the_list_version_still_returns_two_numbers():
    assert list(fib_gen(1)) == [0] and fib_list(1) == [0, 1]
    assert list(fib_gen(0)) == [] and fib_list(0) == [0, 1]

"""Calling the list-building Fibonacci "better" than the printing one is an opinion: it hands the numbers back for reuse, at the price of holding all of them and making the caller wait for all of them."""
from claimspec import Claim
from spec.generators.notes_programs import fib_gen, fib_list, fib_printing

CLAIM = Claim(
    section="Generators",
    notes="The list-building Fibonacci is a better implementation than the one that prints each number.",
    verdict="opinion",
    line=60,
    truth=(
        "What can be checked: fib_list returns the numbers, so the caller can keep, sum or print them as "
        "often as it likes, where the printing version only prints and returns None. Where the advice "
        "stops: the list holds all n numbers at once, the caller waits until the last one is computed "
        "before seeing the first (the comment's own 'first generates the list then prints it'; see "
        "test_a_generator_hands_out_its_first_value_before_computing_the_rest), and for n below 2 it "
        "returns two numbers anyway (see test_fibonacci_examples_print_the_first_ten_numbers)."
    ),
)


def test_the_printing_version_hands_nothing_back(capsys):
    """The printing version returns None: its numbers reach only standard output

    Red on a runtime where a function without return gave back its last value, as Ruby does
    (checked with a scratch fib_printing that returns its last number).
    """
    assert fib_printing(10) is None
    assert capsys.readouterr().out.split() == [str(n) for n in fib_list(10)]


def test_the_returned_list_can_be_used_again_where_a_generator_is_used_up():
    """The list fib_list returns gives its numbers to every loop over it; a fib_gen generator only to the first

    Red on a runtime whose lists were one-shot iterators (checked with a scratch fib_list that
    returns iter() of its list: max() finds it empty), or whose generators restarted.
    """
    series = fib_list(10)
    assert sum(series) == 88 and max(series) == 34 and list(series) == series
    numbers = fib_gen(10)
    assert sum(numbers) == 88
    assert list(numbers) == []


def test_the_list_holds_every_number_while_a_paused_generator_holds_only_the_next_two():
    """fib_list(10) holds all ten numbers at once; a fib_gen paused after three values holds only its next two (1 and 2)

    The price of the list version, seen in the objects themselves. Red on a runtime whose
    generators computed ahead of the caller (a generator buffering its values), or whose paused
    frame kept more than the loop's two numbers.
    """
    assert len(fib_list(10)) == 10
    numbers = fib_gen(10)
    assert [next(numbers) for _ in range(3)] == [0, 1, 1]
    held = numbers.gi_frame.f_locals
    assert (held["a"], held["b"]) == (1, 2)
    assert not [v for v in held.values() if isinstance(v, (list, tuple))], held

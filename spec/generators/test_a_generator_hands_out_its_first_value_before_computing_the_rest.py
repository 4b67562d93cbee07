"""A generator hands out its first value before it computes the rest, while a list-building function makes the caller wait for all of it."""
import time

from claimspec import Claim
from spec.generators.notes_programs import fib_gen, fib_list

CLAIM = Claim(
    section="Generators",
    notes=(
        "With a generator the caller does not wait until the function has run to the end: it gets each "
        "value as soon as it is ready; the list version (its comment says) first builds the whole list."
    ),
    verdict="holds",
    line=68,
)

STEP = 0.02  # stands for the notes' sleep(0.5) of work per number, scaled down
N = 10


def steps_done_when_each_value_arrives(source):
    """Run the notes' consumer loop, noting how much work was done before each value arrived."""
    work = []
    arrivals = []
    for _ in source(lambda: work.append("step")):
        arrivals.append(len(work))
    return arrivals


def test_the_first_generator_value_arrives_before_any_work_step():
    """fib_gen hands out its k-th value after k steps of work: values and work interleave

    Red on a generator that computed everything before its first yield (checked with a scratch
    fib_gen that builds the list first and then yields from it: every value arrives after 10 steps).
    """
    arrivals = steps_done_when_each_value_arrives(lambda pause: fib_gen(N, pause))
    assert arrivals == list(range(N))  # value k arrives after k steps: work and values interleave


def test_the_list_version_does_every_step_before_the_first_value():
    """fib_list does every step of work before the caller sees its first value"""
    arrivals = steps_done_when_each_value_arrives(lambda pause: fib_list(N, pause))
    assert arrivals == [N - 2] * N


def test_with_real_work_the_first_generator_value_comes_much_sooner():
    """With a time.sleep per step, fib_gen's first value comes at once and fib_list's after all the sleeps"""
    def time_to_first_value(make):
        started = time.monotonic()
        next(iter(make()))
        return time.monotonic() - started

    list_wait = time_to_first_value(lambda: fib_list(N, lambda: time.sleep(STEP)))
    gen_wait = time_to_first_value(lambda: fib_gen(N, lambda: time.sleep(STEP)))
    assert list_wait >= 0.9 * (N - 2) * STEP  # it sleeps through every step first
    assert gen_wait < list_wait / 4, (gen_wait, list_wait)

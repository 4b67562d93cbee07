"""A generator hands out its first value before it computes the rest, while a list-building function makes the caller wait for all of it."""
import time

from claimspec import Claim
from spec.generators.notes_programs import fib_gen, fib_list

CLAIM = Claim(
    section="Generators",
    notes=(
        "The list version computes the whole series before the caller sees any of it; with a generator "
        "the caller gets each value as soon as it is ready, without waiting for the function to finish."
    ),
    verdict="holds",
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
    arrivals = steps_done_when_each_value_arrives(lambda pause: fib_gen(N, pause))
    assert arrivals == list(range(N))  # value k arrives after k steps: work and values interleave


def test_the_list_version_does_every_step_before_the_first_value():
    arrivals = steps_done_when_each_value_arrives(lambda pause: fib_list(N, pause))
    assert arrivals == [N - 2] * N


def test_with_real_work_the_first_generator_value_comes_much_sooner():
    def time_to_first_value(make):
        started = time.monotonic()
        next(iter(make()))
        return time.monotonic() - started

    list_wait = time_to_first_value(lambda: fib_list(N, lambda: time.sleep(STEP)))
    gen_wait = time_to_first_value(lambda: fib_gen(N, lambda: time.sleep(STEP)))
    assert list_wait >= 0.9 * (N - 2) * STEP  # it sleeps through every step first
    assert gen_wait < list_wait / 4, (gen_wait, list_wait)

"""Generators stepped in turn run concurrently only by taking turns on one thread: they never wait at the same time, so a run takes the sum of all their sleeps, where threads overlap the same waits."""
import threading
import time

import pytest

from claimspec import SETTLE, SHORT, Claim, join_threads
from spec.generators.notes_programs import round_robin

CLAIM = Claim(
    section="concurrent execution using generators",
    notes=(
        "foo() and bar() yield the CPU after printing a value, and hence they execute concurrently; "
        "once bar() has completed, only foo() runs."
    ),
    verdict="partly",
    line=127,
    truth=(
        "They do execute concurrently, by taking turns: each prints before the other has finished, and "
        "after bar's last step only foo runs (test_round_robin_scheduler_prints_the_notes_interleaving). "
        "But what a yield gives up is control, to the scheduler loop on the same thread, not the CPU "
        "(test_yield_returns_control_to_the_caller_in_the_same_thread), and the time.sleep after it keeps "
        "that one thread: while one generator waits, no other can run or wait. The run takes at least "
        "the sum of all 15 sleeps, as long as running foo and then bar; the same waits in two threads "
        "happen at the same time."
    ),
)

STEP = 0.02  # the notes' sleep(0.5), scaled down
FOO_STEPS, BAR_STEPS = 10, 5
ALL_SLEEPS = (FOO_STEPS + BAR_STEPS) * STEP


def counter(count, wait):
    for _ in range(count):
        yield
        wait()


def test_the_generator_run_takes_at_least_the_sum_of_all_sleeps(claim_measurement):
    """Stepping foo (10 steps) and bar (5 steps) in turn takes at least the sum of all 15 time.sleep calls

    Red on a runtime where the waits of generators stepped in turn overlapped (checked: the same
    counters in two threads take about 10 sleeps, under 0.9 of the sum).
    """
    started = time.monotonic()
    round_robin([counter(FOO_STEPS, lambda: time.sleep(STEP)), counter(BAR_STEPS, lambda: time.sleep(STEP))])
    elapsed = time.monotonic() - started
    claim_measurement("round-robin run / sum of its sleeps", round(elapsed / ALL_SLEEPS, 2), "x")
    assert elapsed >= 0.9 * ALL_SLEEPS, elapsed


def test_two_generators_stepped_in_turn_are_never_waiting_at_the_same_time():
    """A threading.Barrier that needs foo and bar waiting at once breaks when they are generators stepped in turn

    The one thread waits inside foo's step; bar cannot reach its wait until foo's has given up.
    Red on a runtime where generators stepped in turn could wait at the same time (checked by the
    next test: with threads the same barrier is passed).
    """
    both_waiting = threading.Barrier(2)
    tasks = [counter(FOO_STEPS, lambda: both_waiting.wait(SETTLE)), counter(BAR_STEPS, lambda: both_waiting.wait(SETTLE))]
    with pytest.raises(threading.BrokenBarrierError):
        round_robin(tasks)


def test_the_same_steps_in_two_threads_do_wait_at_the_same_time():
    """Five waiting steps in each of two threads pass a threading.Barrier that needs both waiting at once

    Red on a runtime whose threads ran one after the other (checked with a scratch copy that
    joins the first thread before starting the second: the barrier breaks).
    """
    both_waiting = threading.Barrier(2)
    passed = []

    def wait():
        both_waiting.wait(SHORT)
        passed.append(threading.get_ident())

    threads = [threading.Thread(target=lambda: list(counter(BAR_STEPS, wait))) for _ in range(2)]
    for t in threads:
        t.start()
    join_threads(threads, SHORT * 2)
    assert both_waiting.broken is False
    assert len(passed) == 2 * BAR_STEPS and len(set(passed)) == 2

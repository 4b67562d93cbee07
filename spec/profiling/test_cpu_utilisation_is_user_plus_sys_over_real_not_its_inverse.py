"""The share of time a program keeps a CPU busy is (user + sys) / real, at most 1 for one thread; the notes' real / (user + sys) is its inverse."""
import os
import time

from claimspec import Claim, run_python
from spec.profiling.timed_programs import BUSY, BUSY_CPU, SLEEP, SLEEPING

CLAIM = Claim(
    section="Profiling a program in Linux",
    notes="From the figures of the `time` command, a program's duty cycle is real / (user + sys).",
    verdict="notes-wrong",
    truth="The share of time a program keeps a CPU busy (its duty cycle, or CPU utilisation) is "
    "(user + sys) / real: at most 1 for a single-threaded program, near 0 for one that mostly "
    "waits, above 1 only when several cores work at once. The notes' ratio is the inverse: at "
    "least 1 for a single-threaded program, and without bound for one that mostly waits, so it "
    "cannot be a share of time. (That `time` gives the three figures is its own claim: "
    "test_the_time_command_reports_a_programs_real_user_and_sys_seconds.)",
    line=1717,
)



def child_times(code):
    """(real, user + sys) of a child interpreter running ``code``, as `time` counts them."""
    before = os.times()
    started = time.perf_counter()
    run_python(code).assert_ok()
    real = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return real, cpu


def test_a_cpu_bound_single_threaded_program_uses_at_most_one_cpu_second_per_second():
    """A single-threaded CPU-bound child's (user + sys) / real is at most 1, so the notes' ratio is at least 1"""
    # Red where CPU time were counted wrongly (more CPU seconds than wall seconds on one thread).
    real, cpu = child_times(BUSY)
    assert cpu >= BUSY_CPU * 0.9, (real, cpu)  # os.times counts in clock ticks
    assert cpu / real <= 1.05, (real, cpu)


def test_the_notes_ratio_exceeds_one_for_a_program_that_mostly_waits():
    """A child that sleeps 0.5 s has (user + sys) / real below 0.5, and the notes' real / (user + sys) above 2"""
    # Red where sleeping were counted as CPU time (its CPU seconds would near its wall seconds).
    real, cpu = child_times(SLEEPING)
    assert real >= SLEEP
    assert cpu / real < 0.5, (real, cpu)
    assert real / max(cpu, 1e-9) > 2, (real, cpu)  # a "share of time" above 100%

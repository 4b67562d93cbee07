"""A program's CPU utilisation is (user + sys) / real: about 1 for a CPU-bound child, about 0 for a sleeping one; the notes' real / (user + sys) is its inverse."""
import pytest

from claimspec import Claim, run_python

pytestmark = pytest.mark.speed

CLAIM = Claim(
    section="Profiling a program in Linux",
    notes="Time a program with the `time` command; its duty cycle is real / (user + sys).",
    verdict="notes-wrong",
    truth="The share of time a program keeps a CPU busy (its duty cycle, or CPU utilisation) "
    "is (user + sys) / real: near 1 for a single-threaded CPU-bound program, near 0 for one "
    "that mostly waits, above 1 only when several cores work at once. The notes' ratio is the "
    "inverse: it is smallest for busy programs and grows without bound for idle ones. Measured "
    "here on child interpreters with os.times() (what `time` reports as user and sys).",
)

GROUP = "CPU utilisation of a child: (user + sys) / real"
SECONDS = 0.3

BUSY = f"""
    import time
    while time.process_time() < {SECONDS}:  # a fixed amount of CPU work
        pass
"""
SLEEPING = f"""
    import time
    time.sleep({SECONDS})  # the program's work is a wait
"""


def variants():
    return {
        "busy child": lambda: run_python(BUSY).assert_ok() and None,
        "sleeping child": lambda: run_python(SLEEPING).assert_ok() and None,
    }


@pytest.fixture
def measured(side_by_side):
    result = side_by_side(GROUP, variants(), rounds=2, warmup=0)
    busy = side_by_side.record_value("(user+sys)/real of a CPU-bound child", result.parallelism("busy child"))
    idle = side_by_side.record_value("(user+sys)/real of a sleeping child", result.parallelism("sleeping child"))
    return side_by_side, busy, idle


def test_a_cpu_bound_child_keeps_about_one_core_busy(measured):
    side_by_side, busy, idle = measured
    # At most one core: it has one thread. Below 1 only when other jobs take the CPU from it.
    assert busy <= 1.1, side_by_side.history()
    assert busy > 3 * idle, side_by_side.history()


def test_a_sleeping_child_keeps_the_cpu_almost_idle(measured):
    side_by_side, busy, idle = measured
    # Its only CPU time is the interpreter's start-up (a few tens of ms).
    assert idle < 0.3, side_by_side.history()


def test_the_notes_ratio_would_call_the_idle_program_the_busier_one(measured):
    side_by_side, busy, idle = measured
    notes_busy, notes_idle = 1 / busy, 1 / idle
    side_by_side.record_value("the notes' real/(user+sys), CPU-bound child", notes_busy)
    side_by_side.record_value("the notes' real/(user+sys), sleeping child", notes_idle)
    assert notes_idle > 3 * notes_busy, side_by_side.history()

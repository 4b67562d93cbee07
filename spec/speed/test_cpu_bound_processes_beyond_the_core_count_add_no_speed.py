"""For CPU-bound work, more processes than usable cores finish no sooner: the extra processes add only their start-up and switching."""
import pytest

from claimspec import Claim, usable_cores

from spec.speed.speedwork import burn, calibrate_burn, in_forks, in_processes, in_sequence

CLAIM = Claim(
    section="Sync usage recommendations",
    notes="At a 70-100% duty cycle the number of processes should not exceed the number of cores.",
    verdict="opinion",
    truth="Measured: the same CPU work split over one process per usable core and over four per "
    "core: the finer split is no faster, and pays for the extra start-ups, so more processes "
    "than cores buy nothing for CPU-bound work. The advice stops holding as the work waits more "
    "(a process that waits leaves its core to another), and 'cores' must mean the usable ones "
    "(os.sched_getaffinity, os.process_cpu_count() in 3.13+): multiprocessing.cpu_count() "
    "counts the machine's (judged in "
    "spec/processes/test_cpu_count_counts_the_machine_not_the_usable_cores.py).",
    extra={
        "measured": "the same CPU work split over one process per usable core, and over four "
        "per core: the four-per-core split is no faster, and pays for the extra start-ups",
    },
    line=1699,
)

GROUP = "CPU-bound processes: one per core vs four per core"
UNIT_SECONDS = 0.08  # CPU seconds per unit: a process start is a few percent of its 4 units
UNITS_PER_CORE = 4


@pytest.fixture(scope="module")
def unit():
    return calibrate_burn(UNIT_SECONDS)


def variants(unit):
    cores = usable_cores()
    return {
        "one per core": lambda: in_processes(burn, [(unit * UNITS_PER_CORE,)] * cores),
        "four per core": lambda: in_processes(burn, [(unit,)] * (cores * UNITS_PER_CORE)),
    }


def with_probe(unit):
    """The two splits, and the bare-fork probe measured in the same rounds: two forked processes
    against the same two pieces of work in sequence show whether two cores were free."""
    calls = [(unit * UNITS_PER_CORE,)] * 2
    return {
        **variants(unit),
        "sequential": lambda: in_sequence(burn, calls),
        "forked": lambda: in_forks(burn, calls),
    }


@pytest.mark.parametrize("variant", ["one per core", "four per core"], ids=["one-per-core", "four-per-core"])
def test_each_split_of_the_work_is_benchmarked_and_every_worker_exits_0(benchmark_variant, unit, variant):
    """Each split (one or four processes per core) is benchmarked, and every worker exits with 0"""
    # Red where a worker process fails (in_processes raises) or is never started (fewer exit codes).
    codes = benchmark_variant(GROUP, variant, variants(unit)[variant], rounds=2, warmup=0, usable_cores=usable_cores())
    per_core = 1 if variant == "one per core" else UNITS_PER_CORE
    assert codes == [0] * (usable_cores() * per_core)


def test_four_processes_per_core_finish_no_sooner_than_one_per_core(side_by_side, unit):
    """Four CPU-bound processes per usable core finish less than 1.25x sooner than one per core"""
    # Red on a runtime whose usable-core count understates the cores the work gets (one per
    # "core" then leaves cores idle, and the finer split fills them: about 2x). Decided on paired
    # rounds with a 95% interval. Either way it is judged only when the bare-fork probe in the same
    # rounds saw two cores free: another job that takes a core from one of the one-per-core
    # processes lets the finer split win for a reason that is not the claim's, and one that takes a
    # core from every split hides the understated count.
    gate = side_by_side.gate(GROUP, with_probe(unit), "one per core", "four per core",
                             "four per core faster than one per core by", below=1.25, busy_skips="both")
    side_by_side.record_value("usable cores", usable_cores())
    # The cores are the limit: splitting finer cannot beat it (on a machine whose reported
    # cores understate what it has, it would).
    assert gate.holds, gate

"""For CPU-bound work, more processes than usable cores finish no sooner: the extra processes add only their start-up and switching."""
import pytest

from claimspec import Claim, usable_cores

from spec.speed.speedwork import burn, calibrate_burn, in_processes

pytestmark = pytest.mark.speed

CLAIM = Claim(
    section="Sync usage recommendations",
    notes="At a 70-100% duty cycle, use no more processes than cores (multiprocessing.cpu_count()).",
    verdict="holds",
    extra={
        "measured": "the same CPU work split over one process per usable core, and over four "
        "per core: the four-per-core split is no faster, and pays for the extra start-ups",
        "cores": "count usable cores (os.sched_getaffinity, os.process_cpu_count() in 3.13+), "
        "not cpu_count(), which counts the machine's cores even when this process may use fewer",
    },
)

GROUP = "CPU-bound processes: one per core vs four per core"
UNIT_SECONDS = 0.03
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


@pytest.mark.parametrize("variant", ["one per core", "four per core"], ids=["one-per-core", "four-per-core"])
def test_each_split_of_the_work_is_benchmarked(benchmark_variant, unit, variant):
    benchmark_variant(GROUP, variant, variants(unit)[variant], rounds=2, warmup=0, usable_cores=usable_cores())


def test_four_processes_per_core_finish_no_sooner_than_one_per_core(side_by_side, unit):
    result = side_by_side(GROUP, variants(unit), rounds=3)
    gain = side_by_side.record(result, "one per core", "four per core", "four per core faster than one per core by")
    side_by_side.record_value("usable cores", usable_cores())
    # The cores are the limit: splitting finer cannot beat it (on a machine whose reported
    # cores understate what it has, it would).
    assert gain < 1.25, side_by_side.history()

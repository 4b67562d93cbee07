"""multiprocessing.cpu_count() counts the machine's logical CPUs, not the cores this process may use."""
import multiprocessing
import os
import sys

import pytest

from claimspec import Claim, requires_cores, run_python, usable_cores
from claimspec.runtime import IS_CPYTHON

CLAIM = Claim(
    section="Sync usage recommendations",
    notes="multiprocessing.cpu_count() gives the number of cores, the bound on the number of processes.",
    verdict="partly",
    truth=(
        "cpu_count() is os.cpu_count(): the logical CPUs of the whole machine (hyper-threads "
        "included), which is the usable count only when nothing narrows it. It ignores the CPU "
        "affinity the process runs under (taskset, a container's cpuset), so it can be more than "
        "the cores the process may use; len(os.sched_getaffinity(0)) or, from 3.13, "
        "os.process_cpu_count() count those. From CPython 3.13 both can be overridden with "
        "PYTHON_CPU_COUNT or -X cpu_count. The start method makes no difference here. (The advice "
        "itself is judged in spec/speed/test_cpu_bound_processes_beyond_the_core_count_add_no_speed.py.)"
    ),
    line=1699,
)


def test_cpu_count_is_the_same_figure_as_os_cpu_count(claim_measurement):
    """`multiprocessing.cpu_count()` equals `os.cpu_count()`, and is at least the usable cores"""
    claim_measurement("multiprocessing.cpu_count()", multiprocessing.cpu_count())
    claim_measurement("usable cores (affinity)", usable_cores())
    assert multiprocessing.cpu_count() == os.cpu_count()
    assert multiprocessing.cpu_count() >= usable_cores()


_NARROWED = """
import multiprocessing, os
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
print("usable:", len(os.sched_getaffinity(0)))
print("cpu_count equals os.cpu_count:", multiprocessing.cpu_count() == os.cpu_count())
print("cpu_count:", multiprocessing.cpu_count())
if hasattr(os, "process_cpu_count"):
    print("process_cpu_count:", os.process_cpu_count())
"""


@requires_cores(2)
@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="this platform cannot narrow a process's CPU affinity")
def test_cpu_count_ignores_an_affinity_narrowed_to_one_core():
    """With its affinity narrowed to one core a process still gets the machine's count from `cpu_count()`"""
    ran = run_python(_NARROWED).assert_ok()
    lines = ran.stdout.splitlines()
    assert lines[0] == "usable: 1", ran.describe()
    assert lines[1] == "cpu_count equals os.cpu_count: True", ran.describe()
    assert int(lines[2].split(":")[1]) >= 2, ran.describe()
    if sys.version_info >= (3, 13):
        assert lines[3] == "process_cpu_count: 1", ran.describe()
    else:
        assert len(lines) == 3, ran.describe()


def test_python_cpu_count_overrides_it_from_cpython_3_13_only():
    """`PYTHON_CPU_COUNT` overrides `cpu_count()` from CPython 3.13 on, and changes nothing before"""
    code = "import multiprocessing, os; print(multiprocessing.cpu_count(), os.cpu_count())"
    ran = run_python(code, env={"PYTHON_CPU_COUNT": "1"}).assert_ok()
    counted, os_counted = map(int, ran.stdout.split())
    if IS_CPYTHON and sys.version_info >= (3, 13):
        assert (counted, os_counted) == (1, 1), ran.describe()
    else:
        unaffected = run_python(code).assert_ok()
        assert ran.stdout == unaffected.stdout, "PYTHON_CPU_COUNT changed the count before 3.13"

"""The speed claims' limit rules fail the run: a figure above its physical limit, one below 90% of it
when the machine showed free cores, and work too small for its start-up.

A throwaway test module uses the speed claims' fixtures (spec/speed/conftest.py as a plugin) on fake
"work" whose timings are known (sleeps of set lengths: the work here, not a synchronisation), and is
run by pytest in a child process; each case checks the child's verdict on one test.
"""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

DEMO = '''
import time

def work(seconds):
    return lambda: time.sleep(seconds)

def test_a_figure_above_its_limit(side_by_side):
    # "2 workers" that finish 3x sooner than one: more than 2 cores' worth
    result = side_by_side("GIL: demo, 2 units of work", {"sequential": work(0.03), "parallel": work(0.01)},
                          rounds=3, limits={"parallel": 2})
    side_by_side.record_within_limit(result, "sequential", "parallel", "speed-up of 2 demo workers", 2)

def test_a_figure_within_its_limit(side_by_side):
    result = side_by_side("GIL: demo, 2 units of work", {"sequential": work(0.03), "parallel": work(0.02)},
                          rounds=3, limits={"parallel": 2})
    side_by_side.record_within_limit(result, "sequential", "parallel", "speed-up of 2 demo workers", 2)

def test_a_figure_far_below_its_limit_while_the_cores_were_free(side_by_side):
    # the bare-fork probe shows two free cores (about 2.7x), the claim's way gets 1.5x
    result = side_by_side("GIL: demo, 2 units of work",
                          {"sequential": work(0.03), "forked": work(0.011), "parallel": work(0.02)}, rounds=3)
    figure = side_by_side.record_within_limit(result, "sequential", "parallel", "speed-up of 2 demo workers", 2)
    side_by_side.near_limit(result, "speed-up of 2 demo workers", figure, 2)

def test_a_figure_far_below_its_limit_while_the_machine_was_busy(side_by_side):
    # the probe got 1.5x: no two free cores, so the floor is not judged (and the record says so)
    result = side_by_side("GIL: demo, 2 units of work",
                          {"sequential": work(0.03), "forked": work(0.02), "parallel": work(0.02)}, rounds=3)
    figure = side_by_side.record_within_limit(result, "sequential", "parallel", "speed-up of 2 demo workers", 2)
    assert side_by_side.near_limit(result, "speed-up of 2 demo workers", figure, 2) is False

def test_work_too_small_for_its_start_up(side_by_side):
    # starting the workers (20 ms) is a third of the work (60 ms)
    side_by_side.startup_share("2 demo workers", work(0.02), 0.06)

def test_work_large_enough_for_its_start_up(side_by_side):
    side_by_side.startup_share("2 demo workers", work(0.001), 0.2)

def test_a_figure_a_child_reports_above_its_limit(physical_limit):
    physical_limit("speed-up of 2 demo workers in a child", 2.6, 2)
'''


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """{test name: PASSED or FAILED} from one pytest run of the demo module, and its output."""
    folder = tmp_path_factory.mktemp("speed-limits")
    (folder / "test_demo.py").write_text(DEMO, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "claimspec.plugin", "-p", "spec.speed.conftest", "-p", "no:cacheprovider",
         "-p", "no:randomly", "-p", "no:xdist", "-rA", "-q", "test_demo.py"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120,
    )
    found = dict((name, verdict) for verdict, name in re.findall(r"^(PASSED|FAILED) test_demo\.py::(\w+)", done.stdout, re.M))
    return found, done.stdout


@pytest.mark.parametrize("test, verdict", [
    ("test_a_figure_above_its_limit", "FAILED"),
    ("test_a_figure_within_its_limit", "PASSED"),
    ("test_a_figure_far_below_its_limit_while_the_cores_were_free", "FAILED"),
    ("test_a_figure_far_below_its_limit_while_the_machine_was_busy", "PASSED"),
    ("test_work_too_small_for_its_start_up", "FAILED"),
    ("test_work_large_enough_for_its_start_up", "PASSED"),
    ("test_a_figure_a_child_reports_above_its_limit", "FAILED"),
])
def test_each_limit_rule_decides_the_verdict_of_a_speed_test(outcomes, test, verdict):
    """A speed figure above its limit, below 90% of it on free cores, or swamped by start-up fails its test"""
    # Red where check_limit, near_limit or startup_share stops asserting (the FAILED cases pass),
    # or judges too eagerly (the PASSED cases fail).
    found, output = outcomes
    assert found.get(test) == verdict, output[-3000:]


def test_a_figure_above_its_limit_is_named_with_its_limit_in_the_failure(outcomes):
    """The failure of a figure above its limit names the figure, its value and its physical limit"""
    # Red where the message would leave the reader guessing which figure broke which limit.
    _, output = outcomes
    assert re.search(r"speed-up of 2 demo workers = 2\.\d\dx is above its physical limit of 2x", output), output[-3000:]

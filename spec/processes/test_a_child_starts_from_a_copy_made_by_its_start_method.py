"""A child starts from a copy of its parent made at fork time under fork, and from a fresh import of the modules under spawn and forkserver."""
import multiprocessing
import pickle
import sys

import pytest

from claimspec import LONG, SHORT, Claim, requires_start_method, run_python
from claimspec.runtime import IS_CPYTHON, default_start_method, documented_default_start_method, forced_default_start_method
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="Process vs Thread",
    notes="Each process has its own copy of the data, made copy on write.",
    verdict="runtime-dependent",
    depends_on=(
        "the start method, and so the version and platform that choose the default one. "
        "Copy-on-write describes fork only: the child is a copy of the parent at the moment of "
        "fork, module-level variables as the parent had them and arguments inherited as objects "
        "(they need not be picklable). Under spawn and forkserver the child is a new interpreter "
        "that imports the modules again (module-level variables as the module defines them, the "
        "__main__ block not run) and unpickles its arguments, so an argument must be picklable. "
        "Linux defaults to fork up to 3.13 and to forkserver from 3.14; macOS (since 3.8) and "
        "Windows default to spawn. From CPython 3.12 forking a process in which another thread "
        "runs emits a DeprecationWarning (hidden unless warnings are shown), because the child "
        "gets a copy of locks other threads may hold."
    ),
    line=1472,
)


def test_the_default_start_method_is_fork_on_linux_before_3_14_and_forkserver_from_3_14():
    """Linux's default start method is fork up to 3.13 and forkserver from 3.14; macOS and Windows use spawn"""
    # Red on a runtime whose default differs from the documented one (a 3.14 still forking).
    # The spawn-default run (SPEC_START_METHOD) changes this process's default on purpose: there
    # the chosen method must be in force, and a fresh interpreter still has the documented one.
    forced = forced_default_start_method()
    assert default_start_method() == (forced or documented_default_start_method())
    ran = run_python("import multiprocessing; print(multiprocessing.get_start_method())")
    assert ran.assert_ok().stdout == documented_default_start_method() + "\n", ran.describe()


def test_a_child_sees_a_global_as_the_parent_set_it_under_fork_and_as_imported_otherwise(mp_context):
    """A fork child sees a module-level variable as the parent set it; spawn and forkserver children as imported"""
    # Red if fork did not copy the parent, or spawn/forkserver children inherited its state.
    report = mp_context.Queue()
    before = targets.GLOBAL
    targets.GLOBAL = "changed in the parent before start"
    try:
        child = mp_context.Process(target=targets.report_global, args=(report,))
        assert targets.run_to_end([child], LONG) == [0]
    finally:
        targets.GLOBAL = before
    seen = targets.drain(report, 1, SHORT)["child sees"]
    if mp_context.get_start_method() == "fork":
        assert seen == "changed in the parent before start"
    else:
        assert seen == "as the module defines it"


def _not_picklable():
    return "called in the child"


_not_picklable.__qualname__ = "a name pickle cannot look up"


@requires_start_method("fork")
def test_under_fork_an_argument_is_inherited_and_need_not_be_picklable():
    """Under fork a child inherits its arguments as objects: a function pickle cannot find still runs"""
    # Red if fork pickled the arguments as spawn does.
    ctx = multiprocessing.get_context("fork")
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        pickle.dumps(_not_picklable)
    report = ctx.Queue()
    child = ctx.Process(target=targets.call_it, args=(_not_picklable, report))
    assert targets.run_to_end([child], LONG) == [0]
    assert targets.drain(report, 1, SHORT) == {"called": "called in the child"}


@pytest.mark.parametrize(
    "start_method",
    [pytest.param(m, id=m, marks=requires_start_method(m)) for m in ("spawn", "forkserver")],
)
def test_under_spawn_and_forkserver_an_argument_that_cannot_be_pickled_stops_start(start_method):
    """Under spawn and forkserver an argument that cannot be pickled makes start() raise, and no child runs"""
    # Red if these start methods handed the object over without pickling it.
    ctx = multiprocessing.get_context(start_method)
    report = ctx.Queue()
    child = ctx.Process(target=targets.call_it, args=(_not_picklable, report))
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        child.start()
    assert child.exitcode is None and not child.is_alive()


_FORK = """
import multiprocessing, sys, threading, warnings

def child():
    pass

if __name__ == "__main__":
    with_thread = sys.argv[1] == "with another thread"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, args=(60,))
    if with_thread:
        other.start()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        p = multiprocessing.get_context("fork").Process(target=child)
        p.start()
    p.join(60)
    stop.set()
    if with_thread:
        other.join(60)
    print("exit code", p.exitcode)
    for w in caught:
        print(w.category.__name__, str(w.message).split(",")[-1].strip())
"""


@requires_start_method("fork")
@pytest.mark.parametrize("threads", ["with another thread", "alone"])
def test_from_cpython_3_12_forking_while_another_thread_runs_warns(threads):
    """From CPython 3.12 forking while another thread runs emits a `DeprecationWarning`; alone, or earlier, nothing"""
    # Red on a CPython 3.12+ that forked a multi-threaded process silently, one that warned
    # with no other thread, or an older CPython or PyPy 3.9 that warned at all.
    # No watchdog in this child: faulthandler's timer is an OS thread, and 3.12 counts those.
    ran = run_python(_FORK, threads, env={"SPEC_WATCHDOG": ""}).assert_ok()
    warns = IS_CPYTHON and sys.version_info >= (3, 12) and threads == "with another thread"
    expected = ["exit code 0"]
    if warns:
        expected.append("DeprecationWarning use of fork() may lead to deadlocks in the child.")
    assert ran.stdout.splitlines() == expected, ran.describe()

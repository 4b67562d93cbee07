"""Each process runs its own interpreter with its own GIL, so processes run Python in parallel; one process can too, with several interpreters (each with its own GIL since 3.12) or with no GIL (the free-threaded build, 3.13t on)."""
import os

import pytest

from claimspec import LONG, SHORT, Claim, cpython_only, requires_gil, run_python, start_method_params
from spec.processes import process_targets as targets

CLAIM = Claim(
    section="GIL",
    notes=(
        "If we want parallel execution we should use multiprocessing, where each process has its "
        "own VM/interpreter environment."
    ),
    verdict="partly",
    truth=(
        "Each process does run its own interpreter with its own GIL (a copy of the parent's under "
        "fork, a fresh one under spawn and forkserver), so processes run Python in parallel under "
        "every start method. But multiprocessing is no longer the only way: since 3.12 each "
        "interpreter of one process can have its own GIL (PEP 684, C API), 3.14 added "
        "concurrent.interpreters and concurrent.futures.InterpreterPoolExecutor to run Python on "
        "several interpreters of one process in parallel, and free-threaded builds (3.13t, "
        "supported from 3.14) run threads of one interpreter in parallel. C code that releases "
        "the GIL runs in parallel on plain threads everywhere. (See "
        "spec/gil/test_one_process_can_run_several_interpreters.py.)"
    ),
    line=321,
)

# The parent holds its GIL without a break: ctypes.PyDLL calls keep the GIL, the switch
# interval is raised so that no waiting thread asks for it, and reading a RawValue takes no
# lock. A thread of the same process cannot run meanwhile; a child process can.
_GIL_HELD_PROGRAM = """
import ctypes, multiprocessing, sys, threading, time

def child(start, done, limit):
    deadline = time.monotonic() + limit
    while start.value == 0 and time.monotonic() < deadline:
        time.sleep(0.001)
    done.value = 1

if __name__ == "__main__":
    ctx = multiprocessing.get_context(sys.argv[1])
    limit = float(sys.argv[2])
    start, done = ctx.RawValue("i", 0), ctx.RawValue("i", 0)
    holds_gil = ctypes.PyDLL(None).usleep
    default_interval = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    p = ctx.Process(target=child, args=(start, done, limit))
    p.start()
    go, thread_ran = threading.Event(), []
    t = threading.Thread(target=lambda: go.wait(limit) and thread_ran.append(True))
    t.start()
    # From here until the loop ends the main thread never lets go of the GIL.
    start.value = 1
    go.set()
    deadline = time.monotonic() + limit
    while done.value == 0 and time.monotonic() < deadline:
        holds_gil(1000)
    child_ran_meanwhile, thread_ran_meanwhile = done.value == 1, bool(thread_ran)
    sys.setswitchinterval(default_interval)
    t.join(limit)
    p.join(limit)
    print("child process ran while the GIL was held:", child_ran_meanwhile)
    print("thread ran while the GIL was held:", thread_ran_meanwhile)
    print("thread ran once the GIL was released:", bool(thread_ran))
    print("child exit code:", p.exitcode)
"""


@cpython_only
@requires_gil
@pytest.mark.parametrize("start_method", start_method_params())
def test_a_child_process_runs_python_while_the_parent_holds_its_gil(start_method):
    """A child process runs Python while its parent holds its GIL; a thread of the parent cannot"""
    # Red where processes shared one GIL (the child would stall too) or the parent's lock were
    # not held (the thread would run): checked with a usleep through ctypes.CDLL, which drops it.
    ran = run_python(_GIL_HELD_PROGRAM, start_method, str(LONG / 2)).assert_ok()
    assert ran.stdout.splitlines() == [
        "child process ran while the GIL was held: True",
        "thread ran while the GIL was held: False",
        "thread ran once the GIL was released: True",
        "child exit code: 0",
    ], ran.describe()


def test_interpreter_state_is_inherited_under_fork_and_fresh_otherwise_and_never_flows_back(mp_context):
    """A child's interpreter starts with the parent's settings under fork, fresh ones otherwise, and never changes the parent's"""
    import sys

    report = mp_context.Queue()
    original = sys.getrecursionlimit()
    set_in_parent, set_in_child = original + 321, original + 654
    sys.setrecursionlimit(set_in_parent)
    try:
        child = mp_context.Process(target=targets.report_interpreter, args=(report, set_in_child))
        assert targets.run_to_end([child], LONG) == [0]
        assert sys.getrecursionlimit() == set_in_parent, "the child's setting reached the parent"
    finally:
        sys.setrecursionlimit(original)
    seen = targets.drain(report, 3, SHORT)
    assert seen["pid"] != os.getpid()
    assert seen["recursion limit after change"] == set_in_child
    if mp_context.get_start_method() == "fork":
        assert seen["recursion limit at start"] == set_in_parent
    else:
        assert seen["recursion limit at start"] != set_in_parent

"""The notes' managed-dict program works only under fork: its bar reads the module-level `d` that only the `__main__` block sets, which spawn and forkserver children never run."""
import pytest

from claimspec import LONG, Claim, run_python, start_method_params
from claimspec.runtime import default_start_method, documented_default_start_method, forced_default_start_method

CLAIM = Claim(
    section="Data sharing between process: dict or list",
    notes=(
        "In the notes' managed-dict example (no transcript) foo prints the dict and adds two keys; "
        "bar, which takes a parameter it never uses, prints the dict through the module-level d "
        "the __main__ block made and deletes 'role'; main prints the contents and d itself."
    ),
    verdict="runtime-dependent",
    depends_on=(
        "the start method, and so the version and platform. Under fork the child inherits the "
        "parent's module-level variables, d included (a working proxy), so bar prints foo's "
        "changes and deletes 'role', and print(d) in main shows the contents. Under spawn and "
        "forkserver the child imports the main module afresh without running its __main__ block, "
        "so d does not exist: bar dies with NameError (on the child's stderr), its exit code is 1 "
        "and 'role' stays. Run as written, with the default start method, the program works on "
        "Linux up to 3.13 (fork) and fails in bar from 3.14 (forkserver) and on macOS and Windows "
        "(spawn). The parent runs no other thread when it forks, so 3.12's fork DeprecationWarning "
        "does not appear. Passing d as bar's argument works under every start method. Process "
        "names start at Process-2: the Manager's server process took the first number."
    ),
    changed_in={
        "3.14": ("forkserver replaced fork as the default start method on Linux and other POSIX systems but macOS", "https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods"),
    },
    line=1631,
)

# The notes' structure, with an event in place of their sleeps (foo writes before bar reads).
_PROGRAM = """
import multiprocessing, sys
from multiprocessing import Process, Manager, Event, current_process

def foo(d, written):
    t = current_process()
    print(f"In foo[{t.name}]: d contains {dict(d)}", flush=True)
    d["name"] = "Smith"
    d["country"] = "India"
    written.set()

def bar(arr, written, limit):
    t = current_process()
    written.wait(limit)
    print(f"In bar[{t.name}]: d contains {dict(d)}", flush=True)
    del d["role"]

if __name__ == "__main__":
    if sys.argv[1] != "default":
        multiprocessing.set_start_method(sys.argv[1])
    limit = float(sys.argv[2])
    manager = Manager()
    d = manager.dict()
    d["name"] = "Jones"
    d["role"] = "Developer"
    d["place"] = "Hyderabad"
    written = Event()
    t1 = Process(target=foo, args=(d, written))
    t2 = Process(target=bar, args=(d, written, limit))
    t1.start()
    t2.start()
    t1.join(limit)
    t2.join(limit)
    print("In main: contents of d =", dict(d))
    print("In main: d =", d)
    print("exit codes", t1.exitcode, t2.exitcode)
"""

FIRST = {"name": "Jones", "role": "Developer", "place": "Hyderabad"}
AFTER_FOO = {"name": "Smith", "role": "Developer", "place": "Hyderabad", "country": "India"}
AFTER_BAR = {"name": "Smith", "place": "Hyderabad", "country": "India"}

WORKS = [
    f"In foo[Process-2]: d contains {FIRST}",
    f"In bar[Process-3]: d contains {AFTER_FOO}",
    f"In main: contents of d = {AFTER_BAR}",
    f"In main: d = {AFTER_BAR}",
    "exit codes 0 0",
]
FAILS_IN_BAR = [
    f"In foo[Process-2]: d contains {FIRST}",
    f"In main: contents of d = {AFTER_FOO}",
    f"In main: d = {AFTER_FOO}",
    "exit codes 0 1",
]


def _assert_outcome(ran, forked):
    assert ran.returncode == 0, ran.describe()
    if forked:
        assert ran.stderr == "", ran.describe()  # no NameError, and no fork DeprecationWarning
        assert ran.stdout.splitlines() == WORKS, ran.describe()
    else:
        assert ran.stderr.startswith("Process Process-3:"), ran.describe()
        assert "NameError" in ran.stderr and "'d' is not defined" in ran.stderr, ran.describe()
        assert ran.stdout.splitlines() == FAILS_IN_BAR, ran.describe()


# Warnings are shown (PYTHONWARNINGS), so a fork DeprecationWarning would reach stderr. The
# child runs without claimspec's watchdog: faulthandler's timer is an OS thread, which 3.12's
# check counts. The program bounds its own waits, and run_python still kills it at its timeout.
_SHOW_WARNINGS = {"PYTHONWARNINGS": "default", "SPEC_WATCHDOG": ""}


@pytest.mark.parametrize("start_method", start_method_params())
def test_bar_sees_the_module_level_d_only_when_the_child_is_forked(start_method):
    """Under fork bar prints foo's changes and deletes 'role'; under spawn and forkserver it dies with `NameError`"""
    # Red if spawn/forkserver children ran the __main__ block (d would exist), or a fork
    # child lacked the parent's module-level variables.
    ran = run_python(_PROGRAM, start_method, str(LONG / 2), env=_SHOW_WARNINGS)
    _assert_outcome(ran, forked=start_method == "fork")


def test_run_as_written_the_program_works_on_linux_up_to_3_13_and_fails_in_bar_from_3_14():
    """With the default start method the program works on Linux up to 3.13 and fails in bar from 3.14"""
    # Red on a 3.14 that still forked by default (bar would work), or a 3.13 that did not.
    expected = documented_default_start_method()
    # the spawn-default run (SPEC_START_METHOD) changes only this process's default, not the
    # fresh interpreter's below
    assert default_start_method() == (forced_default_start_method() or expected)
    ran = run_python(_PROGRAM, "default", str(LONG / 2), env=_SHOW_WARNINGS)
    _assert_outcome(ran, forked=expected == "fork")

"""Outside a running loop, asyncio.get_event_loop() in the main thread silently creates a loop up to 3.11 (bar a few early releases that warn), warns with DeprecationWarning on 3.12-3.13, and raises RuntimeError from 3.14; asyncio.run works on all of them."""
import json
import sys

import pytest

from claimspec import Claim, run_python
from claimspec.notebook import notebook_test

CLAIM = Claim(
    section="Concurrency: asyncio",
    notes=(
        "The asyncio program gets its loop with asyncio.get_event_loop() at the top of the main "
        "program, with no loop running, and runs asyncio.gather(foo(), bar()) on it with "
        "loop.run_until_complete."
    ),
    verdict="runtime-dependent",
    depends_on=(
        "the Python version. With no running loop and none set, in the main thread: 3.9 (and PyPy 3.9) "
        "creates one silently; 3.10.0-3.10.8 and 3.11.0 create one with a DeprecationWarning; 3.10.9 "
        "and 3.11.1 likewise (gh-93453); 3.10.10+ and 3.11.2+ silently again (gh-100160); 3.12 and "
        "3.13 create one with DeprecationWarning 'There is no current event loop'; 3.14 raises "
        "RuntimeError (gh-126353). Checked against CPython's docs and commits. In a notebook (an "
        "ipykernel cell) a loop is always running: get_event_loop() returns it and the notes' "
        "run_until_complete line raises RuntimeError 'This event loop is already running' on every "
        "version, asyncio.run raises RuntimeError too, and a top-level `await asyncio.gather(...)` "
        "is the form that works there."
    ),
    changed_in={
        "3.12": ("with no current loop, get_event_loop() warns DeprecationWarning as it creates one", "https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop"),
        "3.14": ("with no current loop, get_event_loop() raises RuntimeError", "https://github.com/python/cpython/pull/126354"),
    },
    line=1692,
    extra={"works everywhere": "asyncio.run(main()), since 3.7"},
)

# From a fresh interpreter, so no loop or policy state of ours leaks in: first the main thread,
# then a second thread, each with no loop running and none set.
PROBE = """
import asyncio, json, threading, warnings

def probe():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError as exc:
            outcome = "RuntimeError: " + str(exc)
        else:
            outcome = "a new loop" if not loop.is_running() and not loop.is_closed() else "something else"
            loop.close()
    return {"outcome": outcome, "warnings": [w.category.__name__ + ": " + str(w.message) for w in caught]}

found = {"main thread": probe()}
def in_a_thread():
    found["worker thread"] = probe()
worker = threading.Thread(target=in_a_thread, name="worker")
worker.start()
worker.join()
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def probed():
    ran = run_python(PROBE).assert_ok()
    return json.loads(ran.stdout)


NO_LOOP_WARNING = "DeprecationWarning: There is no current event loop"


def expected_behaviour(version=sys.version_info):
    """(outcome, warnings) of get_event_loop() with no loop, per the CPython docs and changelog."""
    major_minor, micro = version[:2], version[2]
    if major_minor >= (3, 14):
        return "RuntimeError: There is no current event loop in thread 'MainThread'.", []
    if major_minor in ((3, 12), (3, 13)):
        return "a new loop", [NO_LOOP_WARNING]
    if (major_minor == (3, 10) and micro <= 9) or (major_minor == (3, 11) and micro <= 1):
        return "a new loop", [NO_LOOP_WARNING]
    return "a new loop", []


def test_get_event_loop_in_the_main_thread_behaves_as_this_version_should(probed):
    """In the main thread `asyncio.get_event_loop()` with no loop creates one, warns or raises, as per version"""
    # Red on a version that behaves otherwise than its docs say (e.g. 3.14 still creating a loop);
    # checked by running the probe on 3.9, 3.10, 3.11, 3.12 and 3.13.
    outcome, warnings = expected_behaviour()
    assert probed["main thread"] == {"outcome": outcome, "warnings": warnings}


def test_outside_the_main_thread_get_event_loop_raises_runtimeerror_on_every_version(probed):
    """Outside the main thread `asyncio.get_event_loop()` with no loop raises `RuntimeError` on every version"""
    # Red on a version that created loops implicitly in any thread.
    # No implicit loop outside the main thread on any version; 3.10.0-3.10.8 and 3.11.0 warned first.
    got = probed["worker thread"]
    assert got["outcome"] == "RuntimeError: There is no current event loop in thread 'worker'."
    assert set(got["warnings"]) <= {NO_LOOP_WARNING}


NOTES_FORM = """
import asyncio

async def foo():
    for i in range(3):
        print("foo: counting", i)
        await asyncio.sleep(0.005)

async def bar():
    for i in range(3):
        print("bar: counting", i)
        await asyncio.sleep(0.005)

async def main():
    await asyncio.gather(foo(), bar())

if __name__ == '__main__':
    {runner}
"""
ALTERNATION = "".join(f"foo: counting {i}\nbar: counting {i}\n" for i in range(3))


def test_the_notes_program_form_works_warns_or_fails_by_version():
    """The notes' `get_event_loop()` program runs to 3.11, warns on 3.12 and 3.13, raises `RuntimeError` on 3.14"""
    # Red if the program's outcome on this version differs from expected_behaviour (exit code,
    # output, the warning on stderr).
    ran = run_python(
        NOTES_FORM.format(runner="loop = asyncio.get_event_loop()\n    loop.run_until_complete(asyncio.gather(foo(), bar()))"),
        env={"PYTHONWARNINGS": ""},
    )
    outcome, warnings = expected_behaviour()
    if outcome.startswith("RuntimeError"):
        assert ran.returncode == 1 and ran.stdout == "", ran.describe()
        assert "RuntimeError: There is no current event loop" in ran.stderr, ran.describe()
    elif warnings:
        # Shown by default: the warning is attributed to the line in __main__ that called it.
        assert ran.returncode == 0 and ran.stdout == ALTERNATION, ran.describe()
        assert NO_LOOP_WARNING in ran.stderr, ran.describe()
    else:
        ran.assert_ok()
        assert ran.stdout == ALTERNATION


def test_asyncio_run_gives_the_same_output_cleanly_on_every_version():
    """`asyncio.run(main())` prints the same alternation with no warning on every version, warnings as errors"""
    # Red on a version where asyncio.run warned or failed.
    # Every warning is an error here: asyncio.run neither warns nor fails on any version.
    ran = run_python(NOTES_FORM.format(runner="asyncio.run(main())"), env={"PYTHONWARNINGS": "error"})
    ran.assert_ok()
    assert ran.stdout == ALTERNATION


# --- in a notebook: the cells in a real ipykernel ---------------------------------------------

@notebook_test
def test_in_a_notebook_the_notes_run_until_complete_line_raises_this_event_loop_is_already_running(kernel):
    """In a notebook cell the notes' `run_until_complete` line raises `RuntimeError`: the kernel's loop is already running"""
    # Red on a kernel that ran cells with no event loop running (IPython in a terminal before 7,
    # or a kernel patched with nest_asyncio, where run_until_complete re-enters the loop).
    cell = kernel.run(NOTES_FORM.format(runner="loop = asyncio.get_event_loop()\n"
                                               "    loop.run_until_complete(asyncio.gather(foo(), bar()))"))
    assert cell.error == ("RuntimeError", "This event loop is already running"), cell.describe()
    assert cell.stdout == "", cell.describe()


@notebook_test
def test_in_a_notebook_asyncio_run_raises_runtimeerror_too(kernel):
    """In a notebook cell `asyncio.run(main())`, the form that works in every script, raises `RuntimeError` as well"""
    # Red on a kernel that ran cells outside an event loop, where asyncio.run would work.
    cell = kernel.run(NOTES_FORM.format(runner="asyncio.run(main())"))
    assert cell.error == ("RuntimeError", "asyncio.run() cannot be called from a running event loop"), cell.describe()
    assert cell.stdout == "", cell.describe()


@notebook_test
def test_in_a_notebook_a_top_level_await_of_the_gather_runs_both_coroutines(kernel):
    """In a notebook a top-level `await asyncio.gather(foo(), bar())` runs them, alternating, and shows its value"""
    # Red on a kernel without top-level await (a SyntaxError: 'await' outside function), or one
    # that ran the coroutines one after the other.
    defined = kernel.run(NOTES_FORM.format(runner="pass"))
    assert defined.error is None and defined.stdout == "", defined.describe()
    cell = kernel.run("await asyncio.gather(foo(), bar())")
    assert cell.error is None, cell.describe()
    assert cell.stdout == ALTERNATION, cell.describe()
    assert cell.result == "[None, None]", cell.describe()

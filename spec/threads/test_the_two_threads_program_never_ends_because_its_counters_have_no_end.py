"""The notes' two_threads.py never ends: its counters loop over itertools.count(), so the joins never return, and its transcript cannot be its output."""
import textwrap

import pytest

from claimspec import SHORT, Claim, run_python

CLAIM = Claim(
    section="Threading in python",
    notes=(
        "two_threads.py starts two threads, foo and bar, that count (the loops iterate over "
        "itertools.count()), while the main thread counts to 4 with a sleep, prints that it is "
        "complete and joins both; the transcript beside it shows foo and bar each counting 0 to 9 "
        "and the main thread's lines as 'main:counting 0' to 'main:counting 4'."
    ),
    verdict="notes-wrong",
    truth=(
        "itertools.count() never ends, so foo and bar count forever (0, 1, 2 ... without bound), "
        "t1.join() never returns and the program never ends: it has to be killed. The transcript "
        "cannot be its output: its counters stop at 9, its main lines read 'main:counting' where "
        "print('main: counting', i) writes 'main: counting', and the 'main: complete...' line the "
        "program prints is missing. Counters over range(10) would stop at 9 and let the program end, "
        "but would still print 'main: complete...'."
    ),
    line=246,
)

# Our own program with the notes' structure. Each counter prints to a sink of its own (a StringIO) so that
# stdout holds only the main thread's lines and the observer's report. The observer (a daemon
# thread) waits until the main thread is inside t1.join() and both counters have gone far past 9
# while still running, reports, and ends the process with os._exit: nothing else would end it.
_PROGRAM = textwrap.dedent("""
    import io
    import os
    import sys
    import threading
    import time
    from itertools import count

    sinks = {{"foo": io.StringIO(), "bar": io.StringIO()}}
    last = {{}}
    joining = threading.Event()

    def foo():
        for i in {counter}:
            print("foo: counting", i, file=sinks["foo"])
            last["foo"] = i

    def bar():
        for i in {counter}:
            print("bar: counting", i, file=sinks["bar"])
            last["bar"] = i

    def observer():
        joining.wait(30)
        deadline = time.monotonic() + 20
        while min(last.get("foo", -1), last.get("bar", -1)) < 10_000 and time.monotonic() < deadline:
            time.sleep(0.001)  # a bounded poll of the counters, not a synchronisation
        print("observer: foo and bar past 10000:", min(last.get("foo", -1), last.get("bar", -1)) >= 10_000,
              "still running:", t1.is_alive() and t2.is_alive(), flush=True)
        os._exit(0)

    t1 = threading.Thread(target=foo)
    t2 = threading.Thread(target=bar)
    threading.Thread(target=observer, daemon=True).start()
    t1.start()
    t2.start()
    for i in range(5):
        print("main: counting", i)
    print("main: complete...", flush=True)
    joining.set()
    t1.join()
    t2.join()
    print("main: both joined:", sorted(last.items()))
""")

_MAIN_LINES = "".join(f"main: counting {i}\n" for i in range(5)) + "main: complete...\n"


@pytest.fixture(scope="module")
def endless():
    # the watchdog at SHORT, not LONG: the observer normally ends the program within a fraction of a
    # second; under a runtime whose thread bodies ran in forked children it never did (60 s)
    return run_python(_PROGRAM.format(counter="count()"), timeout=SHORT)


def test_counters_over_itertools_count_run_past_any_bound_while_main_waits_in_join(endless):
    """Counters over itertools.count() pass 10000 and still run while the main thread waits in join()

    A runtime (or a program) whose counters stopped would let the joins return: the output
    would end with 'main: both joined' and no observer line, and this test would go red.
    """
    endless.assert_ok()
    assert endless.stdout.endswith(
        "observer: foo and bar past 10000: True still running: True\n"
    ), endless.describe()
    assert "main: both joined" not in endless.stdout, endless.describe()


def test_the_main_thread_prints_main_counting_with_a_space_and_a_complete_line(endless):
    """print("main: counting", i) writes 'main: counting 0', not the transcript's 'main:counting 0'"""
    endless.assert_ok()
    assert endless.stdout.startswith(_MAIN_LINES), endless.describe()


def test_with_range_ten_counters_the_program_ends_after_nine_and_prints_complete():
    """With range(10) counters the program ends, each counter stops at 9, and 'main: complete...' is printed"""
    ran = run_python(_PROGRAM.format(counter="range(10)").replace(
        "threading.Thread(target=observer, daemon=True).start()", ""
    ) + "print(all(sinks[name].getvalue() == ''.join(f'{name}: counting {i}\\n' for i in range(10))"
        " for name in sinks))\n")
    ran.assert_ok()
    assert ran.stdout == (
        _MAIN_LINES + "main: both joined: [('bar', 9), ('foo', 9)]\nTrue\n"
    ), ran.describe()

"""The notes' Event example runs as printed, and never ends: its updater and five readers loop forever in non-daemon threads."""
import functools
import re

from claimspec import SETTLE, Claim, run_python

CLAIM = Claim(
    section="ThreadSync: Events",
    notes=(
        "The Event example: an updater thread loops clearing the event, pausing 1 to 10 s, writing ten "
        "random numbers into a shared list, setting the event and pausing 1 to 5 s; five reader threads "
        "loop printing 'waiting for list update...', waiting on the event, then printing the list's first "
        "and last five numbers."
    ),
    verdict="partly",
    truth=(
        "the program runs as printed on Python 3 (the imported random() is never used) and behaves as "
        "described, but it never ends: both loops are `while True` with no way out and the threads are not "
        "daemons, so a script running it never exits (the interpreter waits for them at exit forever), and "
        "in Jupyter the cell returns at once while the threads print into the notebook until the kernel is "
        "restarted. The printed transcript is cut off mid-word at its end for that reason: it was stopped, "
        "not finished."
    ),
    line=572,
)

# Our own program with the notes' structure (same loops, same output formats),
# with the pauses scaled from seconds to milliseconds. After the main code the
# interpreter waits for the non-daemon threads; threading._register_atexit
# (CPython and PyPy 3.9+) reports that moment, and re-arms the watchdog to end the child
# SETTLE * 3 later: still running by then, it is waiting for the threads (a runtime that did not
# wait would have exited at once), and the test need not wait out the whole SETTLE * 20.
_EXAMPLE = """
    import faulthandler
    import sys
    import threading
    from random import randint, sample
    from time import sleep

    data = []
    updated = threading.Event()

    def update_data():
        while True:
            updated.clear()
            sleep(randint(1, 10) / 1000)
            data[:] = sample(range(100), 10)
            updated.set()
            sleep(randint(1, 5) / 1000)

    def get_data(name):
        while True:
            print("{} waiting for list update...".format(name), flush=True)
            updated.wait()
            print("In {}: top 5 = {}\\n".format(name, str(data[:5])), flush=True)
            print("In {}: bottom 5 = {}\\n".format(name, str(data[-5:])), flush=True)

    def main_code_ended():
        print("EXIT: waiting for %d threads" % (threading.active_count() - 1), flush=True)
        faulthandler.dump_traceback_later(float(sys.argv[1]), exit=True)  # the watchdog, re-armed

    threading._register_atexit(main_code_ended)
    update_thread = threading.Thread(target=update_data)
    readers = {}
    update_thread.start()
    for i in range(5):
        readers[i] = threading.Thread(target=get_data, args=("Reader-%d" % i,))
        readers[i].start()
"""


@functools.lru_cache(maxsize=None)
def _run_example():
    """One run of the example per test process, shared by the tests of this module."""
    return run_python(_EXAMPLE, str(SETTLE * 3), timeout=SETTLE * 20)


def test_the_example_is_still_running_when_the_watchdog_stops_it():
    """After its main code ends the example waits at exit for its 6 threads until the watchdog ends it

    Red on a runtime that exited without waiting for non-daemon threads (or if the threads were daemons:
    checked by running this copy with daemon=True, which exits 0)."""
    ran = _run_example()
    assert ran.returncode != 0 and ran.stderr.startswith("Timeout"), ran.describe()[-2000:]
    assert "EXIT: waiting for 6 threads" in ran.stdout, ran.stdout[:2000]  # readers' lines may run into it


def test_every_reader_prints_its_waiting_line_and_the_first_and_last_five_numbers():
    """Each of the five readers prints `Reader-N waiting for list update...` and two lists of five numbers"""
    ran = _run_example()
    out = ran.stdout
    waiting = set(re.findall(r"(Reader-\d) waiting for list update\.\.\.", out))
    tops = re.findall(r"In (Reader-\d): top 5 = \[([\d, ]*)\]", out)
    bottoms = re.findall(r"In (Reader-\d): bottom 5 = \[([\d, ]*)\]", out)
    names = {f"Reader-{i}" for i in range(5)}
    assert waiting == names, out[:2000]
    assert {name for name, _ in tops} == names and {name for name, _ in bottoms} == names, out[:2000]
    for _, numbers in tops + bottoms:
        values = [int(n) for n in numbers.split(", ")]
        assert len(values) == 5 and all(0 <= v < 100 for v in values), numbers

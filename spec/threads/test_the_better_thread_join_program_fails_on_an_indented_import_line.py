"""The notes' thread_join_better.py does not run as written: its second line is indented, an IndentationError; fixed, it names its threads 'Thread-N (foo)' from 3.10 on."""
import textwrap

import pytest

from claimspec import Claim, run_python
from spec.threads.thread_probes import default_thread_name

CLAIM = Claim(
    section="Thread group",
    notes=(
        "thread_join_better.py starts five threads of one function, each counting a random number "
        "of steps (randrange(5, 30, 5)) and printing '<thread name>: counting i', then waits for "
        "them with the round-robin join loop, printing '<name> completed...' as each one ends."
    ),
    verdict="notes-wrong",
    truth=(
        "as written the program cannot even be compiled: its import line, the second line of the "
        "cell, starts with a space, and Python stops with 'IndentationError: unexpected indent' "
        "before anything runs. With that space removed it runs as described: the threads, unnamed, "
        "are called 'Thread-1' ... 'Thread-5' up to 3.9 (PyPy 3.9 too) and 'Thread-1 (foo)' ... "
        "'Thread-5 (foo)' from 3.10 on, each counts 5, 10, 15, 20 or 25 steps, and each is "
        "reported completed once, in the order they finish."
    ),
    line=493,
)

_SHAPE = "# a cell\n from threading import Thread, current_thread\nfrom time import sleep\n"


def test_an_indented_import_on_the_second_line_is_an_indentation_error():
    """A program whose second line is an indented import raises IndentationError: unexpected indent"""
    with pytest.raises(IndentationError, match="unexpected indent") as info:
        compile(_SHAPE, "thread_join_better.py", "exec")
    assert info.value.lineno == 2


def test_a_program_with_that_line_stops_before_running_anything():
    """Run as a script, such a program prints nothing and exits 1 with the IndentationError"""
    ran = run_python(_SHAPE + "print('ran')\n", as_file=True)
    assert ran.returncode == 1 and ran.stdout == "", ran.describe()
    assert ran.stderr.strip().splitlines()[-1] == "IndentationError: unexpected indent", ran.describe()


# Our own program with the same structure, the indentation fixed. Each thread counts its given
# number of steps (fixed counts instead of randrange, no sleeps); a lock keeps each printed line whole.
_FIXED = textwrap.dedent("""
    import threading
    from threading import Thread, current_thread
    from collections import deque

    printing = threading.Lock()

    def foo(c, s):
        t = current_thread()
        for i in range(c):
            with printing:
                print(f"{t.name}: counting", i)

    threads = deque()
    for c in (25, 5, 15, 10, 20):
        t = Thread(target=foo, args=(c, 0.5))
        t.start()
        threads.append(t)

    while threads:
        t = threads[0]
        t.join(0.01)
        if not t.is_alive():
            threads.popleft()
            with printing:
                print(t.name, "completed...")
        else:
            threads.rotate(-1)
""")


def test_fixed_the_program_names_the_threads_by_version_and_reports_each_completed_once():
    """Fixed, the threads print as 'Thread-1 (foo): counting 0' from 3.10 on, 'Thread-1: counting 0' before

    A runtime on 3.10+ that left the target out of default names (or one before 3.10 that put it
    in) prints other names, and this test goes red.
    """
    ran = run_python(_FIXED)
    ran.assert_ok()
    lines = ran.stdout.splitlines()
    names = [default_thread_name(n, "foo") for n in range(1, 6)]
    counts = dict(zip(names, (25, 5, 15, 10, 20)))
    for name, c in counts.items():
        assert [line for line in lines if line.startswith(name + ": ")] == [
            f"{name}: counting {i}" for i in range(c)
        ], ran.describe()
    completed = [line for line in lines if line.endswith(" completed...")]
    assert sorted(completed) == sorted(f"{name} completed..." for name in names), ran.describe()
    assert len(lines) == sum(counts.values()) + 5, ran.describe()

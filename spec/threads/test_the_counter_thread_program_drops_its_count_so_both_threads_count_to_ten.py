"""The notes' threads_oo.py runs, but its constructor drops the count it is given: CounterThread(10) and CounterThread(7) both count 0 to 9, as 'Thread-1' and 'Thread-2' on every version."""
import textwrap

from claimspec import Claim, run_python
from spec.threads.thread_probes import default_thread_name

CLAIM = Claim(
    section="Method 2 of creating thread",
    notes=(
        "threads_oo.py defines CounterThread(Thread) whose __init__(self, c) calls "
        "Thread.__init__(self) and whose run() prints '<name>: counting i' for i in range(10) "
        "with a sleep; the main code makes CounterThread(10) and CounterThread(7) and starts both."
    ),
    verdict="partly",
    truth=(
        "it runs as written and shows run() of a subclass executing in two threads, and the process "
        "waits for both although the main code never joins them. But the count c is never stored, "
        "so it reaches neither Thread nor run(): both threads count 0 to 9, ten lines each, whatever "
        "they were given. The names are 'Thread-1' and 'Thread-2' on every version: the 3.10 "
        "change that appends '(target)' to default names does not apply, a subclass has no target."
    ),
    line=1038,
)

# Our own program with the same structure, without the sleeps; a lock keeps each printed line
# whole. The main code ends without joining, as in the notes. {store} lets a test keep the count.
_PROGRAM = textwrap.dedent("""
    import threading
    from threading import Thread

    printing = threading.Lock()

    class CounterThread(Thread):
        def __init__(self, c):
            Thread.__init__(self)
            {store}

        def run(self):
            for i in range({limit}):
                with printing:
                    print(f"{{self.name}}: counting", i)

    c1 = CounterThread(10)
    c2 = CounterThread(7)
    print("count kept:", 10 in vars(c1).values(), 7 in vars(c2).values(), c1._args, c2._args)
    c1.start()
    c2.start()
""")


def _lines_of(stdout, name):
    return [line for line in stdout.splitlines() if line.startswith(name + ": ")]


def test_the_count_given_to_the_constructor_is_stored_nowhere_on_the_thread():
    """The count given to CounterThread is stored nowhere on the object: not in vars(), not in Thread's args

    A Thread.__init__ that picked up the subclass's arguments would show 10 or 7, and go red.
    """
    ran = run_python(_PROGRAM.format(store="pass", limit="10"))
    ran.assert_ok()
    assert ran.stdout.splitlines()[0] == "count kept: False False () ()", ran.describe()


def test_both_threads_print_ten_lines_under_names_without_a_target():
    """Both threads print 'Thread-1: counting 0' to 9 and 'Thread-2: counting 0' to 9, on 3.9 and 3.10+ alike

    The main code never joins them, yet all twenty lines are printed. A runtime that appended a
    target to a subclass's default name, or whose process did not wait for the threads, goes red.
    """
    ran = run_python(_PROGRAM.format(store="pass", limit="10"))
    ran.assert_ok()
    for n in (1, 2):
        name = default_thread_name(n)
        assert name == f"Thread-{n}"
        assert _lines_of(ran.stdout, name) == [f"{name}: counting {i}" for i in range(10)], ran.describe()
    assert len(ran.stdout.splitlines()) == 21, ran.describe()


def test_stored_and_used_the_count_makes_the_second_thread_stop_after_seven():
    """Stored as self.c and used by run(), the count makes CounterThread(7) print seven lines

    The contrast shows that the notes' program drops c: a program that still dropped it would
    print ten lines for Thread-2 here too, and this test would go red.
    """
    ran = run_python(_PROGRAM.format(store="self.c = c", limit="self.c"))
    ran.assert_ok()
    assert len(_lines_of(ran.stdout, "Thread-1")) == 10, ran.describe()
    assert _lines_of(ran.stdout, "Thread-2") == [f"Thread-2: counting {i}" for i in range(7)], ran.describe()

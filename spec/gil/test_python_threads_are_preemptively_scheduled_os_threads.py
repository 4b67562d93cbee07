"""Python threads are OS threads that are preempted: a thread spinning in pure Python cannot keep the others from running."""
import threading
import time

from claimspec import SHORT, Claim
from claimspec.notebook import notebook_test

CLAIM = Claim(
    section="GIL",
    notes="Python threads were never designed for parallel execution; they are used for preemptive "
    "execution, and because of this they are slower than other languages' threads.",
    verdict="opinion",
    truth="What threads were designed for is a statement about intent, not something a runtime "
    "can show; what can be checked is said here. Preemptive, yes: the OS schedules them, and under "
    "a GIL the interpreter makes a running thread hand the GIL over after the switch interval, so "
    "a thread spinning in Python cannot starve the others (the test below). They are the OS's own "
    "threads (one native thread each, see spec/threads/test_each_thread_is_its_own_os_thread.py), "
    "created and switched by the OS as in C or Java; what is slower is the interpreter running "
    "bytecode, and under a GIL CPU-bound threads taking turns. And the design does not keep them "
    "from parallel work: the threading module is modelled on Java's, threads run in parallel "
    "outside the GIL (I/O, C code that releases it), and free-threaded builds (3.13t on) run "
    "Python code in parallel; the advice to reach for processes stops holding there. In a "
    "notebook the same: a cell's threads are preempted as in a script, and they share the process "
    "(and its GIL) with the kernel's own threads.",
    line=319,
)


def test_a_thread_spinning_in_pure_python_is_preempted_so_another_thread_runs():
    """A thread spinning in pure Python never yields, yet the main thread runs and stops it"""
    # Red with cooperative threads (gevent's monkey-patched threading): the main thread would run
    # only when the spinner gave up at its deadline.
    stop = threading.Event()
    started = threading.Event()
    outcome = []

    def spin():
        started.set()
        deadline = time.monotonic() + SHORT
        while not stop.is_set() and time.monotonic() < deadline:
            pass  # pure Python: never blocks, never sleeps
        outcome.append("stopped" if stop.is_set() else "gave up")

    spinner = threading.Thread(target=spin)
    spinner.start()
    assert started.wait(SHORT)
    stop.set()  # runs only if the spinner was made to let go of the CPU (and, with a GIL, the GIL)
    spinner.join(SHORT * 2)
    assert outcome == ["stopped"]


SPIN_CELL = """
import threading, time
stop, started, outcome = threading.Event(), threading.Event(), []

def spin():
    started.set()
    deadline = time.monotonic() + {limit}
    while not stop.is_set() and time.monotonic() < deadline:
        pass
    outcome.append("stopped" if stop.is_set() else "gave up")

spinner = threading.Thread(target=spin)
spinner.start()
started.wait({limit})
stop.set()
spinner.join({limit} * 2)
print(outcome, threading.active_count() > 2)
"""


@notebook_test
def test_in_a_notebook_a_cell_thread_spinning_in_pure_python_is_preempted_too(kernel):
    """In a notebook cell too, a thread spinning in pure Python is preempted, beside the kernel's own threads"""
    # A witness, no timing: red with cooperative threads in the kernel (the cell's main thread
    # would run only when the spinner gave up), or a kernel that ran no threads of its own.
    cell = kernel.run(SPIN_CELL.format(limit=SHORT))
    assert cell.error is None, cell.describe()
    assert cell.stdout == "['stopped'] True\n", cell.describe()

"""The notes' producer/consumer cell cannot be parsed by Python 3 (a print statement), never calls its test(), and, ported and called, prints counts forever: its two threads loop without end and are not daemons."""
import importlib
import re

import pytest

from claimspec import LONG, SHORT, Claim, run_python

CLAIM = Claim(
    section="Inbuilt- Queue",
    notes=(
        "A cell shows a Queue example: a Send thread puts an increasing count into a Queue(10) "
        "once a second, a Recieve thread gets and prints each count once a second; it imports "
        "`from Queue import Queue` and prints with `print \"Count: \", ...`; no output is shown."
    ),
    verdict="notes-wrong",
    truth=(
        "It is Python 2 and does not run on Python 3: the print statement is a SyntaxError, "
        "raised when the cell is compiled, before the import of `Queue` (ModuleNotFoundError on "
        "Python 3, whose module is `queue`) is ever reached. Even on Python 2 the cell only "
        "defines its classes and test(): nothing calls test(), so it prints nothing. Ported to "
        "Python 3 and called, it prints 'Count:  1', 'Count:  2' ... (two spaces: print puts "
        "one between its arguments) without end: both threads are non-daemon and loop forever, "
        "so the program never exits. The hand-over itself is sound (FIFO, bounded): see "
        "test_queue_hands_items_to_the_consumer_in_fifo_order_and_bounds_the_producer."
    ),
    line=1305,
)

# Our own program with the cell's structure, in Python 3: the same classes and test(),
# test() called, and the one-second sleeps left out (they only pace the loops). After test()
# returns, the main thread checks whether the program could end, then leaves with os._exit:
# exit code 3 means both threads are still looping and neither is a daemon.
PORTED = r"""
import os
import threading
import time
from queue import Queue

class Sender(threading.Thread):
    def __init__(self, queue):
        threading.Thread.__init__(self)
        self.queue = queue
        self.count = 0

    def run(self):
        while True:
            self.count += 1
            self.queue.put(self.count)

class Receiver(threading.Thread):
    def __init__(self, queue):
        threading.Thread.__init__(self)
        self.queue = queue

    def run(self):
        while True:
            print("Count: ", self.queue.get())

def test():
    data_queue = Queue(10)
    sender = Sender(data_queue)
    receiver = Receiver(data_queue)
    sender.start()
    receiver.start()
    return sender, receiver

sender, receiver = test()
deadline = time.monotonic() + {short}
while sender.count < 30 and time.monotonic() < deadline:
    time.sleep(0.001)
looping = sender.count >= 30 and sender.is_alive() and receiver.is_alive()
os._exit(3 if looping and not sender.daemon and not receiver.daemon else 4)
"""


def test_the_cell_is_a_syntax_error_for_python_3_before_any_import_runs():
    """Compiling a cell with `from Queue import Queue` and a print statement fails with `SyntaxError` first"""
    cell = 'from Queue import Queue\n\ndef run(q):\n    print "Count: ", q.get()\n'
    with pytest.raises(SyntaxError, match="Missing parentheses in call to 'print'|invalid syntax"):
        compile(cell, "<a cell like the notes' one>", "exec")


def test_the_python_2_module_name_queue_with_a_capital_does_not_exist_in_python_3():
    """On Python 3 `import Queue` raises `ModuleNotFoundError`: the module is `queue`"""
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("Queue")


def test_ported_and_called_the_example_prints_the_counts_in_order_and_never_ends():
    """Ported to Python 3 and called, it prints `Count:  1`, `Count:  2` ... while two non-daemon threads loop on"""
    # Red on a runtime whose queue.Queue lost or reordered items, or where Thread subclasses
    # were daemons by default (then the program could end after test()).
    ran = run_python(PORTED.replace("{short}", str(SHORT)), env={"PYTHONUNBUFFERED": "1"}, timeout=LONG)
    assert ran.returncode == 3 and ran.stderr == "", ran.describe()
    complete = ran.stdout.split("\n")[:-1]  # os._exit may cut the last line short
    assert len(complete) >= 3, ran.describe()
    assert all(re.fullmatch(r"Count:  \d+", line) for line in complete), ran.describe()
    assert [int(line.split()[-1]) for line in complete] == list(range(1, len(complete) + 1))

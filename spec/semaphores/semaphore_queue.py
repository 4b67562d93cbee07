"""Shared by the Semaphore specs (and the Condition spec's queue): the notes' two-semaphore queue,
rebuilt, the deque that records its peak length, and a count of the acquires a semaphore still allows.
"""
import collections
import threading


class PeakDeque(collections.deque):
    """A deque that remembers the largest length an append left it with."""

    peak = 0

    def append(self, value):
        super().append(value)
        size = len(self)
        if size > self.peak:
            self.peak = size


class NotesSimpleQueue:
    """The notes' producer-consumer queue: `reader` counts items, `writer` counts free slots.

    ``Semaphore`` stands for the name the notes import: their suggested swap
    ``from threading import BoundedSemaphore as Semaphore`` is ``Semaphore=threading.BoundedSemaphore``.
    The notes also create a Lock in this class and never use it; it is left out here.
    """

    def __init__(self, size, Semaphore=threading.Semaphore):  # noqa: N803 - the notes' name
        self.queue = PeakDeque()
        self.reader = Semaphore(0)
        self.writer = Semaphore(size)

    def put(self, value):
        self.writer.acquire()
        self.queue.append(value)
        self.reader.release()

    def get(self):
        self.reader.acquire()
        value = self.queue.popleft()
        self.writer.release()
        return value


DRAIN_CAP = 10_000  # no semaphore here holds this many: reaching it means acquire never says no


def acquirable(sem):
    """How many acquires succeed without blocking (the semaphore is drained), at most ``DRAIN_CAP``:
    on a runtime whose acquire never refuses, an unbounded drain would loop for ever."""
    count = 0
    while count < DRAIN_CAP and sem.acquire(blocking=False):
        count += 1
    return count


# Put at the top of a child program: once its main thread has finished (its code ran to the end or
# raised), a daemon thread reports how many non-daemon threads are still running and ends the
# process with exit code 7. A program whose threads are all gone by then exits normally instead.
OBSERVE_AFTER_MAIN = '''
import os as _os, threading as _threading, time as _time

def _observe():
    deadline = _time.monotonic() + 30
    while _threading.main_thread().is_alive() and _time.monotonic() < deadline:
        _time.sleep(0.005)  # a bounded poll of the main thread's state
    alive = [t for t in _threading.enumerate()
             if not t.daemon and t is not _threading.main_thread()]
    print("main thread finished:", not _threading.main_thread().is_alive(), flush=True)
    print("non-daemon threads still running:", len(alive), flush=True)
    _os._exit(7)

_threading.Thread(target=_observe, daemon=True).start()
'''

def notes_semaphore_program(stop):
    """The notes' semaphore program, rebuilt without its prints and sleeps, ready for a child
    interpreter: a producer and a consumer thread loop for ever on a two-semaphore queue of size
    10 (``NotesSimpleQueue``, the very class the tests drive in the test process) while the main thread shows the deque in a loop, which ``stop`` (a statement: ``break``,
    or ``raise KeyboardInterrupt`` as Ctrl-C would) ends after 100 shows."""
    return _NOTES_SEMAPHORE_PROGRAM.replace("STOP_THE_MAIN_LOOP", stop)


_NOTES_SEMAPHORE_PROGRAM = '''
import random
import threading

from spec.semaphores.semaphore_queue import NotesSimpleQueue as SimpleQueue

queue = SimpleQueue(10)


def producer():
    while True:
        queue.put(random.randint(1, 100))


def consumer():
    while True:
        queue.get()


threading.Thread(target=producer).start()
threading.Thread(target=consumer).start()
shows = 0
while True:
    try:
        str(queue.queue)
    except RuntimeError:
        pass  # PyPy: deque mutated during iteration (its own spec module)
    shows += 1
    if shows == 100:
        STOP_THE_MAIN_LOOP
'''

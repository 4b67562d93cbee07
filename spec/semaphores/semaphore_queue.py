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


def acquirable(sem):
    """How many acquires succeed without blocking (the semaphore is drained)."""
    count = 0
    while sem.acquire(blocking=False):
        count += 1
    return count

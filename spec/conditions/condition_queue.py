"""Shared by the Condition spec's tests and its child program: the notes' SynchronizedQueue, rebuilt.

Importable as ``spec.conditions.condition_queue`` so that the notes' program, run in a child
interpreter, runs the very class the tests drive in the test process.
"""
import threading

from spec.semaphores.semaphore_queue import PeakDeque

# `room` is the notes' "full" condition (a put waits on it), `items` their "empty" condition (a get
# waits on it) and `guard` the lock taken around the deque operation.


class NotesQueue:
    """The notes' bounded queue: two Conditions and a Lock, each check made under one and acted on
    under others, each wait under `if` (the deque records its peak length)."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.queue = PeakDeque()
        self.room = threading.Condition()
        self.items = threading.Condition()
        self.guard = threading.Lock()

    def put(self, value):
        with self.room:
            if len(self.queue) >= self.capacity:
                self.room.wait()
        # the room check above is no longer protected here
        with self.items, self.guard:
            self.queue.append(value)
            self.items.notify()

    def get(self):
        with self.items:
            if not self.queue:
                self.items.wait()
        # the emptiness check above is no longer protected here
        with self.room, self.guard:
            value = self.queue.popleft()
            self.room.notify()
        return value

"""The notes' SynchronizedQueue is broken: consumers can pop an empty deque and producers can overfill it.

The notes' program runs one producer and four consumers on a SynchronizedQueue(10) built from two
Conditions and a Lock, each thread looping for ever and printing the value it adds or fetches with
the queue (`deque([...])`). It runs, but each check (full? empty?) is made under one Condition,
released, and acted on later under other locks, and each wait sits under `if`, not `while`. With
its one producer the queue cannot overfill, but two consumers can take the same last item: one of
them raises IndexError from `popleft()` and its thread dies with a traceback. With several
producers the queue also grows past its capacity. The program never ends by itself: its threads
are not daemons and loop for ever.
"""
import re
import threading
import time

from claimspec import SETTLE, SHORT, Claim, WaitTimeout, finish, run_python, start_call, stays_blocked, wait_until
from claimspec.races import ACCEPTABLE, FORBIDDEN, INTERESTING, REQUIRED
from spec.locks.lock_probes import frequent_switches
from spec.conditions.condition_queue import NotesQueue
from spec.semaphores.semaphore_queue import OBSERVE_AFTER_MAIN, PeakDeque

CLAIM = Claim(
    section="ThreadSync: Condition",
    notes=(
        "The producer-consumer example builds a bounded queue from two Conditions and a Lock: a "
        "put waits on one condition while the deque is at capacity, a get waits on the other while "
        "it is empty, then each takes the lock to append or pop; it runs one producer and four "
        "consumers on it, as a working producer-consumer queue."
    ),
    verdict="notes-wrong",
    truth=(
        "The example is racy. The emptiness or fullness check is made under one condition's lock, "
        "released, and the deque is changed later under another lock, so two threads can both pass "
        "the check on the same state; and it waits with `if` instead of `while`, so a woken "
        "consumer does not see that another took the item first. Consumers then pop an empty "
        "deque (IndexError, which ends that consumer's thread), and with more than one producer "
        "the deque grows past its capacity; with the notes' single producer only the first can "
        "happen. The program never ends: its threads loop for ever and are not daemons. The usual "
        "form (one lock shared by both conditions, check and change under it, `while` around each "
        "wait) never fails under the same stress."
    ),
    line=1136,
)

# The notes' queue, rebuilt, is spec/conditions/condition_queue.py's NotesQueue: the tests below
# drive it in this process, and the notes' program runs it in a child.


class CorrectedQueue:
    """One lock under both conditions; every check and change under it; `while` around waits."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.queue = PeakDeque()
        lock = threading.Lock()
        self.room = threading.Condition(lock)
        self.items = threading.Condition(lock)

    def put(self, value):
        with self.room:
            while len(self.queue) >= self.capacity:
                self.room.wait()
            self.queue.append(value)
            self.items.notify()

    def get(self):
        with self.items:
            while not self.queue:
                self.items.wait()
            value = self.queue.popleft()
            self.room.notify()
            return value


# --- instruments that let the test choose the interleaving ----------------------------------------


class GatedCondition(threading.Condition):
    """A Condition whose `with` first waits at `gate` (a Barrier), once the test sets one.

    Holding threads at the door of a `with` is a schedule the OS may produce on its own: a
    thread can always be pre-empted between releasing one lock and taking the next.
    """

    gate = None

    def __enter__(self):
        if self.gate is not None:
            self.gate.wait(SHORT)
        return super().__enter__()


class ObservedCondition(threading.Condition):
    """A Condition that reports when a thread has started to wait on it."""

    def __init__(self, lock=None):
        super().__init__(lock)
        self.waiting = threading.Event()

    def wait(self, timeout=None):
        self.waiting.set()  # the lock is still held here; wait() releases it
        return super().wait(timeout)


def outcome(pending, timeout=SHORT):
    """What a helper-thread call ended with: its value, or the exception type it raised (the
    calls here are a few lock operations: one still running after ``timeout`` is stuck, and
    ``WaitTimeout`` is what it ended with)."""
    try:
        return finish(pending, timeout)
    except Exception as exc:  # noqa: BLE001 - the exception is the observation
        return type(exc)


def outcomes(*pending):
    """The outcomes of several helper calls, all within one SHORT deadline (on a runtime that
    leaves them stuck, the waits do not add up)."""
    deadline = time.monotonic() + SHORT
    return [outcome(p, max(0.0, deadline - time.monotonic())) for p in pending]


def test_two_consumers_that_both_saw_one_item_leave_one_popping_an_empty_deque():
    """Two consumers that both passed the emptiness check on one item: one gets it, the other gets `IndexError`"""
    q = NotesQueue(capacity=2)
    q.room = GatedCondition()
    q.put("the only item")
    # both consumers pass the emptiness check before either reaches the pop
    q.room.gate = threading.Barrier(2)
    first = start_call(q.get, name="consumer-1")
    second = start_call(q.get, name="consumer-2")
    results = sorted(outcomes(first, second), key=repr)
    assert results == sorted(["the only item", IndexError], key=repr), results


def test_two_producers_that_both_saw_room_for_one_put_two_items_in_a_queue_of_capacity_one():
    """Two producers that both passed the capacity check put two items in a queue of capacity one"""
    q = NotesQueue(capacity=1)
    q.items = GatedCondition()
    # both producers pass the capacity check before either appends
    q.items.gate = threading.Barrier(2)
    first = start_call(lambda: q.put("a"), name="producer-1")
    second = start_call(lambda: q.put("b"), name="producer-2")
    assert outcomes(first, second) == [None, None]
    assert sorted(q.queue) == ["a", "b"]
    assert len(q.queue) > q.capacity


def test_a_woken_consumer_does_not_recheck_and_pops_after_another_took_the_item():
    """A consumer woken by `notify()` does not recheck and pops an empty deque after another took the item"""
    q = NotesQueue(capacity=2)
    q.items = ObservedCondition()  # an RLock inside, as in the notes' Condition()
    sleeper = stays_blocked(q.get)
    assert q.items.waiting.wait(SHORT), "the consumer never started to wait"
    # Hold the consumer's lock, so that once notified it cannot run until we let it; meanwhile
    # (re-entering the RLock) put one item, which notifies it, and take that item ourselves.
    assert q.items.acquire(timeout=SHORT)
    try:
        # the put below re-enters it: on a runtime whose Condition() brought a plain Lock, fail
        # here after SHORT rather than deadlock this thread
        assert q.items.acquire(timeout=SHORT), "the lock of Condition() is not reentrant"
        q.items.release()
        q.put("one")
        taken = q.get()
    finally:
        q.items.release()
    assert taken == "one"
    assert outcome(sleeper) is IndexError  # it trusted the `if` and popped an empty deque


def stress(make_queue, producers=3, consumers=3, each=100, capacity=2):
    """Run producers and consumers on one queue; return (IndexErrors seen, peak length, items got).

    Consumers that hit IndexError count it and try again, so every item is still consumed and
    every thread ends. Should a broken run hang anyway, the threads are told to stop and woken
    until they do.
    """
    q = make_queue(capacity)
    stop = threading.Event()
    errors = []
    received = []
    quota = each * producers // consumers

    def produce(p):
        for i in range(each):
            if stop.is_set():
                return
            q.put((p, i))

    def consume():
        done = 0
        while done < quota and not stop.is_set():
            try:
                received.append(q.get())
            except IndexError:
                errors.append("popped an empty deque")
                continue
            done += 1

    # daemon threads: on a runtime whose locks stay held (a `with` left by an exception), a thread
    # blocked for ever is abandoned once the test has failed, and does not hold the test process
    threads = [threading.Thread(target=produce, args=(p,), daemon=True) for p in range(producers)]
    threads += [threading.Thread(target=consume, daemon=True) for _ in range(consumers)]
    for t in threads:
        t.start()
    try:
        wait_until(lambda: not any(t.is_alive() for t in threads), timeout=SHORT,
                   message="producers and consumers finish")
    finally:
        if any(t.is_alive() for t in threads):
            stop.set()

            def woken_and_gone():
                for cond in (q.room, q.items):
                    if cond.acquire(timeout=SETTLE):  # bounded: a stuck thread may hold it
                        try:
                            cond.notify_all()
                        finally:
                            cond.release()
                return not any(t.is_alive() for t in threads)

            # told to stop and woken, they end at once: SETTLE * 20, not a second SHORT (under a
            # runtime that ran the numeric-argument producers as forked processes, out of the stop
            # event's reach, each such trial waited 2 x SHORT = 10 s)
            wait_until(woken_and_gone, timeout=SETTLE * 20, message="stopped threads exit")
    return len(errors), q.queue.peak, received


def stress_outcomes(make_queue, producers=3, consumers=3, each=100, capacity=2):
    """One stress round as a race trial: the names of what it showed (several may show at once)."""
    try:
        errors, peak, received = stress(make_queue, producers, consumers, each, capacity)
    except WaitTimeout:
        return ["stuck (threads still waiting after SHORT)"]
    seen = []
    if errors:
        seen.append("popped from an empty deque")
    if peak > capacity:
        seen.append("held more than its bound")
    if sorted(received) != sorted((p, i) for p in range(producers) for i in range(each)):
        seen.append("an item lost or doubled")
    return seen or ["correct"]


def test_under_contention_the_notes_queue_is_seen_to_pop_empty_and_to_overfill(race):
    """With three producers and three consumers the notes' queue is seen to pop empty and to overfill"""
    # Red with the `if` replaced by `while` and one lock (no pop from an empty deque nor overfill
    # in the budget); deterministic witnesses of both are the gated tests above.
    with frequent_switches():
        race(lambda: stress_outcomes(NotesQueue), {
            "correct": INTERESTING,
            "popped from an empty deque": REQUIRED,
            "held more than its bound": REQUIRED,
            "an item lost or doubled": INTERESTING,
            "stuck (threads still waiting after SHORT)": INTERESTING,
        }).assert_grades()


def test_the_corrected_queue_never_pops_empty_nor_overfills_under_the_same_stress(race):
    """The corrected queue (one lock, `while` around each wait) never pops empty nor overfills"""
    # Red with the corrected queue's `while` turned back into `if` (pops from an empty deque).
    with frequent_switches():
        race(lambda: stress_outcomes(CorrectedQueue), {
            "correct": ACCEPTABLE,
            "popped from an empty deque": FORBIDDEN,
            "held more than its bound": FORBIDDEN,
            "an item lost or doubled": FORBIDDEN,
            "stuck (threads still waiting after SHORT)": FORBIDDEN,
        }).assert_grades()


def test_with_the_notes_one_producer_and_four_consumers_the_queue_pops_empty_but_never_overfills(race):
    """With the notes' one producer and four consumers, a consumer is seen to pop empty; the deque never exceeds 10"""
    # Red if the `if`-guarded get were safe (no IndexError in the budget), or if one producer
    # could overfill.
    with frequent_switches():
        race(lambda: stress_outcomes(NotesQueue, producers=1, consumers=4, each=200, capacity=10), {
            "correct": INTERESTING,
            "popped from an empty deque": REQUIRED,
            "held more than its bound": FORBIDDEN,
            "an item lost or doubled": INTERESTING,
            "stuck (threads still waiting after SHORT)": INTERESTING,
        }).assert_grades()


# The notes' program, rebuilt without its prints and sleeps: one producer and four consumers loop
# for ever on the queue (the very class the tests above drive); the main thread starts them and ends.
NOTES_CONDITION_PROGRAM = '''
import random
import threading

from spec.conditions.condition_queue import NotesQueue as SynchronizedQueue

data = SynchronizedQueue(10)


def producer():
    while True:
        data.put(random.randint(10, 99))


def consumer():
    while True:
        data.get()


threading.Thread(target=producer).start()
for _ in range(4):
    threading.Thread(target=consumer).start()
'''


def test_the_notes_program_runs_on_after_its_main_thread_finishes():
    """After the main thread finishes, the notes' non-daemon producer and consumers keep the program running"""
    # Red if the threads were daemons (the child would exit 0 with no report).
    ran = run_python(OBSERVE_AFTER_MAIN + NOTES_CONDITION_PROGRAM, timeout=SHORT * 4)
    assert ran.returncode == 7, ran.describe()
    lines = ran.stdout.splitlines()
    assert lines[0] == "main thread finished: True", ran.describe()
    assert re.fullmatch(r"non-daemon threads still running: [1-5]", lines[1]), ran.describe()

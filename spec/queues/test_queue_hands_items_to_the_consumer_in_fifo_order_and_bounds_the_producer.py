"""A `queue.Queue` shared by a producer thread and a consumer thread delivers items first in, first out, and a Queue(10) holds the producer back at ten items."""
import queue
import threading

from claimspec import SETTLE, SHORT, Claim, finish, join_threads, start_call, stays_blocked, wait_until

CLAIM = Claim(
    section="Inbuilt- Queue",
    notes=(
        "The producer/consumer example's design: a sender thread puts an increasing count into a "
        "Queue(10) shared with a receiver thread, which gets each count in turn."
    ),
    verdict="holds",
    truth=(
        "The receiver gets the counts in the order they were put (FIFO), and the bound of 10 makes "
        "the sender's put block while ten items wait, until the receiver takes one. Whether the "
        "notes' cell runs is judged in test_the_notes_producer_consumer_example_is_python_2_and_would_never_end."
    ),
    line=1336,
)


def test_a_consumer_thread_receives_the_counts_in_the_order_they_were_put():
    """A consumer thread gets 100 counts from a `queue.Queue(10)` in the order the producer put them"""
    # Red on a queue.Queue that behaved as a LifoQueue (checked by swapping one in).
    q = queue.Queue(10)

    def send():
        for count in range(1, 101):
            q.put(count, timeout=SHORT)

    sender = start_call(send, name="sender")
    received = [q.get(timeout=SHORT) for _ in range(100)]
    finish(sender)
    assert received == list(range(1, 101))


def test_a_bounded_queue_holds_the_producer_back_once_ten_items_wait():
    """A `queue.Queue(10)` blocks the producer's eleventh put until the consumer takes an item"""
    # Red on a queue.Queue that ignored maxsize (checked by dropping the maxsize).
    q = queue.Queue(10)
    sent = []

    def send_eleven():
        for count in range(1, 12):
            q.put(count)
            sent.append(count)

    pending = stays_blocked(send_eleven)
    wait_until(lambda: len(sent) == 10, message="ten puts went through")
    assert not pending.finished.wait(SETTLE), "the eleventh put did not block"
    assert q.qsize() == 10 and q.full() and len(sent) == 10
    assert q.get(timeout=SHORT) == 1  # room for one more: the producer's eleventh put goes through
    finish(pending)
    assert sent == list(range(1, 12))
    assert [q.get_nowait() for _ in range(10)] == list(range(2, 12))


def test_two_consumers_share_the_items_each_item_going_to_exactly_one():
    """With two consumer threads every item goes to exactly one, and each sees its items in FIFO order"""
    q = queue.Queue(10)
    got = {"first": [], "second": []}
    stop = object()

    def consume(name):
        while True:
            item = q.get(timeout=SHORT)
            if item is stop:
                return
            got[name].append(item)

    consumers = [threading.Thread(target=consume, args=(name,)) for name in got]
    for t in consumers:
        t.start()
    for count in range(200):
        q.put(count, timeout=SHORT)
    for _ in consumers:
        q.put(stop, timeout=SHORT)
    join_threads(consumers, SHORT)
    assert sorted(got["first"] + got["second"]) == list(range(200))
    for items in got.values():
        assert items == sorted(items), "a consumer saw items out of FIFO order"

"""The notes' two-semaphore queue is a correct bounded buffer: it never holds more than its size, loses nothing and keeps order."""
import sys
import threading

from claimspec import SHORT, Claim, blocks_until, finish, start_call, wait_until

CLAIM = Claim(
    section="ThreadSync: Semaphore",
    notes=(
        "Semaphores are used in pairs for producer-consumer: one counting items (starting at 0), "
        "one counting free slots (starting at the size); a put takes a slot and adds an item, a "
        "get takes an item and frees a slot."
    ),
    verdict="holds",
    truth=(
        "The queue never holds more than its size, a put blocks while it is full and a get while "
        "it is empty, nothing is lost or duplicated, and with one producer and one consumer the "
        "order is kept. The Lock the notes create in the class and never use is not needed: the "
        "semaphores order each pop after its append, and deque appends and pops are thread-safe."
    ),
)

SIZE = 3


def test_a_put_into_a_full_queue_blocks_until_a_get_frees_a_slot(notes_simple_queue):
    q = notes_simple_queue(SIZE)
    for i in range(SIZE):
        q.put(i)
    getters = []
    blocks_until(lambda: q.put("one more"), lambda: getters.append(q.get()))
    assert getters == [0]
    assert list(q.queue) == [1, 2, "one more"]


def test_a_get_from_an_empty_queue_blocks_until_a_put(notes_simple_queue):
    q = notes_simple_queue(SIZE)
    assert blocks_until(q.get, lambda: q.put("item")) == "item"


def _run(q, producers, consumers, each, watch=None):
    received = [[] for _ in range(consumers)]
    quota = producers * each // consumers

    def produce(p):
        for i in range(each):
            q.put((p, i))

    def consume(c):
        for _ in range(quota):
            received[c].append(q.get())

    threads = [threading.Thread(target=produce, args=(p,)) for p in range(producers)]
    threads += [threading.Thread(target=consume, args=(c,)) for c in range(consumers)]
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for t in threads:
            t.start()

        def finished():
            if watch is not None:
                watch()
            return not any(t.is_alive() for t in threads)

        wait_until(finished, timeout=SHORT, message="producers and consumers finish")
    finally:
        sys.setswitchinterval(old)
    return received


def test_with_one_producer_and_one_consumer_every_item_arrives_in_order(notes_simple_queue):
    q = notes_simple_queue(SIZE)
    (received,) = _run(q, producers=1, consumers=1, each=2000)
    assert received == [(0, i) for i in range(2000)]
    assert q.queue.peak <= SIZE
    assert len(q.queue) == 0


def test_with_several_producers_and_consumers_nothing_is_lost_or_doubled(notes_simple_queue):
    q = notes_simple_queue(SIZE)
    received = _run(q, producers=3, consumers=3, each=500)
    everything = sorted(item for got in received for item in got)
    assert everything == sorted((p, i) for p in range(3) for i in range(500))
    assert q.queue.peak <= SIZE
    # each consumer sees any one producer's items in the order they were put
    for got in received:
        for p in range(3):
            mine = [i for (who, i) in got if who == p]
            assert mine == sorted(mine)

